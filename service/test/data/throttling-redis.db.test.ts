/**
 * Throttling counters shared through a real Redis (a private redis-server on a free port): two
 * gateways on one database — a full service and a proxy-only replica — enforce one limit together;
 * when Redis dies each counts alone (fail-open), and when it is back they share again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { startEchoBackend, type EchoBackend } from '../support/echo-backend';
import { startGateway, type Gateway } from '../support/gateway';

interface RedisServer { url: string; port: number; stop(): Promise<void> }

const freePort = () => new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); });
});

/** redis-server (Debian package redis-server) in a temp dir, no persistence; resolves when it accepts connections. */
async function startRedis(port: number): Promise<RedisServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-redis-'));
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c) => { out += c; if (out.includes('Ready to accept connections')) resolve(); });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`, port,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

let redis: RedisServer;
let gw1: Gateway;
let gw2: Gateway;
let backend: EchoBackend;

beforeAll(async () => {
  redis = await startRedis(await freePort());
  backend = await startEchoBackend();
  gw1 = await startGateway({ redisUrl: redis.url, defaultRateLimitPerSecond: 0 });
  gw2 = await startGateway({ role: 'proxy', databaseUrl: gw1.config.databaseUrl, dataDir: gw1.config.dataDir, redisUrl: redis.url, defaultRateLimitPerSecond: 0 });
  await Promise.all([gw1, gw2].map((g) => g.running.dataPlane!.services.limiter.ready()));
});
afterAll(async () => {
  await gw2?.close();
  await gw1?.close();
  await backend?.close();
  await redis?.stop();
});

const DAY = 86_400_000;
/** Both proxies on one pinned clock, `dayOffset` days ahead, so no window boundary falls inside a test. */
function pinClocks(dayOffset: number): void {
  const t = (Math.floor(Date.now() / DAY) + dayOffset) * DAY + 1000;
  for (const g of [gw1, gw2]) g.running.dataPlane!.services.now = () => t;
}

async function limitedApis(names: string[], policy: Record<string, unknown>): Promise<string> {
  const g = await gw1.group(`g-${names.join('-')}`);
  const created = await gw1.admin('POST', '/throttling-policies', { name: `p-${names.join('-')}`, ...policy });
  for (const name of names) {
    const api = await gw1.publish(g.id, { name, request: { method: 'GET', path: `/${name}` }, backend: { type: 'HTTP', address: backend.url } });
    await gw1.admin('POST', '/throttling-bindings', { policy_id: created.id, api_id: api.id, stage_id: await gw1.stageId() });
  }
  await Promise.all([gw1.synced(), gw2.synced()]);
  return g.host;
}

/** Calls through the given gateways in turn, returning the statuses. */
async function alternate(host: string, calls: Array<[Gateway, string]>): Promise<number[]> {
  const out: number[] = [];
  for (const [g, path] of calls) out.push((await g.call(host, path)).status);
  return out;
}

test('two gateways enforce one limit together, in one Redis round trip per call', async () => {
  pinClocks(1);
  const host = await limitedApis(['together'], { time_unit: 'MINUTE', api_limit: 4 });
  const t = '/together';
  expect(await alternate(host, [[gw1, t], [gw2, t], [gw1, t], [gw2, t], [gw1, t], [gw2, t]])).toEqual([200, 200, 200, 200, 429, 429]);
  const client = new Redis(redis.url);
  try {
    const keys = await client.keys('apigw:rl:*');
    expect(keys).toHaveLength(1);
    expect(await client.get(keys[0])).toBe('4'); // refused calls are not counted
    expect(await client.pttl(keys[0])).toBeGreaterThan(0);
  } finally {
    client.disconnect();
  }
});

test('SHARED policies and source-IP limits are shared across gateways too; debug headers come from Redis', async () => {
  pinClocks(2);
  const host = await limitedApis(['left', 'right'], { type: 'SHARED', time_unit: 'HOUR', api_limit: 10, ip_limit: 3 });
  expect(await alternate(host, [[gw1, '/left'], [gw2, '/right']])).toEqual([200, 200]);
  const third = await gw2.call(host, '/left', { headers: { 'x-apig-mode': 'debug' } });
  expect(third.headers).toMatchObject({ 'x-apig-ratelimit-api-remaining': '7', 'x-apig-ratelimit-ip-remaining': '0' });
  const refused = await gw1.call(host, '/right');
  expect([refused.status, refused.json.error_msg]).toEqual([429, expect.stringContaining('source IP limit of 3 requests per hour')]);
});

test('Redis down: each gateway counts alone (fail-open); Redis back: shared again', async () => {
  pinClocks(3);
  const host = await limitedApis(['outage'], { time_unit: 'MINUTE', api_limit: 3 });
  const o = '/outage';
  await redis.stop();
  const down = await alternate(host, [[gw1, o], [gw1, o], [gw1, o], [gw1, o], [gw2, o], [gw2, o], [gw2, o], [gw2, o]]);
  expect(down).toEqual([200, 200, 200, 429, 200, 200, 200, 429]);

  redis = await startRedis(redis.port);
  await Promise.all([gw1, gw2].map((g) => g.running.dataPlane!.services.limiter.ready()));
  await new Promise((resolve) => setTimeout(resolve, 1100)); // past the limiter's retry cooldown
  pinClocks(4); // a fresh window: the counts made while Redis was down stay local to that window
  expect(await alternate(host, [[gw1, o], [gw2, o], [gw1, o], [gw2, o]])).toEqual([200, 200, 200, 429]);
}, 20_000);
