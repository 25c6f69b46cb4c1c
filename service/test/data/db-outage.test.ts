/**
 * With its database stopped, the proxy keeps serving the last configuration it had (and says so in
 * its metrics and readiness). Uses a private PostgreSQL server of its own, which it really stops.
 */
import { request } from 'undici';
import { startPostgres } from '../support/postgres-server';
import { startService, type RunningService } from '../../src/serve';
import { loadConfig } from '../../src/shared/config';
import { createLogger } from '../../src/shared/logger';
import { createToken } from '../../src/control/security/tokens';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let pg: Awaited<ReturnType<typeof startPostgres>>;
let running: RunningService;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-outage-'));
beforeAll(async () => {
  pg = await startPostgres();
  const config = loadConfig({}, { databaseUrl: `${pg.url}/postgres`, dataDir, adminPort: 0, proxyPort: 0, proxyHost: '127.0.0.1', jwtSecret: 'outage-secret-0123456789', accessLog: false, configPollMs: 100 });
  running = await startService(config, createLogger('silent'));
});
afterAll(async () => {
  await running.close().catch(() => undefined);
  pg.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function admin(method: string, p: string, body?: unknown) {
  const res = await request(`${running.adminUrl}/v1${p}`, {
    method: method as any, body: body ? JSON.stringify(body) : undefined,
    headers: { authorization: `Bearer ${createToken('outage-secret-0123456789', { tenant: 'acme' })}`, 'content-type': 'application/json' },
  });
  return res.body.json() as Promise<any>;
}

test('database stopped → traffic still served from the last configuration', async () => {
  const group = await admin('POST', '/groups', { name: 'outage' });
  const api = await admin('POST', '/apis', { group_id: group.id, name: 'up', request: { method: 'GET', path: '/up' }, backend: { type: 'MOCK', mock_body: 'still here' } });
  const stage = (await admin('GET', '/stages?name=RELEASE')).items[0];
  await admin('POST', '/deployments', { api_id: api.id, stage_id: stage.id });
  await running.dataPlane!.live.refresh();
  const call = async () => {
    const res = await request(`${running.proxyUrl}/up`, { headers: { host: group.subdomain } });
    return [res.statusCode, await res.body.text()];
  };
  expect(await call()).toEqual([200, 'still here']);

  pg.stop();
  await new Promise((r) => setTimeout(r, 500)); // several poll periods against a dead database
  for (let i = 0; i < 20; i++) expect(await call()).toEqual([200, 'still here']);
  const metrics = await (await request(`${running.adminUrl}/metrics`)).body.text();
  expect(Number(/^apigw_config_reload_failures_total (\d+)/m.exec(metrics)?.[1])).toBeGreaterThan(0);
  expect((await request(`${running.adminUrl}/readyz`)).statusCode).toBe(503);
});
