/**
 * The whole service (management API + proxy) on a fresh database, on free loopback ports, plus
 * helpers to declare APIs, publish them and call them through the proxy as a client would.
 */
import { request as undiciRequest } from 'undici';
import { createToken } from '../../src/control/security/tokens';
import { startService, type RunningService } from '../../src/serve';
import { loadConfig, type Config } from '../../src/shared/config';
import { createLogger } from '../../src/shared/logger';
import { createTestDatabase, type TestDatabase } from './databases';

const JWT_SECRET = 'gateway-test-jwt-secret-0123456789';

export interface ProxyResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

export interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  stage?: string;
}

export class Gateway {
  readonly base: string;
  constructor(readonly running: RunningService, readonly config: Config, private readonly testDb: TestDatabase) {
    this.base = `${running.adminUrl}/v1`;
  }

  token(tenant = 'acme'): string {
    return createToken(JWT_SECRET, { tenant });
  }

  /** A management API call; throws with the error body unless the status is 2xx (or `expect`). */
  async admin(method: string, path: string, body?: unknown, tenant = 'acme', expect?: number): Promise<any> {
    const res = await undiciRequest(`${this.base}${path}`, {
      method: method as any,
      headers: { authorization: `Bearer ${this.token(tenant)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.body.text();
    const json = text ? JSON.parse(text) : undefined;
    if (expect !== undefined ? res.statusCode !== expect : res.statusCode >= 300) {
      throw new Error(`${method} ${path} → ${res.statusCode} ${text}`);
    }
    return json;
  }

  async stageId(name = 'RELEASE', tenant = 'acme'): Promise<string> {
    const found = (await this.admin('GET', `/stages?name=${name}`, undefined, tenant)).items[0];
    return found ? found.id : (await this.admin('POST', '/stages', { name }, tenant)).id;
  }

  /** Creates a group and returns it with the host its APIs answer on. */
  async group(name: string, tenant = 'acme'): Promise<{ id: string; host: string }> {
    const g = await this.admin('POST', '/groups', { name }, tenant);
    return { id: g.id, host: g.subdomain };
  }

  /** Creates an API and publishes it in a stage; waits until the proxy serves it. */
  async publish(groupId: string, api: Record<string, unknown>, stage = 'RELEASE', tenant = 'acme'): Promise<any> {
    const created = await this.admin('POST', '/apis', { group_id: groupId, ...api }, tenant);
    const deployment = await this.admin('POST', '/deployments', { api_id: created.id, stage_id: await this.stageId(stage, tenant) }, tenant);
    await this.synced();
    return { ...created, deployment };
  }

  /** Makes the proxy pick up every change made so far (tests need not wait for the poll). */
  async synced(): Promise<void> {
    await this.running.dataPlane!.live.refresh();
  }

  async call(host: string, path: string, options: CallOptions = {}): Promise<ProxyResponse> {
    const headers: Record<string, string> = { host, ...options.headers };
    if (options.stage) headers['x-stage'] = options.stage;
    const res = await undiciRequest(`${this.running.proxyUrl}${path}`, { method: (options.method ?? 'GET') as any, headers, body: options.body });
    const text = await res.body.text();
    let json: any;
    try { json = JSON.parse(text); } catch { json = undefined; }
    return { status: res.statusCode, headers: res.headers, text, json };
  }

  async metrics(): Promise<string> {
    const res = await undiciRequest(`${this.running.adminUrl}/metrics`);
    return res.body.text();
  }

  async close(): Promise<void> {
    await this.running.close();
    await this.testDb.drop();
  }
}

export async function startGateway(overrides: Partial<Config> = {}): Promise<Gateway> {
  const testDb = await createTestDatabase();
  const config = loadConfig({}, {
    dataDir: testDb.dataDir, databaseUrl: testDb.databaseUrl, adminPort: 0, proxyPort: 0, proxyHost: '127.0.0.1',
    proxyTlsPort: 0, jwtSecret: JWT_SECRET, accessLog: false, configPollMs: 100, ...overrides,
  });
  const running = await startService(config, createLogger('silent'));
  return new Gateway(running, config, testDb);
}
