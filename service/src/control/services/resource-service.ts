/**
 * Create, read, replace and delete for every resource kind, driven by the catalogue: validation,
 * references, unique keys, quotas, secrets at rest, in-use refusal and the audit log, each write in
 * one transaction. Kind-specific behaviour comes from the hooks in ../resources.
 */
import crypto from 'node:crypto';
import type { Config } from '../../shared/config';
import { kindOf } from '../catalogue/kinds';
import type { ResourceKind } from '../catalogue/types';
import { referencesOf } from '../catalogue/walk';
import type { Database } from '../db/database';
import { AuditRepository } from '../db/audit-repository';
import { DuplicateKeyError, ResourceRepository, type StoredResource } from '../db/resource-repository';
import { VersionRepository } from '../db/version-repository';
import { ApiError } from '../errors';
import type { KindHooks, RequestContext, WriteContext } from '../resources/hooks';
import type { SecretBox } from '../security/secret-box';
import { describeReferrers } from './in-use';
import { presentResource, type PublicResource } from './present';
import { openSecrets, sealSecrets } from './secrets';
import { uniqueKeysOf } from './unique-keys';
import { validateInput } from './validator';

export const newId = (): string => crypto.randomBytes(16).toString('hex');

export interface ListOptions {
  name?: string;
  refFilters?: ReadonlyArray<{ field: string; targetId: string }>;
  offset: number;
  limit: number;
}

/** Thrown inside a dry-run transaction to roll it back while keeping the result. */
class DryRun<T> extends Error {
  constructor(readonly result: T) { super('dry run'); }
}

export class ResourceService {
  readonly resources: ResourceRepository;
  readonly versions: VersionRepository;
  readonly audit: AuditRepository;

  constructor(
    readonly db: Database,
    readonly config: Config,
    readonly secrets: SecretBox,
    private readonly hooks: Readonly<Record<string, KindHooks>>,
  ) {
    this.resources = new ResourceRepository(db.sequelize);
    this.versions = new VersionRepository(db.sequelize);
    this.audit = new AuditRepository(db.sequelize);
  }

  async list(ctx: RequestContext, kindName: string, options: ListOptions): Promise<{ items: PublicResource[]; total: number }> {
    const kind = kindOf(kindName);
    const { items, total } = await this.resources.list(ctx.tenant, kind.kind, options);
    return { items: items.map((r) => presentResource(kind, this.open(kind, r))), total };
  }

  async get(ctx: RequestContext, kindName: string, id: string): Promise<PublicResource> {
    const kind = kindOf(kindName);
    return presentResource(kind, this.open(kind, await this.mustGet(ctx.tenant, kind, id)));
  }

  /** Runs `work` in a write transaction with a WriteContext; dry runs roll back but still answer. */
  async inTransaction<T>(ctx: RequestContext, work: (w: WriteContext) => Promise<T>): Promise<T> {
    try {
      return await this.db.write(async (tx) => {
        const w = this.writeContext(ctx, tx);
        const result = await work(w);
        if (ctx.dryRun) throw new DryRun(result);
        return result;
      });
    } catch (error) {
      if (error instanceof DryRun) return error.result as T;
      if (error instanceof DuplicateKeyError) throw new ApiError('ALREADY_EXISTS', error.constraint);
      throw error;
    }
  }

  create(ctx: RequestContext, kindName: string, body: unknown): Promise<PublicResource> {
    const kind = kindOf(kindName);
    const input = validateInput(kind, body);
    return this.inTransaction(ctx, async (w) => {
      const id = newId();
      const stored = await this.write(w, kind, id, input, undefined);
      await w.audit('create', kind.kind, id, { name: stored.name });
      return presentResource(kind, this.open(kind, stored), { revealOnce: true });
    });
  }

  replace(ctx: RequestContext, kindName: string, id: string, body: unknown): Promise<PublicResource> {
    const kind = kindOf(kindName);
    return this.inTransaction(ctx, async (w) => {
      const existing = await this.mustGet(ctx.tenant, kind, id, w);
      const opened = this.open(kind, existing);
      const input = validateInput(kind, keepWriteOnlySecrets(kind, body, opened.data));
      rejectImmutableChanges(kind, input, opened.data);
      const stored = await this.write(w, kind, id, input, opened);
      await w.audit('update', kind.kind, id, { name: stored.name });
      return presentResource(kind, this.open(kind, stored));
    });
  }

  delete(ctx: RequestContext, kindName: string, id: string): Promise<void> {
    const kind = kindOf(kindName);
    return this.inTransaction(ctx, async (w) => {
      const existing = this.open(kind, await this.mustGet(ctx.tenant, kind, id, w));
      await this.hooks[kind.kind]?.beforeDelete?.(w, existing);
      const referrers = await this.resources.referrers(id, w.tx);
      if (referrers.length) throw new ApiError('IN_USE', `${kind.kind} "${id}" is in use: ${describeReferrers(referrers, ctx.tenant)}`);
      await this.resources.delete(id, w.tx);
      await this.hooks[kind.kind]?.afterDelete?.(w, existing);
      await w.audit('delete', kind.kind, id, { name: existing.name });
    });
  }

  /** Validates references, quota and unique keys, runs the hooks and stores the row. */
  async write(w: WriteContext, kind: ResourceKind, id: string, input: Record<string, any>, existing?: StoredResource): Promise<StoredResource> {
    const refs = await this.checkReferences(w, kind, input);
    const hooks = this.hooks[kind.kind];
    const data = { ...input, ...(await hooks?.prepare?.(w, id, input, existing)) };
    const quotaScope = (kind.quota?.per ?? []).map((f) => String(data[f])).join('/');
    if (!existing) await this.checkQuota(w, kind, quotaScope);
    const stored: StoredResource = {
      id, tenantId: w.tenant, kind: kind.kind, quotaScope,
      name: kind.nameField ? String(data[kind.nameField]) : null,
      data: sealSecrets(kind, data, w.secrets),
      createdAt: existing?.createdAt ?? w.now, updatedAt: w.now,
    };
    if (existing) await this.resources.update(stored, w.tx);
    else await this.resources.insert(stored, w.tx);
    await this.resources.setKeys(id, kind.kind, uniqueKeysOf(kind, w.tenant, data), w.tx);
    await this.resources.setRefs(stored, refs, w.tx);
    await hooks?.afterWrite?.(w, { ...stored, data }, existing);
    return stored;
  }

  private async checkReferences(w: WriteContext, kind: ResourceKind, input: Record<string, any>) {
    const refs = referencesOf(kind.fields, input);
    const found = [];
    for (const ref of refs) {
      const target = ref.field.ref!;
      const row = target.crossTenant
        ? await this.resources.getInAnyTenant(target.kind, ref.targetId, w.tx)
        : await this.resources.get(w.tenant, target.kind, ref.targetId, w.tx);
      if (!row) throw ApiError.field('REFERENCE_NOT_FOUND', ref.path, `${target.kind} "${ref.targetId}" does not exist`);
      found.push({ field: ref.path, targetId: ref.targetId, targetKind: target.kind });
    }
    return found;
  }

  private async checkQuota(w: WriteContext, kind: ResourceKind, scope: string): Promise<void> {
    if (!kind.quota) return;
    const limit = this.config.quotas[kind.quota.name] ?? kind.quota.default;
    const used = await this.resources.count(w.tenant, kind.kind, scope, w.tx);
    if (used >= limit) {
      const per = kind.quota.per.length ? ` per ${kind.quota.per.map((f) => f.replace(/_id$/, '')).join(' and ')}` : ' per tenant';
      throw new ApiError('QUOTA_EXCEEDED', `quota ${kind.quota.name} exceeded: at most ${limit} ${kind.plural}${per}`);
    }
  }

  async mustGet(tenant: string, kind: ResourceKind, id: string, w?: WriteContext): Promise<StoredResource> {
    const row = await this.resources.get(tenant, kind.kind, id, w?.tx);
    if (!row) throw ApiError.notFound(kind.kind, id);
    return row;
  }

  open(kind: ResourceKind, stored: StoredResource): StoredResource {
    return { ...stored, data: openSecrets(kind, stored.data, this.secrets) };
  }

  writeContext(ctx: RequestContext, tx: WriteContext['tx']): WriteContext {
    const now = new Date().toISOString();
    return {
      ...ctx, tx, now, config: this.config, resources: this.resources, versions: this.versions, secrets: this.secrets, memo: new Map(),
      load: async (kindName, id) => {
        const row = await this.resources.get(ctx.tenant, kindName, id, tx);
        return row && this.open(kindOf(kindName), row);
      },
      audit: (action, kindName, resourceId, detail) => this.audit.insert({
        id: newId(), tenantId: ctx.tenant, actor: ctx.actor, action, kind: kindName, resourceId,
        requestId: ctx.requestId, detail: detail ?? null, createdAt: now,
      }, tx),
    };
  }
}

/**
 * On PUT, a write-only secret left out keeps its stored value (a GET never shows it to send back);
 * an explicit `null` removes it (e.g. a JWT authorizer moving from a shared secret to a JWKS URL).
 */
function keepWriteOnlySecrets(kind: ResourceKind, body: unknown, current: Record<string, any>): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  return keepIn(kind.fields, { ...(body as Record<string, unknown>) }, current, 1);
}

function keepIn(fields: ResourceKind['fields'], copy: Record<string, unknown>, current: Record<string, any>, depth: number): Record<string, unknown> {
  for (const [name, field] of Object.entries(fields)) {
    if (field.reveal === 'never' && copy[name] === null) delete copy[name];
    else if (field.reveal === 'never' && copy[name] === undefined && current[name] !== undefined) copy[name] = current[name];
    if (depth > 0 && field.type === 'object' && isObject(copy[name]) && isObject(current[name])) {
      copy[name] = keepIn(field.fields, { ...(copy[name] as Record<string, unknown>) }, current[name], depth - 1);
    }
  }
  return copy;
}

const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

function rejectImmutableChanges(kind: ResourceKind, input: Record<string, any>, current: Record<string, any>): void {
  for (const [name, field] of Object.entries(kind.fields)) {
    if (!field.immutable || input[name] === undefined) continue;
    if (JSON.stringify(input[name]) !== JSON.stringify(current[name])) {
      throw ApiError.field('IMMUTABLE_FIELD', name, 'cannot be changed; create a new resource instead');
    }
  }
}
