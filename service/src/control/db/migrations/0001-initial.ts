/**
 * The initial schema. Resources of every kind share one table (the catalogue defines their fields;
 * `data` holds them as JSON); uniqueness and references live in side tables the database enforces.
 */
import { DataTypes, type QueryInterface, type Sequelize } from 'sequelize';

const id = { type: DataTypes.STRING(64), allowNull: false };
const text = { type: DataTypes.TEXT, allowNull: false };
const timestamp = { type: DataTypes.STRING(32), allowNull: false }; // ISO 8601, same on both dialects

export async function up(qi: QueryInterface, sequelize: Sequelize): Promise<void> {
  await qi.createTable('tenants', { id: { ...id, primaryKey: true }, created_at: timestamp });
  await qi.createTable('resources', {
    id: { ...id, primaryKey: true },
    tenant_id: id,
    kind: { type: DataTypes.STRING(40), allowNull: false },
    name: { type: DataTypes.STRING(255), allowNull: true },
    quota_scope: { type: DataTypes.STRING(200), allowNull: false, defaultValue: '' },
    data: text,
    created_at: timestamp,
    updated_at: timestamp,
  });
  await qi.addIndex('resources', ['tenant_id', 'kind', 'name'], { name: 'resources_by_name' });
  await qi.addIndex('resources', ['tenant_id', 'kind', 'quota_scope'], { name: 'resources_by_quota_scope' });
  await qi.createTable('resource_keys', {
    scope: { ...id, primaryKey: true },
    kind: { type: DataTypes.STRING(40), allowNull: false, primaryKey: true },
    key: { type: DataTypes.STRING(600), allowNull: false, primaryKey: true },
    resource_id: id,
  });
  await qi.addIndex('resource_keys', ['resource_id'], { name: 'resource_keys_by_resource' });
  await qi.createTable('resource_refs', {
    source_id: { ...id, primaryKey: true },
    field: { type: DataTypes.STRING(200), allowNull: false, primaryKey: true },
    target_id: { ...id, primaryKey: true },
    source_kind: { type: DataTypes.STRING(40), allowNull: false },
    target_kind: { type: DataTypes.STRING(40), allowNull: false },
    source_tenant_id: id,
  });
  await qi.addIndex('resource_refs', ['target_id'], { name: 'resource_refs_by_target' });
  await qi.createTable('api_versions', {
    id: { ...id, primaryKey: true },
    tenant_id: id,
    api_id: id,
    stage_id: id,
    version: { type: DataTypes.INTEGER, allowNull: false },
    description: { type: DataTypes.STRING(1024), allowNull: false, defaultValue: '' },
    definition: text,
    created_at: timestamp,
  });
  await qi.addIndex('api_versions', ['api_id', 'stage_id', 'version'], { name: 'api_versions_by_api_stage', unique: true });
  await qi.createTable('audit_events', {
    id: { ...id, primaryKey: true },
    tenant_id: id,
    actor: { type: DataTypes.STRING(255), allowNull: false },
    action: { type: DataTypes.STRING(40), allowNull: false },
    kind: { type: DataTypes.STRING(40), allowNull: false },
    resource_id: { type: DataTypes.STRING(64), allowNull: true },
    request_id: { type: DataTypes.STRING(64), allowNull: true },
    detail: { type: DataTypes.TEXT, allowNull: true },
    created_at: timestamp,
  });
  await qi.addIndex('audit_events', ['tenant_id', 'created_at'], { name: 'audit_events_by_tenant_time' });
  await qi.createTable('gateway_state', {
    id: { type: DataTypes.INTEGER, primaryKey: true },
    revision: { type: DataTypes.BIGINT, allowNull: false },
    updated_at: timestamp,
  });
  await sequelize.query('INSERT INTO gateway_state (id, revision, updated_at) VALUES (1, 0, :now)',
    { replacements: { now: new Date().toISOString() } });
}

export async function down(qi: QueryInterface): Promise<void> {
  for (const table of ['gateway_state', 'audit_events', 'api_versions', 'resource_refs', 'resource_keys', 'resources', 'tenants']) {
    await qi.dropTable(table);
  }
}
