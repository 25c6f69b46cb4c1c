/**
 * Channels end to end, active health checks: members that stop listening (TCP check) or answer the
 * check with 500 (HTTP check) stop receiving traffic after the unhealthy threshold and get it back
 * after the healthy threshold; with every member down the proxy answers 502 NO_HEALTHY_BACKEND.
 * The check interval is shortened with the test-only healthCheckIntervalOverrideMs.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGateway, type Gateway } from '../support/gateway';

const INTERVAL_MS = 40;

/** A member that can stop and start again on the same port, with a separate health-check status. */
class Member {
  port = 0;
  healthStatus = 200;
  private server?: http.Server;
  constructor(readonly name: string) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const status = req.url === '/health' ? this.healthStatus : 200;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ backend: this.name }));
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

let gw: Gateway;
let group: { id: string; host: string };
let a: Member;
let b: Member;
beforeAll(async () => {
  gw = await startGateway({ configPollMs: 5, healthCheckIntervalOverrideMs: INTERVAL_MS });
  group = await gw.group('health');
});
beforeEach(async () => { a = await new Member('a').start(); b = await new Member('b').start(); });
afterEach(async () => { await a.stop(); await b.stop(); });
afterAll(() => gw.close());

async function channelApi(name: string, healthCheck: Record<string, unknown>): Promise<void> {
  const channel = await gw.admin('POST', '/channels', {
    name, members: [a, b].map((m) => ({ host: '127.0.0.1', port: m.port, weight: 1 })),
    health_check: { healthy_threshold: 2, unhealthy_threshold: 2, timeout_seconds: 2, interval_seconds: 5, ...healthCheck },
  });
  await gw.publish(group.id, {
    name, request: { method: 'GET', path: `/${name}` },
    backend: { type: 'CHANNEL', channel_id: channel.id, channel_scheme: 'http', path: '/' },
  });
}

/** Who answered `n` calls (or the gateway's error code). */
async function answers(path: string, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await gw.call(group.host, path);
    out.push(res.status === 200 ? res.json.backend : `${res.status} ${res.json?.error_code}`);
  }
  return out;
}

/** Calls until a window of 10 answers satisfies `ok`; health needs a few intervals to change. */
async function eventually(path: string, ok: (window: string[]) => boolean): Promise<void> {
  const until = Date.now() + 5000;
  let window: string[] = [];
  while (Date.now() < until) {
    window = await answers(path, 10);
    if (ok(window)) return;
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
  }
  throw new Error(`health did not settle; last answers: ${window.join(', ')}`);
}

const only = (name: string) => (window: string[]) => window.every((x) => x === name);
const both = (window: string[]) => window.includes('a') && window.includes('b');

test('TCP check: a stopped member leaves the rotation and comes back when it listens again', async () => {
  await channelApi('tcp', { protocol: 'TCP' });
  expect(await answers('/tcp', 4)).toEqual(['a', 'b', 'a', 'b']);
  await b.stop();
  await eventually('/tcp', only('a'));
  expect(await answers('/tcp', 20)).toEqual(Array(20).fill('a'));
  await b.start();
  await eventually('/tcp', both);
  expect((await answers('/tcp', 20)).filter((x) => x === 'b')).toHaveLength(10);
});

test('HTTP check: a member answering the check with 500 gets no traffic until it answers 2xx', async () => {
  await channelApi('http', { protocol: 'HTTP', path: '/health', method: 'GET', http_codes: '200-299' });
  b.healthStatus = 500;
  await eventually('/http', only('a'));
  expect(await answers('/http', 20)).toEqual(Array(20).fill('a'));
  b.healthStatus = 204;
  await eventually('/http', both);
});

test('all members down: 502 NO_HEALTHY_BACKEND, then traffic again when one recovers', async () => {
  await channelApi('down', { protocol: 'TCP' });
  await a.stop();
  await b.stop();
  await eventually('/down', only('502 NO_HEALTHY_BACKEND'));
  const res = await gw.call(group.host, '/down');
  expect(res.json).toEqual({ error_code: 'NO_HEALTHY_BACKEND', error_msg: expect.any(String), request_id: res.headers['x-request-id'] });
  await a.start();
  await eventually('/down', only('a'));
});
