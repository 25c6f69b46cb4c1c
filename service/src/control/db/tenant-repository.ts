/** SQL for tenants: a row per tenant seen, so per-tenant defaults (the RELEASE stage) are made once. */
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

export class TenantRepository {
  constructor(private readonly sequelize: Sequelize) {}

  async exists(id: string): Promise<boolean> {
    const rows = await this.sequelize.query('SELECT id FROM tenants WHERE id = :id', { replacements: { id }, type: QueryTypes.SELECT });
    return rows.length > 0;
  }

  /** True when this call created the tenant (and so must create its defaults). */
  async insertIfMissing(id: string, createdAt: string, tx: Transaction): Promise<boolean> {
    const rows = await this.sequelize.query('SELECT id FROM tenants WHERE id = :id', { replacements: { id }, type: QueryTypes.SELECT, transaction: tx });
    if (rows.length > 0) return false;
    await this.sequelize.query('INSERT INTO tenants (id, created_at) VALUES (:id, :createdAt)', { replacements: { id, createdAt }, transaction: tx });
    return true;
  }
}
