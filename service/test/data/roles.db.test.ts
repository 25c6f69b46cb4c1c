/**
 * The real `apigw serve` command, split by role: an admin process and a proxy process share one
 * database; the proxy serves what the admin publishes and writes one JSON access-log line per request.
 */
import net from 'node:net';
import path from 'node:path';
import { request } from 'undici';
import { createToken } from '../../src/control/security/tokens';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { spawnServe, stopServeProcesses } from '../support/serve-process';

const CLI = path.resolve(__dirname, '../../src/cli.ts');
const SECRET = 'roles-test-secret-0123456789';
let db: TestDatabase;

const freePort = () => new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); });
});

/** Starts `apigw serve --role ROLE`; resolves with its stdout lines (still filling) once it logged that it started. */
async function serve(role: string, env: Record<string, string>): Promise<string[]> {
  const proc = spawnServe(process.execPath, ['-r', 'tsx/cjs', CLI, 'serve', '--role', role], {
    ...env, APIGW_JWT_SECRET: SECRET, APIGW_DATA_DIR: db.dataDir, ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
  });
  await proc.started;
  return proc.lines;
}

beforeAll(async () => { db = await createTestDatabase(); });
afterAll(async () => {
  await stopServeProcesses();
  await db.drop();
});

test('admin and proxy roles share the database; the proxy logs each request as JSON', async () => {
  const [adminPort, proxyAdminPort, proxyPort] = [await freePort(), await freePort(), await freePort()];
  const adminLines = await serve('admin', { APIGW_ADMIN_PORT: String(adminPort) });
  const proxyLines = await serve('proxy', { APIGW_ADMIN_PORT: String(proxyAdminPort), APIGW_PROXY_PORT: String(proxyPort), APIGW_PROXY_TLS_PORT: '0', APIGW_CONFIG_POLL_MS: '100' });
  const auth = { authorization: `Bearer ${createToken(SECRET, { tenant: 'acme' })}`, 'content-type': 'application/json' };
  const post = async (p: string, body: object) => (await request(`http://127.0.0.1:${adminPort}/v1${p}`, { method: 'POST', headers: auth, body: JSON.stringify(body) })).body.json() as Promise<any>;
  const group = await post('/groups', { name: 'roles' });
  const api = await post('/apis', { group_id: group.id, name: 'r', request: { method: 'GET', path: '/r' }, backend: { type: 'MOCK', mock_body: 'from-proxy' } });
  const stages = await (await request(`http://127.0.0.1:${adminPort}/v1/stages?name=RELEASE`, { headers: auth })).body.json() as any;
  await post('/deployments', { api_id: api.id, stage_id: stages.items[0].id });

  let answer = '';
  for (let i = 0; i < 50 && answer !== 'from-proxy'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    answer = await (await request(`http://127.0.0.1:${proxyPort}/r`, { headers: { host: group.subdomain, 'x-request-id': 'roles-req-1' } })).body.text();
  }
  expect(answer).toBe('from-proxy');
  // The admin process runs no proxy; the proxy process's admin port serves only health and metrics.
  expect(adminLines.join('\n')).not.toContain('proxy_url":"http');
  expect((await request(`http://127.0.0.1:${proxyAdminPort}/v1/groups`, { headers: auth })).statusCode).toBe(404);
  expect((await request(`http://127.0.0.1:${proxyAdminPort}/metrics`)).statusCode).toBe(200);

  // The access log is buffered and flushed at least once a second.
  const findEntry = () => proxyLines.map((l) => { try { return JSON.parse(l); } catch { return undefined; } })
    .find((l) => l?.request_id === 'roles-req-1');
  let entry = findEntry();
  for (let i = 0; i < 40 && !entry; i++) {
    await new Promise((r) => setTimeout(r, 100));
    entry = findEntry();
  }
  expect(entry).toMatchObject({ method: 'GET', path: '/r', status: 200, group: group.id, api: api.id, stage: 'RELEASE', source_ip: '127.0.0.1' });
  expect(entry.duration_ms).toBeGreaterThanOrEqual(0);
});
