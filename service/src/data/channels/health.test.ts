/**
 * Health checks: expected-code parsing, the threshold state machine, the per-member probe loop, and
 * the real probes (TCP, HTTP, HTTPS with a self-signed certificate, timeouts) against loopback servers.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { RuntimeChannel } from '../../shared/runtime-config';
import { HealthChecker, record } from './health-checker';
import { buildMembers, newHealth, type Member } from './members';
import { createProbe, parseHttpCodes } from './probes';

type Check = NonNullable<RuntimeChannel['health_check']>;
const check = (extra: Partial<Check> = {}): Check => ({
  protocol: 'HTTP', path: '/health', method: 'GET', healthy_threshold: 2, unhealthy_threshold: 3,
  timeout_seconds: 2, interval_seconds: 5, http_codes: '200', ...extra,
});
const member = (port: number, host = '127.0.0.1'): Member =>
  buildMembers({ id: 'c', algorithm: 'ROUND_ROBIN', members: [{ host, port, weight: 1 }] }, new Map())[0];
const never = new AbortController().signal;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('expected codes: lists and inclusive ranges', () => {
  const ok = parseHttpCodes('200,202-204, 301');
  expect([200, 201, 202, 204, 205, 301, 500].map(ok)).toEqual([true, false, true, true, false, true, false]);
  expect(parseHttpCodes('200-299')(299)).toBe(true);
  expect(parseHttpCodes('')(200)).toBe(true);
});

test('thresholds: unhealthy after N consecutive failures, healthy after M consecutive successes', () => {
  const h = newHealth();
  const t = { healthy: 2, unhealthy: 3 };
  const feed = (results: boolean[]) => results.map((ok) => { record(h, ok, t); return h.healthy; });
  expect(feed([false, false, true, false, false])).toEqual([true, true, true, true, true]);
  expect(feed([false])).toEqual([false]);
  expect(feed([true, false, true])).toEqual([false, false, false]);
  expect(feed([true])).toEqual([true]);
});

test('the checker probes each member on its own timer and stops cleanly', async () => {
  const ms = buildMembers({ id: 'c', algorithm: 'ROUND_ROBIN', members: [{ host: 'a', port: 1, weight: 1 }, { host: 'b', port: 2, weight: 1 }] }, new Map());
  const calls: string[] = [];
  const checker = new HealthChecker(ms, check(), { intervalMs: 10, timeoutMs: 1000 }, async (m) => { calls.push(m.host); return m.host === 'a'; });
  checker.start();
  await sleep(80);
  checker.stop();
  expect(ms.map((m) => m.health.healthy)).toEqual([true, false]);
  const seen = calls.length;
  expect(seen).toBeGreaterThanOrEqual(6);
  await sleep(40);
  expect(calls.length).toBe(seen);
});

describe('probes against loopback servers', () => {
  let status = 200;
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    server = http.createServer((req, res) => { res.writeHead(req.url === '/health' ? status : 404).end('x'); });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  test('TCP: connects to a listening port, fails on a closed one; the port override wins', async () => {
    const tcp = createProbe(check({ protocol: 'TCP' }));
    expect(await tcp(member(port), 1000, never)).toBe(true);
    const closed = await freePort();
    expect(await tcp(member(closed), 1000, never)).toBe(false);
    expect(await createProbe(check({ protocol: 'TCP', port }))(member(closed), 1000, never)).toBe(true);
  });

  test('HTTP: the status must be among the expected codes', async () => {
    const probe = createProbe(check({ http_codes: '200-299' }));
    status = 204;
    expect(await probe(member(port), 1000, never)).toBe(true);
    status = 500;
    expect(await probe(member(port), 1000, never)).toBe(false);
    expect(await createProbe(check({ http_codes: '500' }))(member(port), 1000, never)).toBe(true);
    expect(await createProbe(check({ path: '/other', http_codes: '404' }))(member(port), 1000, never)).toBe(true);
    expect(await createProbe(check({ method: 'HEAD', http_codes: '500' }))(member(port), 1000, never)).toBe(true);
  });

  test('a member that never answers fails at the timeout; an abort ends a probe at once', async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const target = member((silent.address() as AddressInfo).port);
    const started = Date.now();
    expect(await createProbe(check())(target, 100, never)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
    const abort = new AbortController();
    const pending = createProbe(check())(target, 10_000, abort.signal);
    abort.abort();
    expect(await pending).toBe(false);
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  });
});

test('HTTPS probes accept a self-signed certificate (members are internal)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-hc-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=member.internal',
    '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
  const server = https.createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) },
    (_req, res) => { res.writeHead(200).end(); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const port = (server.address() as AddressInfo).port;
    expect(await createProbe(check({ protocol: 'HTTPS' }))(member(port), 2000, never)).toBe(true);
    expect(await createProbe(check({ protocol: 'HTTP' }))(member(port), 2000, never)).toBe(false);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}
