/**
 * Nonces shared between proxy replicas through a real Redis (a private redis-server on a free
 * loopback port, in a temporary directory, no persistence): two gateways on the same database and
 * the same REDIS_URL — a nonce used on one is refused on the other. When Redis goes away, each
 * replica falls back to its own memory and keeps serving, still refusing replays it has seen.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import type { RedisNonceStore } from '../../src/data/auth/redis-nonce-store';
import { startService, type RunningService } from '../../src/serve';
import { loadConfig } from '../../src/shared/config';
import { createLogger } from '../../src/shared/logger';
import { signRequest } from '../support/ca-signing-client';
import { startEchoBackend, type EchoBackend } from '../support/echo-backend';
import { startGateway, type Gateway } from '../support/gateway';

let redis: ChildProcess;
let redisDir: string;
let gw: Gateway;
let replica: RunningService;
let backend: EchoBackend;
let host: string;
let app: { app_key: string; app_secret: string };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function startRedis(port: number): Promise<ChildProcess> {
  redisDir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-redis-'));
  const child = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', redisDir, '--daemonize', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => { out += chunk; if (out.includes('Ready to accept connections')) resolve(); });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
  });
  return child;
}

beforeAll(async () => {
  const redisUrl = `redis://127.0.0.1:${await freePort()}`;
  redis = await startRedis(Number(new URL(redisUrl).port));
  backend = await startEchoBackend();
  gw = await startGateway({ redisUrl });
  // A second proxy replica on the same database and the same Redis.
  replica = await startService(loadConfig({}, { ...gw.config, role: 'proxy', adminPort: 0, proxyPort: 0 }), createLogger('silent'));
  const g = await gw.group('shared');
  host = g.host;
  const api = await gw.publish(g.id, { name: 'pay', request: { method: 'POST', path: '/pay' }, auth_type: 'APP', backend: { type: 'HTTP', address: backend.url } });
  app = await gw.admin('POST', '/apps', { name: 'payer' });
  await gw.admin('POST', '/app-authorizations', { app_id: (app as any).id, api_id: api.id, stage_id: await gw.stageId('RELEASE') });
  await gw.synced();
  await replica.dataPlane!.live.refresh();
});
afterAll(async () => {
  await replica.close();
  await gw.close();
  await backend.close();
  if (redis.exitCode === null) redis.kill('SIGTERM');
  fs.rmSync(redisDir, { recursive: true, force: true });
});

async function call(proxyUrl: string, headers: Record<string, string>) {
  const res = await request(`${proxyUrl}/pay`, { method: 'POST', headers: { host, ...headers } });
  const body = await res.body.json() as any;
  return { status: res.statusCode, code: body.error_code as string | undefined };
}

const sign = () => signRequest({ method: 'POST', url: '/pay', appKey: app.app_key, appSecret: app.app_secret, headers: { accept: 'application/json' } }).headers;

test('a nonce used on one replica is refused on the other, in both directions', async () => {
  const first = sign();
  expect(await call(gw.running.proxyUrl!, first)).toEqual({ status: 200, code: undefined });
  expect(await call(replica.proxyUrl!, first)).toEqual({ status: 401, code: 'NONCE_REPLAYED' });
  const second = sign();
  expect(await call(replica.proxyUrl!, second)).toEqual({ status: 200, code: undefined });
  expect(await call(gw.running.proxyUrl!, second)).toEqual({ status: 401, code: 'NONCE_REPLAYED' });
  expect((gw.running.dataPlane!.services.auth.nonces as RedisNonceStore).fallbacks).toBe(0);
});

test('without Redis each replica falls back to its own memory and keeps refusing replays', async () => {
  redis.kill('SIGTERM');
  await new Promise((resolve) => redis.once('exit', resolve));
  const headers = sign();
  expect(await call(gw.running.proxyUrl!, headers)).toEqual({ status: 200, code: undefined });
  expect(await call(gw.running.proxyUrl!, headers)).toEqual({ status: 401, code: 'NONCE_REPLAYED' });
  expect((gw.running.dataPlane!.services.auth.nonces as RedisNonceStore).fallbacks).toBeGreaterThan(0);
});
