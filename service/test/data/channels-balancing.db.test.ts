/**
 * Channels end to end, load balancing: real loopback members behind an API whose backend is a
 * channel. Weighted round robin splits by weight, least connections avoids a busy member, source-IP
 * and URI hash stick, and a weight change published with PUT /v1/channels/{id} applies at once.
 */
import { Agent, request } from 'undici';
import type { Balancer } from '../../src/data/channels';
import { startEchoBackend, type EchoBackend } from '../support/echo-backend';
import { startGateway, type Gateway } from '../support/gateway';

let gw: Gateway;
let members: EchoBackend[];
let group: { id: string; host: string };
let host: string;
beforeAll(async () => {
  gw = await startGateway({ configPollMs: 5 });
  members = await Promise.all(['m0', 'm1', 'm2'].map((name) => startEchoBackend(name)));
  group = await gw.group('channels');
  host = group.host;
});
afterAll(async () => { await gw.close(); await Promise.all(members.map((m) => m.close())); });
beforeEach(() => { for (const m of members) { m.received.length = 0; m.delayMs = 0; } });

const channelBody = (name: string, algorithm: string, weights: number[]) => ({
  name, algorithm, members: weights.map((weight, i) => ({ host: '127.0.0.1', port: members[i].port, weight })),
});

/** Creates a channel and an API at `/{name}` (prefix) that balances over it. */
async function channelApi(name: string, algorithm: string, weights: number[]): Promise<string> {
  const channel = await gw.admin('POST', '/channels', channelBody(name, algorithm, weights));
  await gw.publish(group.id, {
    name, request: { method: 'GET', path: `/${name}`, match_mode: 'PREFIX' },
    backend: { type: 'CHANNEL', channel_id: channel.id, channel_scheme: 'http', path: '/' },
  });
  return channel.id;
}

/** Which member answered each of `n` sequential calls. */
async function split(path: string, n: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const res = await gw.call(host, path);
    expect(res.status).toBe(200);
    counts[res.json.backend] = (counts[res.json.backend] ?? 0) + 1;
  }
  return counts;
}

test('weighted round robin splits traffic by weight; weight 0 gets none', async () => {
  await channelApi('wrr', 'ROUND_ROBIN', [1, 3, 0]);
  expect(await split('/wrr', 40)).toEqual({ m0: 10, m1: 30 });
  expect(members[1].received[0].path).toBe('/');
});

test('least connections sends new requests away from a member busy with a slow one', async () => {
  await channelApi('lc', 'LEAST_CONNECTIONS', [1, 1]);
  // Plain HTTP APIs on the members' own origins: their calls must not touch the channel's counts.
  for (const i of [0, 1]) {
    await gw.publish(group.id, { name: `direct${i}`, request: { method: 'GET', path: `/direct${i}` }, backend: { type: 'HTTP', address: members[i].url } });
  }
  for (const m of members) m.delayMs = 400;
  const slow = gw.call(host, '/lc/slow');
  while (members[0].received.length + members[1].received.length === 0) await new Promise((r) => setTimeout(r, 5));
  const busy = members[0].received.length ? 0 : 1;
  for (const m of members) m.delayMs = 0; // the slow request keeps the delay it started with
  expect((await gw.call(host, `/direct${busy}`)).json.backend).toBe(`m${busy}`);
  expect(await split('/lc/fast', 6)).toEqual({ [`m${1 - busy}`]: 6 });
  expect((await slow).status).toBe(200);
  const balancer = gw.running.dataPlane!.services.channels as Balancer;
  expect(members.map((m) => balancer.inFlight(`127.0.0.1:${m.port}`))).toEqual([0, 0, 0]);
});

test('source-IP hash keeps each client on one member and spreads clients', async () => {
  await channelApi('iphash', 'SOURCE_IP_HASH', [1, 1, 1]);
  const chosen = new Set<string>();
  for (let i = 2; i < 22; i++) {
    const agent = new Agent({ localAddress: `127.0.0.${i}` });
    try {
      const seen = new Set<string>();
      for (let k = 0; k < 3; k++) {
        const res = await request(`${gw.running.proxyUrl}/iphash/${k}`, { headers: { host }, dispatcher: agent });
        const body = await res.body.json() as any;
        expect(body.headers['x-forwarded-for']).toBe(`127.0.0.${i}`);
        seen.add(body.backend);
      }
      expect(seen.size).toBe(1);
      chosen.add([...seen][0]);
    } finally {
      await agent.close();
    }
  }
  expect(chosen.size).toBeGreaterThan(1);
});

test('URI hash keeps each path and query on one member and spreads them', async () => {
  await channelApi('urihash', 'URI_HASH', [1, 1, 1]);
  const chosen = new Set<string>();
  for (let i = 0; i < 20; i++) {
    const answers = new Set<string>();
    for (let k = 0; k < 3; k++) answers.add((await gw.call(host, `/urihash/item?id=${i}`)).json.backend);
    expect(answers.size).toBe(1);
    chosen.add([...answers][0]);
  }
  expect(chosen.size).toBeGreaterThan(1);
});

test('a weight change published with PUT /v1/channels/{id} takes effect after sync', async () => {
  const id = await channelApi('reweigh', 'ROUND_ROBIN', [1, 1]);
  expect(await split('/reweigh', 10)).toEqual({ m0: 5, m1: 5 });
  await gw.admin('PUT', `/channels/${id}`, channelBody('reweigh', 'ROUND_ROBIN', [3, 1]));
  await gw.synced();
  expect(await split('/reweigh', 40)).toEqual({ m0: 30, m1: 10 });
  await gw.admin('PUT', `/channels/${id}`, channelBody('reweigh', 'ROUND_ROBIN', [0, 0]));
  await gw.synced();
  const res = await gw.call(host, '/reweigh');
  expect([res.status, res.json.error_code]).toEqual([502, 'NO_HEALTHY_BACKEND']);
});
