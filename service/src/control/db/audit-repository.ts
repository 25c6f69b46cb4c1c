/** SQL for the audit log: who changed what, when, in which request. Rows are never updated. */
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

export interface AuditEvent {
  id: string;
  tenantId: string;
  actor: string;
  action: string;
  kind: string;
  resourceId: string | null;
  requestId: string | null;
  detail: Record<string, unknown> | null;
  createdAt: string;
}

export interface AuditQuery {
  kind?: string;
  resourceId?: string;
  action?: string;
  offset: number;
  limit: number;
}

export class AuditRepository {
  constructor(private readonly sequelize: Sequelize) {}

  async insert(e: AuditEvent, tx: Transaction): Promise<void> {
    await this.sequelize.query(
      `INSERT INTO audit_events (id, tenant_id, actor, action, kind, resource_id, request_id, detail, created_at)
       VALUES (:id, :tenantId, :actor, :action, :kind, :resourceId, :requestId, :detail, :createdAt)`,
      { replacements: { ...e, detail: e.detail ? JSON.stringify(e.detail) : null }, transaction: tx });
  }

  async list(tenantId: string, q: AuditQuery): Promise<{ items: AuditEvent[]; total: number }> {
    const where = ['tenant_id = :tenantId'];
    if (q.kind) where.push('kind = :kind');
    if (q.resourceId) where.push('resource_id = :resourceId');
    if (q.action) where.push('action = :action');
    const clause = where.join(' AND ');
    const replacements = { tenantId, ...q };
    const rows = await this.sequelize.query<any>(
      `SELECT * FROM audit_events WHERE ${clause} ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset`,
      { replacements, type: QueryTypes.SELECT });
    const [count] = await this.sequelize.query<{ n: string | number }>(`SELECT COUNT(*) AS n FROM audit_events WHERE ${clause}`,
      { replacements, type: QueryTypes.SELECT });
    const items = rows.map((r) => ({
      id: r.id, tenantId: r.tenant_id, actor: r.actor, action: r.action, kind: r.kind, resourceId: r.resource_id,
      requestId: r.request_id, detail: r.detail ? JSON.parse(r.detail) : null, createdAt: r.created_at,
    }));
    return { items, total: Number(count.n) };
  }
}
