/**
 * App and tenant throttling end to end: callers are real apps signing with the X-Ca-* scheme (the
 * independent client in support/ca-signing-client.ts), of two tenants. The app limit, the tenant limit
 * and the special limits of one app and one tenant are each hit exactly at their count.
 */
import { signRequest } from '../support/ca-signing-client';
import { startGateway, type Gateway, type ProxyResponse } from '../support/gateway';

let gw: Gateway;
beforeAll(async () => { gw = await startGateway({ configPollMs: 50 }); });
afterAll(async () => { await gw.close(); });

interface App { id: string; app_key: string; app_secret: string }

const DAY = 86_400_000;
/** The proxy's clock, pinned after a coming midnight (UTC); requests are signed with the same time. */
let clock = 0;
beforeEach(() => {
  clock = (Math.floor(Date.now() / DAY) + 1) * DAY + 5000;
  gw.running.dataPlane!.services.now = () => clock;
});

async function app(name: string, tenant = 'acme'): Promise<App> {
  return gw.admin('POST', '/apps', { name }, tenant);
}

function call(host: string, a: App, headers: Record<string, string> = {}): Promise<ProxyResponse> {
  const signed = signRequest({ method: 'GET', url: '/quota', headers, appKey: a.app_key, appSecret: a.app_secret, timestamp: clock });
  return gw.call(host, '/quota', { headers: signed.headers });
}

async function statuses(host: string, a: App, times: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) out.push((await call(host, a)).status);
  return out;
}

test('app, tenant and special limits each stop their caller exactly at the count', async () => {
  const [a1, a2, vip, g1, g2] = [await app('a1'), await app('a2'), await app('vip'), await app('g1', 'globex'), await app('g2', 'globex')];
  const g = await gw.group('quota');
  const api = await gw.publish(g.id, { name: 'quota', request: { method: 'GET', path: '/quota' }, auth_type: 'APP', backend: { type: 'MOCK', mock_body: 'ok' } });
  const stage = await gw.stageId();
  for (const a of [a1, a2, vip, g1, g2]) await gw.admin('POST', '/app-authorizations', { app_id: a.id, api_id: api.id, stage_id: stage });
  const policy = await gw.admin('POST', '/throttling-policies', {
    name: 'per-caller', time_unit: 'MINUTE', api_limit: 20, tenant_limit: 4, app_limit: 2,
    special_limits: [{ target_type: 'APP', target_id: vip.id, limit: 3 }, { target_type: 'TENANT', target_id: 'globex', limit: 3 }],
  });
  await gw.admin('POST', '/throttling-bindings', { policy_id: policy.id, api_id: api.id, stage_id: stage });
  await gw.synced();

  const first = await call(g.host, vip, { 'x-apig-mode': 'debug' });
  expect(first.status).toBe(200);
  expect(first.headers).toMatchObject({ 'x-apig-ratelimit-api-remaining': '19', 'x-apig-ratelimit-tenant-remaining': '3', 'x-apig-ratelimit-app-remaining': '2' });
  expect(await statuses(g.host, vip, 3)).toEqual([200, 200, 429]); // special app limit 3 (not 2)
  const appRefusal = await call(g.host, vip);
  expect([appRefusal.json.error_code, appRefusal.json.error_msg]).toEqual(['THROTTLED', expect.stringContaining('app limit of 3 requests per minute')]);
  expect(Number(appRefusal.headers['retry-after'])).toBe(55);

  expect(await statuses(g.host, a1, 2)).toEqual([200, 429]); // acme's 4th call: tenant limit 4
  const tenantRefusal = await call(g.host, a2);
  expect([tenantRefusal.status, tenantRefusal.json.error_msg]).toEqual([429, expect.stringContaining('tenant limit of 4 requests per minute')]);

  expect(await statuses(g.host, g1, 3)).toEqual([200, 200, 429]); // app limit 2
  expect(await statuses(g.host, g2, 2)).toEqual([200, 429]); // globex's special tenant limit 3
  expect((await call(g.host, g2)).json.error_msg).toContain('tenant limit of 3');

  clock += 60_000; // the next window
  expect(await statuses(g.host, a1, 3)).toEqual([200, 200, 429]);
  const metrics = await gw.metrics();
  for (const dimension of ['app', 'tenant']) expect(metrics).toMatch(new RegExp(`apigw_throttled_requests_total\\{[^}]*api="${api.id}"[^}]*dimension="${dimension}"\\} [1-9]`));
});
