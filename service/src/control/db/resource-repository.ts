/**
 * SQL for resources of every kind, their unique keys and their references. Values stay opaque JSON
 * here; the catalogue and the services give them meaning.
 */
import { QueryTypes, type Sequelize, type Transaction, UniqueConstraintError } from 'sequelize';

export interface StoredResource {
  id: string;
  tenantId: string;
  kind: string;
  name: string | null;
  quotaScope: string;
  data: Record<string, any>;
  createdAt: string;
  updatedAt: string;
}

export interface Referrer {
  sourceId: string;
  sourceKind: string;
  sourceTenantId: string;
  field: string;
}

export interface ListQuery {
  name?: string;
  /** Only resources referencing `targetId` through `field` (e.g. group_id = X). */
  refFilters?: ReadonlyArray<{ field: string; targetId: string }>;
  offset: number;
  limit: number;
}

interface Row {
  id: string; tenant_id: string; kind: string; name: string | null; quota_scope: string;
  data: string; created_at: string; updated_at: string;
}

const fromRow = (r: Row): StoredResource => ({
  id: r.id, tenantId: r.tenant_id, kind: r.kind, name: r.name, quotaScope: r.quota_scope,
  data: JSON.parse(r.data), createdAt: r.created_at, updatedAt: r.updated_at,
});

/** Thrown when a unique key is already taken; carries the key's constraint name. */
export class DuplicateKeyError extends Error {
  constructor(readonly constraint: string) { super(`duplicate key ${constraint}`); }
}

export class ResourceRepository {
  constructor(private readonly sequelize: Sequelize) {}

  private select(sql: string, replacements: Record<string, unknown>, tx?: Transaction): Promise<Row[]> {
    return this.sequelize.query<Row>(sql, { replacements, type: QueryTypes.SELECT, transaction: tx });
  }

  async get(tenantId: string, kind: string, id: string, tx?: Transaction): Promise<StoredResource | undefined> {
    const [row] = await this.select('SELECT * FROM resources WHERE id = :id AND tenant_id = :tenantId AND kind = :kind',
      { id, tenantId, kind }, tx);
    return row && fromRow(row);
  }

  /** Any tenant's resource: only for references that may cross tenants (authorizing another tenant's app). */
  async getInAnyTenant(kind: string, id: string, tx?: Transaction): Promise<StoredResource | undefined> {
    const [row] = await this.select('SELECT * FROM resources WHERE id = :id AND kind = :kind', { id, kind }, tx);
    return row && fromRow(row);
  }

  async list(tenantId: string, kind: string, query: ListQuery, tx?: Transaction): Promise<{ items: StoredResource[]; total: number }> {
    const where = ['tenant_id = :tenantId', 'kind = :kind'];
    const replacements: Record<string, unknown> = { tenantId, kind, limit: query.limit, offset: query.offset };
    if (query.name !== undefined) { where.push('name = :name'); replacements.name = query.name; }
    (query.refFilters ?? []).forEach((f, i) => {
      where.push(`id IN (SELECT source_id FROM resource_refs WHERE field = :rf${i} AND target_id = :rt${i})`);
      replacements[`rf${i}`] = f.field;
      replacements[`rt${i}`] = f.targetId;
    });
    const clause = where.join(' AND ');
    const rows = await this.select(`SELECT * FROM resources WHERE ${clause} ORDER BY created_at, id LIMIT :limit OFFSET :offset`, replacements, tx);
    const [count] = await this.sequelize.query<{ n: string | number }>(`SELECT COUNT(*) AS n FROM resources WHERE ${clause}`,
      { replacements, type: QueryTypes.SELECT, transaction: tx });
    return { items: rows.map(fromRow), total: Number(count.n) };
  }

  /** Every resource of the given kinds, all tenants: what the runtime configuration is compiled from. */
  async listAllOfKinds(kinds: readonly string[], tx?: Transaction): Promise<StoredResource[]> {
    const rows = await this.select('SELECT * FROM resources WHERE kind IN (:kinds) ORDER BY created_at, id', { kinds }, tx);
    return rows.map(fromRow);
  }

  async count(tenantId: string, kind: string, quotaScope: string, tx: Transaction): Promise<number> {
    const [row] = await this.sequelize.query<{ n: string | number }>(
      'SELECT COUNT(*) AS n FROM resources WHERE tenant_id = :tenantId AND kind = :kind AND quota_scope = :quotaScope',
      { replacements: { tenantId, kind, quotaScope }, type: QueryTypes.SELECT, transaction: tx });
    return Number(row.n);
  }

  async insert(r: StoredResource, tx: Transaction): Promise<void> {
    await this.sequelize.query(
      `INSERT INTO resources (id, tenant_id, kind, name, quota_scope, data, created_at, updated_at)
       VALUES (:id, :tenantId, :kind, :name, :quotaScope, :data, :createdAt, :updatedAt)`,
      { replacements: { ...r, data: JSON.stringify(r.data) }, transaction: tx });
  }

  async update(r: StoredResource, tx: Transaction): Promise<void> {
    await this.sequelize.query(
      'UPDATE resources SET name = :name, quota_scope = :quotaScope, data = :data, updated_at = :updatedAt WHERE id = :id',
      { replacements: { ...r, data: JSON.stringify(r.data) }, transaction: tx });
  }

  async delete(id: string, tx: Transaction): Promise<void> {
    await this.sequelize.query('DELETE FROM resource_keys WHERE resource_id = :id', { replacements: { id }, transaction: tx });
    await this.sequelize.query('DELETE FROM resource_refs WHERE source_id = :id', { replacements: { id }, transaction: tx });
    await this.sequelize.query('DELETE FROM resources WHERE id = :id', { replacements: { id }, transaction: tx });
  }

  /** Replaces the unique keys of a resource; throws DuplicateKeyError naming the first key taken. */
  async setKeys(resourceId: string, kind: string, keys: ReadonlyArray<{ scope: string; key: string; constraint: string }>, tx: Transaction): Promise<void> {
    await this.sequelize.query('DELETE FROM resource_keys WHERE resource_id = :resourceId', { replacements: { resourceId }, transaction: tx });
    for (const k of keys) {
      try {
        await this.sequelize.query('INSERT INTO resource_keys (scope, kind, key, resource_id) VALUES (:scope, :kind, :key, :resourceId)',
          { replacements: { scope: k.scope, kind, key: k.key, resourceId }, transaction: tx });
      } catch (error) {
        if (error instanceof UniqueConstraintError) throw new DuplicateKeyError(k.constraint);
        throw error;
      }
    }
  }

  async setRefs(source: StoredResource, refs: ReadonlyArray<{ field: string; targetId: string; targetKind: string }>, tx: Transaction): Promise<void> {
    await this.sequelize.query('DELETE FROM resource_refs WHERE source_id = :id', { replacements: { id: source.id }, transaction: tx });
    for (const ref of refs) {
      await this.sequelize.query(
        `INSERT INTO resource_refs (source_id, field, target_id, source_kind, target_kind, source_tenant_id)
         VALUES (:sourceId, :field, :targetId, :sourceKind, :targetKind, :tenantId)`,
        { replacements: { sourceId: source.id, field: ref.field, targetId: ref.targetId, sourceKind: source.kind, targetKind: ref.targetKind, tenantId: source.tenantId }, transaction: tx });
    }
  }

  async referrers(targetId: string, tx?: Transaction): Promise<Referrer[]> {
    const rows = await this.sequelize.query<{ source_id: string; source_kind: string; source_tenant_id: string; field: string }>(
      'SELECT source_id, source_kind, source_tenant_id, field FROM resource_refs WHERE target_id = :targetId ORDER BY source_kind, source_id',
      { replacements: { targetId }, type: QueryTypes.SELECT, transaction: tx });
    return rows.map((r) => ({ sourceId: r.source_id, sourceKind: r.source_kind, sourceTenantId: r.source_tenant_id, field: r.field }));
  }
}
