/**
 * Throttling end to end through the proxy, with a real loopback backend: limits hit exactly at the
 * configured count (API, source IP), BASIC vs SHARED across two APIs, the default limit of unbound
 * APIs, Retry-After, the debug headers, the throttled metric, counts surviving a configuration swap,
 * and a window reset in real time. Most tests pin the proxy's clock (DataServices.now) inside a window
 * so a boundary can never fall between two calls; the last one runs on the real clock.
 */
import http from 'node:http';
import { startEchoBackend, type EchoBackend } from '../support/echo-backend';
import { startGateway, type Gateway } from '../support/gateway';

let gw: Gateway;
let backend: EchoBackend;

beforeAll(async () => {
  gw = await startGateway({ defaultRateLimitPerSecond: 5, configPollMs: 50 });
  backend = await startEchoBackend();
});
afterAll(async () => { await gw.close(); await backend.close(); });
beforeEach(() => { backend.received.length = 0; });

const DAY = 86_400_000;
/** Pins the proxy's clock `offsetMs` after a coming midnight (UTC), a boundary of every period. */
function pinClock(offsetMs: number): number {
  const t = (Math.floor(Date.now() / DAY) + 1) * DAY + offsetMs;
  gw.running.dataPlane!.services.now = () => t;
  return t;
}
afterEach(() => { gw.running.dataPlane!.services.now = () => Date.now(); });

async function bind(apiId: string, policy: Record<string, unknown>): Promise<any> {
  const created = await gw.admin('POST', '/throttling-policies', { name: `p-${Math.random().toString(36).slice(2, 10)}`, ...policy });
  await gw.admin('POST', '/throttling-bindings', { policy_id: created.id, api_id: apiId, stage_id: await gw.stageId() });
  return created;
}

/** A fresh group with one GET API per name, calling the echo backend. */
async function apis(...names: string[]): Promise<{ host: string; ids: string[] }> {
  const g = await gw.group(`g-${names.join('-')}`);
  const ids: string[] = [];
  for (const name of names) {
    ids.push((await gw.publish(g.id, { name, request: { method: 'GET', path: `/${name}` }, backend: { type: 'HTTP', address: backend.url } })).id);
  }
  return { host: g.host, ids };
}

async function statuses(host: string, path: string, times: number, headers: Record<string, string> = {}): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) out.push((await gw.call(host, path, { headers })).status);
  return out;
}

const ok = (n: number) => Array<number>(n).fill(200);

test('the API limit is hit exactly at its count, with Retry-After, a clear error and the metric', async () => {
  const { host, ids } = await apis('orders');
  await bind(ids[0], { time_unit: 'MINUTE', api_limit: 3 });
  await gw.synced();
  pinClock(20_000);
  expect(await statuses(host, '/orders', 3)).toEqual(ok(3));
  const refused = await gw.call(host, '/orders');
  expect(refused.status).toBe(429);
  expect(refused.headers['retry-after']).toBe('40');
  expect(refused.json).toEqual({ error_code: 'THROTTLED', error_msg: expect.stringContaining('API limit of 3 requests per minute'), request_id: refused.headers['x-request-id'] });
  expect(backend.received).toHaveLength(3);
  const metrics = await gw.metrics();
  expect(metrics).toMatch(new RegExp(`apigw_throttled_requests_total\\{group="[^"]+",api="${ids[0]}",stage="RELEASE",dimension="api"\\} 1`));
});

/** A call from another loopback address (127.0.0.2), so the proxy sees another source IP. */
function callFromOtherIp(host: string, path: string): Promise<number> {
  const { port } = new URL(gw.running.proxyUrl!);
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, headers: { host }, localAddress: '127.0.0.2', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    }).on('error', reject);
  });
}

test('the source IP limit counts each client address alone', async () => {
  const { host, ids } = await apis('search');
  await bind(ids[0], { time_unit: 'HOUR', api_limit: 10, ip_limit: 2 });
  await gw.synced();
  pinClock(1000);
  expect(await statuses(host, '/search', 2)).toEqual(ok(2));
  const refused = await gw.call(host, '/search');
  expect([refused.status, refused.json.error_msg]).toEqual([429, expect.stringContaining('source IP limit of 2 requests per hour')]);
  expect(Number(refused.headers['retry-after'])).toBe(3599);
  expect([await callFromOtherIp(host, '/search'), await callFromOtherIp(host, '/search')]).toEqual([200, 200]);
  expect(await callFromOtherIp(host, '/search')).toBe(429);
  expect(backend.received.map((r) => r.headers['x-forwarded-for'])).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.2', '127.0.0.2']);
});

test('BASIC counts each bound API alone; SHARED counts them together', async () => {
  const basic = await apis('b1', 'b2');
  const basicPolicy = await bind(basic.ids[0], { type: 'BASIC', time_unit: 'MINUTE', api_limit: 2 });
  await gw.admin('POST', '/throttling-bindings', { policy_id: basicPolicy.id, api_id: basic.ids[1], stage_id: await gw.stageId() });
  const shared = await apis('s1', 's2');
  const sharedPolicy = await bind(shared.ids[0], { type: 'SHARED', time_unit: 'MINUTE', api_limit: 3 });
  await gw.admin('POST', '/throttling-bindings', { policy_id: sharedPolicy.id, api_id: shared.ids[1], stage_id: await gw.stageId() });
  await gw.synced();
  pinClock(5000);
  expect([...await statuses(basic.host, '/b1', 3), ...await statuses(basic.host, '/b2', 3)]).toEqual([200, 200, 429, 200, 200, 429]);
  const interleaved = [];
  for (const path of ['/s1', '/s2', '/s1', '/s2', '/s1']) interleaved.push((await gw.call(shared.host, path)).status);
  expect(interleaved).toEqual([200, 200, 200, 429, 429]);
});

test('APIs with no bound policy get the default per-second limit', async () => {
  const { host } = await apis('unbound');
  const t = pinClock(250);
  expect(await statuses(host, '/unbound', 6)).toEqual([...ok(5), 429]);
  const refused = await gw.call(host, '/unbound');
  expect([refused.headers['retry-after'], refused.json.error_msg]).toEqual(['1', expect.stringContaining('API limit of 5 requests per second')]);
  gw.running.dataPlane!.services.now = () => t + 1000;
  expect(await statuses(host, '/unbound', 6)).toEqual([...ok(5), 429]);
});

test('debug mode shows what remains in each dimension, on the 429 too', async () => {
  const { host, ids } = await apis('debugged');
  await bind(ids[0], { time_unit: 'DAY', api_limit: 5, ip_limit: 2 });
  await gw.synced();
  pinClock(0);
  const debug = { 'x-apig-mode': 'debug' };
  const first = await gw.call(host, '/debugged', { headers: debug });
  expect(first.headers).toMatchObject({ 'x-apig-ratelimit-api-remaining': '4', 'x-apig-ratelimit-ip-remaining': '1' });
  expect((await gw.call(host, '/debugged')).headers['x-apig-ratelimit-api-remaining']).toBeUndefined();
  const refused = await gw.call(host, '/debugged', { headers: debug });
  expect(refused.status).toBe(429);
  expect(refused.headers).toMatchObject({ 'x-apig-ratelimit-api-remaining': '3', 'x-apig-ratelimit-ip-remaining': '0' });
});

test('counts survive configuration swaps', async () => {
  const { host, ids } = await apis('steady');
  await bind(ids[0], { time_unit: 'MINUTE', api_limit: 4 });
  await gw.synced();
  pinClock(30_000);
  expect(await statuses(host, '/steady', 2)).toEqual(ok(2));
  await apis('unrelated'); // a publish: a new configuration, new policy objects
  expect(await statuses(host, '/steady', 3)).toEqual([200, 200, 429]);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a window resets on the real clock at the period boundary', async () => {
  const { host, ids } = await apis('realtime');
  await bind(ids[0], { time_unit: 'SECOND', api_limit: 3 });
  await gw.synced();
  await gw.call(host, '/warm-up'); // a 404: warms the connection without counting
  if (Date.now() % 1000 > 100) await sleep(1005 - (Date.now() % 1000)); // start just after a boundary
  const started = Date.now();
  const within = await statuses(host, '/realtime', 4);
  const refused = await gw.call(host, '/realtime');
  expect(Math.floor(Date.now() / 1000)).toBe(Math.floor(started / 1000)); // all in one window
  expect([...within, refused.status]).toEqual([200, 200, 200, 429, 429]);
  expect(refused.headers['retry-after']).toBe('1');
  await sleep(1005 - (Date.now() % 1000));
  expect(await statuses(host, '/realtime', 4)).toEqual([...ok(3), 429]);
});
