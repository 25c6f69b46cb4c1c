/**
 * The balancer across configuration swaps: members that stay keep their health and in-flight
 * counts, counts are per server across channels, removed channels stop probing, and the gauge.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import type { RuntimeChannel } from '../../shared/runtime-config';
import type { CallContext } from '../pipeline/context';
import { Balancer, registerChannelHealthGauge } from '.';

const ctx = { sourceIp: '127.0.0.1', path: '/', rawQuery: '' } as CallContext;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function channel(id: string, ports: number[], extra: Partial<RuntimeChannel> = {}): RuntimeChannel {
  return { id, algorithm: 'ROUND_ROBIN', members: ports.map((port) => ({ host: '127.0.0.1', port, weight: 1 })), ...extra };
}
const tcpCheck = { protocol: 'TCP', path: '/', method: 'GET', healthy_threshold: 2, unhealthy_threshold: 2, timeout_seconds: 2, interval_seconds: 5, http_codes: '200' } as const;

let balancer: Balancer;
afterEach(() => balancer.close());

test('picks return origins in the requested scheme; unknown channels give undefined', () => {
  balancer = new Balancer();
  balancer.update({ a: channel('a', [81, 82]), v6: channel('v6', [83], { members: [{ host: '::1', port: 83, weight: 1 }] }) });
  expect([balancer.pick('a', ctx, 'http'), balancer.pick('a', ctx, 'https')]).toEqual(['http://127.0.0.1:81', 'https://127.0.0.1:82']);
  expect(balancer.pick('v6', ctx, 'http')).toBe('http://[::1]:83');
  expect(balancer.pick('missing', ctx, 'http')).toBeUndefined();
});

test('in-flight counts are per server, across channels and across updates', () => {
  balancer = new Balancer();
  balancer.update({ a: channel('a', [81], { algorithm: 'LEAST_CONNECTIONS' }), b: channel('b', [81, 82], { algorithm: 'LEAST_CONNECTIONS' }) });
  const first = balancer.pick('a', ctx, 'http')!;
  expect(balancer.pick('b', ctx, 'http')).toBe('http://127.0.0.1:82'); // :81 is busy with channel a's request
  balancer.update({ b: channel('b', [81, 82], { algorithm: 'LEAST_CONNECTIONS' }), c: channel('c', [81]) });
  expect(balancer.inFlight('127.0.0.1:81')).toBe(1);
  balancer.release(first);
  balancer.release('http://10.9.9.9:80'); // a plain HTTP backend's origin: ignored
  expect([balancer.inFlight('127.0.0.1:81'), balancer.inFlight('127.0.0.1:82')]).toEqual([0, 1]);
});

test('health survives updates for members that stay; dropping the check makes all healthy', async () => {
  const dead = await closedPort();
  const alive = await listening();
  balancer = new Balancer({ intervalOverrideMs: 10 });
  balancer.update({ a: channel('a', [dead, alive.port], { health_check: tcpCheck }) });
  await waitFor(() => balancer.health().some((s) => !s.healthy));
  expect(balancer.health().map((s) => s.healthy)).toEqual([false, true]);
  expect(new Set([1, 2, 3].map(() => balancer.pick('a', ctx, 'http')))).toEqual(new Set([`http://127.0.0.1:${alive.port}`]));
  // A weight change rebuilds the channel; the dead member must not come back as "starts healthy".
  balancer.update({ a: channel('a', [dead, alive.port, 1], { health_check: tcpCheck }) });
  expect(balancer.health().map((s) => s.healthy)).toEqual([false, true, true]);
  balancer.update({ a: channel('a', [dead, alive.port]) });
  expect(balancer.health().map((s) => s.healthy)).toEqual([true, true]);
  await alive.close();
});

test('removed channels and close() stop their health checks', async () => {
  let probes = 0;
  const server = http.createServer((_req, res) => { probes++; res.end(); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  balancer = new Balancer({ intervalOverrideMs: 5 });
  balancer.update({ a: channel('a', [port], { health_check: { ...tcpCheck, protocol: 'HTTP' } }) });
  await waitFor(() => probes >= 3);
  balancer.update({});
  await sleep(20);
  const after = probes;
  await sleep(50);
  expect(probes).toBe(after);
  balancer.update({ a: channel('a', [port], { health_check: { ...tcpCheck, protocol: 'HTTP' } }) });
  await waitFor(() => probes > after);
  await balancer.close();
  balancer.update({ a: channel('a', [port]) }); // ignored once closed
  const closedAt = probes;
  await sleep(50);
  expect(probes - closedAt).toBeLessThanOrEqual(1);
  expect(balancer.health()).toEqual([]);
  await new Promise((resolve) => server.close(resolve));
});

test('apigw_channel_member_healthy reports every member, and forgets removed ones', async () => {
  const registry = new Registry();
  balancer = new Balancer();
  registerChannelHealthGauge(registry, balancer);
  balancer.update({ a: channel('a', [81, 82]) });
  expect(await registry.metrics()).toContain('apigw_channel_member_healthy{channel="a",member="127.0.0.1:82"} 1');
  balancer.update({ b: channel('b', [83]) });
  const text = await registry.metrics();
  expect(text).toContain('apigw_channel_member_healthy{channel="b",member="127.0.0.1:83"} 1');
  expect(text).not.toContain('channel="a"');
});

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await sleep(5);
  }
}

async function listening(): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => res.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function closedPort(): Promise<number> {
  const s = await listening();
  await s.close();
  return s.port;
}
