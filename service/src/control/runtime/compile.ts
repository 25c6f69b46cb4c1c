/**
 * Compiles the runtime configuration: a pure function from stored rows (secrets opened) and the live
 * API versions to the immutable RuntimeConfig the proxy serves. Deterministic: the same rows give the
 * same output, which the golden test pins.
 */
import crypto from 'node:crypto';
import type {
  AclRule, ApiDefinition, PublishedApi, RuntimeConfig, RuntimeGroup, RuntimeStage, SignatureKeyRule, ThrottlingRule,
} from '../../shared/runtime-config';

export interface CompileRow {
  id: string;
  tenantId: string;
  kind: string;
  data: Record<string, any>;
}

export interface LiveVersion {
  id: string;
  version: number;
  definition: Record<string, any>;
}

export interface CompileInput {
  revision: number;
  baseDomain: string;
  rows: readonly CompileRow[];
  versions: readonly LiveVersion[];
}

/** The kinds whose rows the runtime configuration is compiled from. */
export const RUNTIME_KINDS = [
  'group', 'domain', 'certificate', 'stage', 'variable', 'deployment', 'app', 'app_code', 'app_authorization',
  'throttling_policy', 'throttling_binding', 'acl_policy', 'acl_binding', 'signature_key', 'signature_binding',
  'channel', 'authorizer', 'gateway_response',
] as const;

const byId = (rows: readonly CompileRow[]) => new Map(rows.map((r) => [r.id, r]));
const apiStage = (r: CompileRow) => `${r.data.api_id}/${r.data.stage_id}`;
const sha256 = (v: string) => crypto.createHash('sha256').update(v).digest('hex');

function groupRows(rows: readonly CompileRow[]): Map<string, CompileRow[]> {
  const kinds = new Map<string, CompileRow[]>(RUNTIME_KINDS.map((k) => [k, []]));
  for (const r of [...rows].sort((a, b) => (a.id < b.id ? -1 : 1))) kinds.get(r.kind)?.push(r);
  return kinds;
}

function throttlingRule(policy: CompileRow): ThrottlingRule {
  const p = policy.data;
  const special = (type: string) => Object.fromEntries((p.special_limits ?? []).filter((s: any) => s.target_type === type).map((s: any) => [s.target_id, s.limit]));
  return {
    policy_id: policy.id, type: p.type, time_unit: p.time_unit, time_interval: p.time_interval, api_limit: p.api_limit,
    tenant_limit: p.tenant_limit, app_limit: p.app_limit, ip_limit: p.ip_limit,
    special_apps: special('APP'), special_tenants: special('TENANT'),
  };
}

const aclRule = (policy: CompileRow): AclRule =>
  ({ policy_id: policy.id, type: policy.data.type, entity_type: policy.data.entity_type, values: policy.data.values });
const signatureRule = (key: CompileRow): SignatureKeyRule =>
  ({ id: key.id, type: key.data.type, key: key.data.key, secret: key.data.secret });

/** Binding rows indexed by "api/stage", mapped to the rule of the policy they bind. */
function bound<T>(bindings: CompileRow[], policies: Map<string, CompileRow>, field: string, rule: (p: CompileRow) => T): Map<string, T> {
  const out = new Map<string, T>();
  for (const b of bindings) {
    const policy = policies.get(b.data[field]);
    if (policy) out.set(apiStage(b), rule(policy));
  }
  return out;
}

function compileGroups(kinds: Map<string, CompileRow[]>, input: CompileInput): Record<string, RuntimeGroup> {
  const groups: Record<string, RuntimeGroup> = {};
  for (const g of kinds.get('group')!) groups[g.id] = { id: g.id, tenant: g.tenantId, name: g.data.name, stages: {}, gateway_responses: {} };
  for (const r of kinds.get('gateway_response')!) {
    const group = groups[r.data.group_id];
    if (group) group.gateway_responses[r.data.error_type] = { status: r.data.status, body: r.data.body, headers: r.data.headers ?? {} };
  }
  const stages = byId(kinds.get('stage')!);
  const stageOf = (group: RuntimeGroup, stageId: string): RuntimeStage | undefined => {
    const stage = stages.get(stageId);
    if (!stage) return undefined;
    return (group.stages[stage.data.name] ??= { id: stage.id, name: stage.data.name, variables: {}, apis: [] });
  };
  const versions = new Map(input.versions.map((v) => [v.id, v]));
  const throttling = bound(kinds.get('throttling_binding')!, byId(kinds.get('throttling_policy')!), 'policy_id', throttlingRule);
  const acl = bound(kinds.get('acl_binding')!, byId(kinds.get('acl_policy')!), 'policy_id', aclRule);
  const signature = bound(kinds.get('signature_binding')!, byId(kinds.get('signature_key')!), 'signature_key_id', signatureRule);
  const authorized = new Map<string, string[]>();
  for (const a of kinds.get('app_authorization')!) authorized.set(apiStage(a), [...(authorized.get(apiStage(a)) ?? []), a.data.app_id]);

  for (const d of kinds.get('deployment')!) {
    const version = versions.get(d.data.version_id);
    const group = version && groups[version.definition.group_id];
    const stage = group && stageOf(group, d.data.stage_id);
    if (!stage) continue;
    const key = apiStage(d);
    const published: PublishedApi = {
      version_id: version.id, version: version.version, definition: version.definition as ApiDefinition,
      authorized_apps: [...(authorized.get(key) ?? [])].sort(),
    };
    if (throttling.has(key)) published.throttling = throttling.get(key);
    if (acl.has(key)) published.acl = acl.get(key);
    if (signature.has(key)) published.signature_key = signature.get(key);
    stage.apis.push(published);
  }
  for (const v of kinds.get('variable')!) {
    const group = groups[v.data.group_id];
    const stage = group && stageOf(group, v.data.stage_id);
    if (stage) stage.variables[v.data.name] = v.data.value;
  }
  return groups;
}

export function compileRuntimeConfig(input: CompileInput): RuntimeConfig {
  const kinds = groupRows(input.rows);
  const groups = compileGroups(kinds, input);
  const certificates = byId(kinds.get('certificate')!);
  const hosts: Record<string, string> = {};
  for (const id of Object.keys(groups)) hosts[`${id}.${input.baseDomain}`.toLowerCase()] = id;
  const domains = kinds.get('domain')!.map((d) => {
    hosts[d.data.hostname] = d.data.group_id;
    const cert = d.data.certificate_id ? certificates.get(d.data.certificate_id) : undefined;
    return {
      hostname: d.data.hostname, group_id: d.data.group_id, min_tls_version: d.data.min_tls_version,
      ...(cert ? { certificate: { id: cert.id, certificate_pem: cert.data.certificate_pem, private_key_pem: cert.data.private_key_pem, not_after: cert.data.not_after } } : {}),
    };
  });
  const apps = kinds.get('app')!;
  return {
    revision: input.revision,
    hosts,
    groups,
    apps_by_key: Object.fromEntries(apps.map((a) => [a.data.app_key, { id: a.id, tenant: a.tenantId, name: a.data.name, key: a.data.app_key, secret: a.data.app_secret }])),
    app_codes: Object.fromEntries(kinds.get('app_code')!.map((c) => [sha256(c.data.code), c.data.app_id])),
    channels: Object.fromEntries(kinds.get('channel')!.map((c) => [c.id, { id: c.id, algorithm: c.data.algorithm, members: c.data.members, ...(c.data.health_check ? { health_check: c.data.health_check } : {}) }])),
    authorizers: Object.fromEntries(kinds.get('authorizer')!.map((a) => [a.id, { id: a.id, ...withoutName(a.data) } as any])),
    domains,
  };
}

function withoutName(data: Record<string, any>): Record<string, any> {
  const { name: _name, ...rest } = data;
  return rest;
}
