/** The JWKS cache against a loopback key server: caching by kid, rotation, rate-limited refetches, stale keys on outage. */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { JwksCache } from './jwks';

const keyA = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
const keyB = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
let published: Array<[string, crypto.KeyObject]> = [['a', keyA]];
let status = 200;
let fetches = 0;
let server: http.Server;
let uri: string;

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    fetches++;
    const keys = published.map(([kid, key]) => ({ ...key.export({ format: 'jwk' }), kid }));
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [...keys, { kty: 'oct', k: 'c2VjcmV0', kid: 'sym' }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  uri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

test('keys by kid, rotation after the refetch gap, stale keys when the endpoint fails', async () => {
  let now = 1_000_000;
  const cache = new JwksCache({ ttlMs: 60_000, refetchGapMs: 5000, timeoutMs: 1000, maxBytes: 65536 }, () => now);
  expect((await cache.key(uri, 'a'))?.equals(keyA)).toBe(true);
  expect(await cache.key(uri, 'sym')).toBeUndefined(); // symmetric keys in a JWKS are ignored
  published = [['a', keyA], ['b', keyB]];
  expect(await cache.key(uri, 'b')).toBeUndefined(); // within the gap: no refetch for unknown kids
  expect(fetches).toBe(1);
  now += 5000;
  expect((await cache.key(uri, 'b'))?.equals(keyB)).toBe(true);
  expect(fetches).toBe(2);
  status = 500;
  now += 120_000;
  expect((await cache.key(uri, 'a'))?.equals(keyA)).toBe(true); // expired, refresh failed: the last good set serves
  expect(fetches).toBe(3);
  expect((await cache.key(uri, 'a'))?.equals(keyA)).toBe(true);
  expect(fetches).toBe(3); // and the next attempt waits for the gap
  status = 200;
});

test('a set that never loaded is an error; a token without kid uses the only key', async () => {
  const cache = new JwksCache({ ttlMs: 60_000, refetchGapMs: 5000, timeoutMs: 1000, maxBytes: 65536 }, () => 0);
  await expect(cache.key('http://127.0.0.1:9/jwks', 'a')).rejects.toThrow('could not be fetched');
  published = [['only', keyA]];
  expect((await cache.key(uri, undefined))?.equals(keyA)).toBe(true);
});
