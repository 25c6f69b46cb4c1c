/**
 * A live apigw (management API + proxy) for one acceptance test file, on a fresh clone of the private
 * PostgreSQL template (jest's global setup starts the server), on free loopback ports. Each test can
 * use its own tenant, so tests share the service without seeing each other's objects.
 */
import { createToken } from '../../../service/src/control/security/tokens';
import { startService } from '../../../service/src/serve';
import type { RunningService } from '../../../service/src/serve';
import { loadConfig } from '../../../service/src/shared/config';
import type { Config } from '../../../service/src/shared/config';
import { createLogger } from '../../../service/src/shared/logger';
import { createTestDatabase } from '../../../service/test/support/databases';

const JWT_SECRET = 'provider-acceptance-jwt-secret-0123456789';

export interface AdminResponse { status: number; body: any }

export interface AccService {
  endpoint: string;
  /** The data plane (proxy) base URL. */
  proxyUrl: string | undefined;
  token(tenant: string): string;
  /** Environment for the CLI: the provider's endpoint and a token for `tenant`. */
  env(tenant: string): Record<string, string>;
  /** A management API call as `tenant` (for drift and for checking what Terraform did). */
  admin(tenant: string, method: string, path: string, body?: unknown): Promise<AdminResponse>;
  close(): Promise<void>;
}

export async function startAccService(overrides: Partial<Config> = {}): Promise<AccService> {
  const testDb = await createTestDatabase();
  const config = loadConfig({}, {
    dataDir: testDb.dataDir, databaseUrl: testDb.databaseUrl, adminPort: 0, proxyPort: 0, proxyHost: '127.0.0.1',
    jwtSecret: JWT_SECRET, configPollMs: 100, accessLog: false, ...overrides,
  });
  const running: RunningService = await startService(config, createLogger('silent'));
  const token = (tenant: string) => createToken(JWT_SECRET, { tenant });
  return {
    endpoint: running.adminUrl,
    proxyUrl: running.proxyUrl,
    token,
    env: (tenant) => ({ APIGW_ENDPOINT: running.adminUrl, APIGW_TOKEN: token(tenant) }),
    admin: async (tenant, method, path, body) => {
      const res = await fetch(`${running.adminUrl}/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token(tenant)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    close: async () => {
      await running.close();
      await testDb.drop();
    },
  };
}
