/**
 * The database connection: SQLite in the data dir by default, PostgreSQL when DATABASE_URL says so.
 * Every write runs in `write()`, one transaction that first bumps the gateway revision. On PostgreSQL
 * that row lock serialises writers (quota counts and version numbering cannot race); on SQLite, whose
 * sequelize driver opens a connection per transaction, an in-process queue does the same.
 */
import fs from 'node:fs';
import path from 'node:path';
import { QueryTypes, Sequelize, Transaction } from 'sequelize';
import { runMigrations } from './migrate';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  readonly sequelize: Sequelize;
  readonly dialect: Dialect;
  /** Runs `work` in one write transaction, after bumping the gateway revision. */
  write<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Current gateway revision: changes whenever anything the data plane reads may have changed. */
  revision(): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir: string;
  /** Log SQL statements (never in production: values may include encrypted secrets). */
  logSql?: boolean;
}

function connect(options: DatabaseOptions): { sequelize: Sequelize; dialect: Dialect } {
  const logging = options.logSql ? console.error : false;
  const url = options.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const sequelize = new Sequelize(url, { dialect: 'postgres', logging, pool: { max: 10, min: 0, idle: 10000 } });
    return { sequelize, dialect: 'postgres' };
  }
  if (url) throw new Error('DATABASE_URL must start with postgres:// (leave it unset for the embedded SQLite database)');
  fs.mkdirSync(options.dataDir, { recursive: true });
  const storage = path.join(options.dataDir, 'apigw.sqlite');
  const sequelize = new Sequelize({
    dialect: 'sqlite', storage, logging, transactionType: Transaction.TYPES.IMMEDIATE,
  });
  return { sequelize, dialect: 'sqlite' };
}

/** A promise chain that runs one task at a time (SQLite allows a single writer). */
function serialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const { sequelize, dialect } = connect(options);
  if (dialect === 'sqlite') {
    await sequelize.query('PRAGMA journal_mode = WAL');
    await sequelize.query('PRAGMA busy_timeout = 5000');
    await sequelize.query('PRAGMA foreign_keys = ON');
  }
  await runMigrations(sequelize);
  const enqueue = dialect === 'sqlite' ? serialQueue() : <T>(task: () => Promise<T>) => task();

  const write = <T>(work: (tx: Transaction) => Promise<T>): Promise<T> =>
    enqueue(() => sequelize.transaction(async (tx) => {
      await sequelize.query('UPDATE gateway_state SET revision = revision + 1, updated_at = :now WHERE id = 1',
        { transaction: tx, replacements: { now: new Date().toISOString() } });
      return work(tx);
    }));

  const revision = async (): Promise<number> => {
    const [row] = await sequelize.query<{ revision: string | number }>(
      'SELECT revision FROM gateway_state WHERE id = 1', { type: QueryTypes.SELECT });
    return Number(row.revision);
  };

  return {
    sequelize,
    dialect,
    write,
    revision,
    ping: async () => { await sequelize.query('SELECT 1'); },
    close: () => sequelize.close(),
  };
}
