/**
 * A control plane on a fresh database, driven through its HTTP interface with supertest, plus
 * helpers to mint tokens for tenants. What every management-API test file starts from.
 */
import request from 'supertest';
import { createControlPlane, type ControlPlane } from '../../src/control';
import { openDatabase, type Database } from '../../src/control/db/database';
import { loadKeys } from '../../src/control/security/keys';
import { createToken } from '../../src/control/security/tokens';
import { loadConfig, type Config } from '../../src/shared/config';
import { createLogger } from '../../src/shared/logger';
import { createMetrics } from '../../src/shared/metrics';
import { createTestDatabase, type TestDatabase } from './databases';

export interface AdminHarness {
  control: ControlPlane;
  db: Database;
  config: Config;
  testDb: TestDatabase;
  jwtSecret: string;
  /** A supertest agent with a Bearer token for `tenant`. */
  as(tenant: string): TenantClient;
  close(): Promise<void>;
}

export type TenantClient = {
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  put(path: string, body: object): request.Test;
  delete(path: string): request.Test;
};

export async function startAdmin(overrides: Partial<Config> = {}): Promise<AdminHarness> {
  const testDb = await createTestDatabase();
  const config = loadConfig({}, { dataDir: testDb.dataDir, databaseUrl: testDb.databaseUrl, ...overrides });
  const keys = loadKeys(config.dataDir, 'test-jwt-secret-0123456789abcdef', undefined);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const control = createControlPlane(db, config, keys, createLogger('silent'), createMetrics());
  const as = (tenant: string): TenantClient => {
    const auth = `Bearer ${createToken(keys.jwtSecret, { tenant })}`;
    const agent = request(control.app);
    return {
      get: (p) => agent.get(p).set('Authorization', auth),
      post: (p, body) => agent.post(p).set('Authorization', auth).send(body),
      put: (p, body) => agent.put(p).set('Authorization', auth).send(body),
      delete: (p) => agent.delete(p).set('Authorization', auth),
    };
  };
  return {
    control, db, config, testDb, jwtSecret: keys.jwtSecret, as,
    close: async () => { await db.close(); await testDb.drop(); },
  };
}
