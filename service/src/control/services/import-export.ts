/**
 * Swagger 2.0 / OpenAPI 3 import into a group (all or nothing, one transaction) and export of a
 * group's APIs, either as currently defined or as published in a stage.
 */
import { kindOf } from '../catalogue/kinds';
import { ApiError } from '../errors';
import { exportApis } from '../openapi-io/export';
import { parseApiDocument } from '../openapi-io/import';
import type { ApiDefinition, ExportDetail } from '../openapi-io/types';
import type { RequestContext, WriteContext } from '../resources/hooks';
import { presentResource, type PublicResource } from './present';
import { newId, type ResourceService } from './resource-service';
import { validateInput } from './validator';

const IMPORT_FIELDS = new Set(['document', 'base_path', 'on_conflict']);

function importOptions(body: any): { document: string | object; basePath: 'ignore' | 'prepend'; overwrite: boolean } {
  if (typeof body !== 'object' || body === null) throw ApiError.field('VALIDATION_FAILED', '(body)', 'must be a JSON object');
  const unknown = Object.keys(body).find((k) => !IMPORT_FIELDS.has(k));
  if (unknown) throw ApiError.field('VALIDATION_FAILED', unknown, 'is not a known field (document, base_path, on_conflict)');
  if (typeof body.document !== 'string' && (typeof body.document !== 'object' || body.document === null)) {
    throw ApiError.field('VALIDATION_FAILED', 'document', 'must be the document as a JSON object or as JSON / YAML text');
  }
  if (body.base_path !== undefined && !['ignore', 'prepend'].includes(body.base_path)) {
    throw ApiError.field('VALIDATION_FAILED', 'base_path', 'must be one of ignore, prepend');
  }
  if (body.on_conflict !== undefined && !['fail', 'overwrite'].includes(body.on_conflict)) {
    throw ApiError.field('VALIDATION_FAILED', 'on_conflict', 'must be one of fail, overwrite');
  }
  return { document: body.document, basePath: body.base_path ?? 'ignore', overwrite: body.on_conflict === 'overwrite' };
}

async function apisOfGroup(w: Pick<WriteContext, 'tenant' | 'resources'> & { tx?: WriteContext['tx'] }, groupId: string) {
  return (await w.resources.list(w.tenant, 'api', { refFilters: [{ field: 'group_id', targetId: groupId }], offset: 0, limit: 100000 }, w.tx)).items;
}

export async function importIntoGroup(service: ResourceService, ctx: RequestContext, groupId: string, body: unknown) {
  const options = importOptions(body);
  const parsed = await parseApiDocument(options.document, { basePath: options.basePath });
  const kind = kindOf('api');
  return service.inTransaction(ctx, async (w) => {
    await service.mustGet(ctx.tenant, kindOf('group'), groupId, w);
    const existing = new Map((await apisOfGroup(w, groupId)).map((a) => [a.name, a]));
    const items: PublicResource[] = [];
    for (const [i, api] of parsed.apis.entries()) {
      const input = withIndex(i, () => validateInput(kind, { ...api, group_id: groupId }));
      const current = existing.get(api.name);
      if (current && !options.overwrite) {
        throw ApiError.field('ALREADY_EXISTS', `apis[${i}].name`, `the group already has an API named "${api.name}" (set on_conflict to overwrite)`);
      }
      const stored = await withIndexAsync(i, () => service.write(w, kind, current?.id ?? newId(), input, current));
      await w.audit(current ? 'update' : 'create', 'api', stored.id, { name: stored.name, via: 'import' });
      items.push(presentResource(kind, stored));
    }
    await w.audit('import', 'group', groupId, { title: parsed.title, apis: items.length });
    return { items, warnings: parsed.warnings };
  });
}

/** Prefixes field errors with the index of the imported API they concern. */
function withIndex<T>(i: number, work: () => T): T {
  try { return work(); } catch (error) { throw reindex(i, error); }
}
async function withIndexAsync<T>(i: number, work: () => Promise<T>): Promise<T> {
  try { return await work(); } catch (error) { throw reindex(i, error); }
}
function reindex(i: number, error: unknown): unknown {
  if (!(error instanceof ApiError) || error.errors.length === 0) return error;
  return ApiError.fields(error.code, error.errors.map((e) => ({ ...e, field: `apis[${i}].${e.field}` })));
}

const DETAILS: readonly ExportDetail[] = ['basic', 'full', 'policies'];

export async function exportGroup(service: ResourceService, ctx: RequestContext, groupId: string, query: Record<string, unknown>) {
  const detail = (query.detail ?? 'full') as ExportDetail;
  if (!DETAILS.includes(detail)) throw ApiError.field('VALIDATION_FAILED', 'detail', 'must be one of basic, full, policies');
  const group = await service.mustGet(ctx.tenant, kindOf('group'), groupId);
  const r = { tenant: ctx.tenant, resources: service.resources };
  const stageId = typeof query.stage_id === 'string' ? query.stage_id : undefined;
  if (detail === 'policies' && !stageId) throw ApiError.field('VALIDATION_FAILED', 'stage_id', 'is required with detail=policies (policies are bound per stage)');
  const stage = stageId ? await service.mustGet(ctx.tenant, kindOf('stage'), stageId) : undefined;
  let apis: ApiDefinition[];
  const groupApis = await apisOfGroup(r, groupId);
  if (stage) {
    const deployments = (await service.resources.list(ctx.tenant, 'deployment', { refFilters: [{ field: 'stage_id', targetId: stage.id }], offset: 0, limit: 100000 })).items;
    const inGroup = new Set(groupApis.map((a) => a.id));
    const versions = await service.versions.getMany(deployments.filter((d) => inGroup.has(d.data.api_id)).map((d) => d.data.version_id));
    apis = versions.map((v) => v.definition as ApiDefinition);
  } else {
    apis = groupApis.map((a) => presentResource(kindOf('api'), a) as unknown as ApiDefinition);
  }
  const policies = detail === 'policies' ? await boundPolicies(service, ctx, apis, stage!.id) : undefined;
  return exportApis({
    group: { id: group.id, name: String(group.name), description: group.data.description },
    apis, stage: stage?.name ?? undefined, detail, policies, format: 'oas3',
    servers: [{ url: `http://${group.data.subdomain}`, description: 'Group test subdomain' }],
  });
}

/** Per API name: the throttling, ACL and signature policies bound in the stage (never their secrets). */
async function boundPolicies(service: ResourceService, ctx: RequestContext, apis: ApiDefinition[], stageId: string) {
  const out: Record<string, Record<string, unknown>> = {};
  const bindings: Array<[string, string, string]> = [
    ['throttling_binding', 'policy_id', 'throttling_policy'], ['acl_binding', 'policy_id', 'acl_policy'], ['signature_binding', 'signature_key_id', 'signature_key'],
  ];
  for (const api of apis) {
    for (const [bindingKind, field, policyKind] of bindings) {
      const { items: [binding] } = await service.resources.list(ctx.tenant, bindingKind, {
        refFilters: [{ field: 'api_id', targetId: api.id! }, { field: 'stage_id', targetId: stageId }], offset: 0, limit: 1,
      });
      const policy = binding && await service.resources.get(ctx.tenant, policyKind, binding.data[field]);
      if (policy) (out[api.name] ??= {})[policyKind] = presentResource(kindOf(policyKind), policy);
    }
  }
  return out;
}
