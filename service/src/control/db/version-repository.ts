/** SQL for published API versions: immutable snapshots of an API definition per stage. */
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

export interface ApiVersion {
  id: string;
  tenantId: string;
  apiId: string;
  stageId: string;
  version: number;
  description: string;
  definition: Record<string, any>;
  createdAt: string;
}

interface Row {
  id: string; tenant_id: string; api_id: string; stage_id: string; version: number | string;
  description: string; definition: string; created_at: string;
}

const fromRow = (r: Row): ApiVersion => ({
  id: r.id, tenantId: r.tenant_id, apiId: r.api_id, stageId: r.stage_id, version: Number(r.version),
  description: r.description, definition: JSON.parse(r.definition), createdAt: r.created_at,
});

export class VersionRepository {
  constructor(private readonly sequelize: Sequelize) {}

  private async rows(sql: string, replacements: Record<string, unknown>, tx?: Transaction): Promise<ApiVersion[]> {
    const rows = await this.sequelize.query<Row>(sql, { replacements, type: QueryTypes.SELECT, transaction: tx });
    return rows.map(fromRow);
  }

  async insert(v: ApiVersion, tx: Transaction): Promise<void> {
    await this.sequelize.query(
      `INSERT INTO api_versions (id, tenant_id, api_id, stage_id, version, description, definition, created_at)
       VALUES (:id, :tenantId, :apiId, :stageId, :version, :description, :definition, :createdAt)`,
      { replacements: { ...v, definition: JSON.stringify(v.definition) }, transaction: tx });
  }

  async get(tenantId: string, id: string, tx?: Transaction): Promise<ApiVersion | undefined> {
    const [v] = await this.rows('SELECT * FROM api_versions WHERE id = :id AND tenant_id = :tenantId', { id, tenantId }, tx);
    return v;
  }

  /** Newest first. */
  async list(apiId: string, stageId: string | undefined, tx?: Transaction): Promise<ApiVersion[]> {
    const byStage = stageId ? ' AND stage_id = :stageId' : '';
    return this.rows(`SELECT * FROM api_versions WHERE api_id = :apiId${byStage} ORDER BY created_at DESC, version DESC`, { apiId, stageId }, tx);
  }

  async nextVersionNumber(apiId: string, stageId: string, tx: Transaction): Promise<number> {
    const [row] = await this.sequelize.query<{ n: number | string | null }>(
      'SELECT MAX(version) AS n FROM api_versions WHERE api_id = :apiId AND stage_id = :stageId',
      { replacements: { apiId, stageId }, type: QueryTypes.SELECT, transaction: tx });
    return Number(row.n ?? 0) + 1;
  }

  /** Keeps the newest `keep` versions of an API in a stage, and always the live one. */
  async prune(apiId: string, stageId: string, keep: number, liveId: string, tx: Transaction): Promise<void> {
    const all = await this.list(apiId, stageId, tx);
    const doomed = all.filter((v, i) => i >= keep && v.id !== liveId).map((v) => v.id);
    if (doomed.length === 0) return;
    await this.sequelize.query('DELETE FROM api_versions WHERE id IN (:doomed)', { replacements: { doomed }, transaction: tx });
  }

  async deleteForApi(apiId: string, tx: Transaction): Promise<void> {
    await this.sequelize.query('DELETE FROM api_versions WHERE api_id = :apiId', { replacements: { apiId }, transaction: tx });
  }

  async getMany(ids: readonly string[], tx?: Transaction): Promise<ApiVersion[]> {
    if (ids.length === 0) return [];
    return this.rows('SELECT * FROM api_versions WHERE id IN (:ids)', { ids }, tx);
  }
}
