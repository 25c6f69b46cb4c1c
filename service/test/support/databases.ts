/** A fresh, migrated database per test file: a clone of the template on PostgreSQL, a new file on SQLite. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { openDatabase } from '../../src/control/db/database';

export const TEMPLATE = 'apigw_template';

async function admin<T>(serverUrl: string, work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try { return await work(client); } finally { await client.end(); }
}

export async function createTemplateDatabase(serverUrl: string): Promise<void> {
  await admin(serverUrl, (c) => c.query(`CREATE DATABASE ${TEMPLATE}`));
  const db = await openDatabase({ databaseUrl: `${serverUrl}/${TEMPLATE}`, dataDir: os.tmpdir() });
  await db.close();
}

export interface TestDatabase {
  dialect: 'sqlite' | 'postgres';
  databaseUrl: string | undefined;
  dataDir: string;
  /** Drops the database and the data dir. */
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-test-'));
  const rmDataDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (process.env.APIGW_TEST_DB !== 'postgres') {
    return { dialect: 'sqlite', databaseUrl: undefined, dataDir, drop: async () => rmDataDir() };
  }
  const serverUrl = process.env.APIGW_TEST_PG_URL;
  if (!serverUrl) throw new Error('APIGW_TEST_PG_URL is not set: the jest global setup starts PostgreSQL');
  const name = `t_${crypto.randomBytes(6).toString('hex')}`;
  await admin(serverUrl, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`));
  return {
    dialect: 'postgres', databaseUrl: `${serverUrl}/${name}`, dataDir,
    drop: async () => {
      await admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      rmDataDir();
    },
  };
}
