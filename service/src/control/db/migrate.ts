/**
 * Versioned schema migrations (umzug), listed in code so a bundle carries them. Replicas that start
 * together on PostgreSQL take an advisory lock, so exactly one of them migrates.
 */
import type { QueryInterface, Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import * as initial from './migrations/0001-initial';

export interface Migration {
  up(qi: QueryInterface, sequelize: Sequelize): Promise<void>;
  down(qi: QueryInterface, sequelize: Sequelize): Promise<void>;
}

const MIGRATIONS: ReadonlyArray<[string, Migration]> = [
  ['0001-initial', initial],
];

const MIGRATION_LOCK_ID = 4715; // arbitrary, constant: the advisory lock key for migrations

export async function runMigrations(sequelize: Sequelize): Promise<void> {
  const qi = sequelize.getQueryInterface();
  const umzug = new Umzug({
    migrations: MIGRATIONS.map(([name, m]) => ({ name, up: () => m.up(qi, sequelize), down: () => m.down(qi, sequelize) })),
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: undefined,
  });
  const postgres = sequelize.getDialect() === 'postgres';
  if (postgres) await sequelize.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_ID})`);
  try {
    await umzug.up();
  } finally {
    if (postgres) await sequelize.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_ID})`);
  }
}
