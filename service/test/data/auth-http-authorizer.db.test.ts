/**
 * External HTTP authorizers end to end, against a loopback authorization API that counts its calls:
 * 2xx admits (its `context` reaches the backend as X-Authorizer-* headers), 401/403 is
 * AUTHORIZER_DENIED, 5xx and timeouts are AUTHORIZER_FAILURE, a missing identity is AUTH_MISSING
 * without any call, and verdicts are cached per identity for exactly cache_ttl_seconds (the
 * gateway clock is moved instead of sleeping).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEchoBackend, type EchoBackend } from '../support/echo-backend';
import { startGateway, type Gateway } from '../support/gateway';

interface Seen { method: string; url: string; authorization?: string; apiKey?: string; body: string }

let gw: Gateway;
let backend: EchoBackend;
let authz: http.Server;
let host: string;
const calls: Seen[] = [];

function decide(token: string | undefined, res: http.ServerResponse): void {
  if (token === 'Bearer good') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ context: { user: 'alice', tier: 3, 'bad key!': 'x', nested: { no: 1 } } }));
  } else if (token === 'Bearer slow') {
    setTimeout(() => { if (!res.destroyed) res.writeHead(200).end(); }, 1500).unref();
  } else if (token === 'Bearer boom') {
    res.writeHead(500).end();
  } else {
    res.writeHead(token === 'Bearer expired' ? 401 : 403).end();
  }
}

beforeAll(async () => {
  backend = await startEchoBackend();
  authz = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      calls.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, apiKey: req.headers['x-api-key'] as string, body });
      decide(req.headers.authorization, res);
    });
  });
  await new Promise<void>((resolve) => authz.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(authz.address() as AddressInfo).port}/check`;
  gw = await startGateway();
  const g = await gw.group('httpauth');
  host = g.host;
  const defs = {
    cached: { http: { url, method: 'POST', timeout_ms: 300 }, cache_ttl_seconds: 60 },
    uncached: { http: { url, method: 'GET', timeout_ms: 300 }, cache_ttl_seconds: 0 },
    multi: { http: { url, method: 'GET', timeout_ms: 300 }, identity_sources: [{ location: 'HEADER', name: 'Authorization' }, { location: 'QUERY', name: 'api_key' }] },
  };
  for (const [name, settings] of Object.entries(defs)) {
    const az = await gw.admin('POST', '/authorizers', { name, type: 'HTTP', ...settings });
    await gw.publish(g.id, { name, request: { method: 'ANY', path: `/${name}` }, auth_type: 'AUTHORIZER', authorizer_id: az.id, backend: { type: 'HTTP', address: backend.url } });
  }
});
afterAll(async () => {
  await gw.close();
  await backend.close();
  authz.closeAllConnections();
  await new Promise((resolve) => authz.close(resolve));
});
beforeEach(() => { calls.length = 0; backend.received.length = 0; });

const as = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

test('2xx admits and maps the answer context to X-Authorizer-* backend headers', async () => {
  const res = await gw.call(host, '/uncached', as('good'));
  expect(res.status).toBe(200);
  expect(backend.received[0].headers).toMatchObject({ 'x-authorizer-user': 'alice', 'x-authorizer-tier': '3' });
  expect(Object.keys(backend.received[0].headers).filter((h) => h.startsWith('x-authorizer-')).sort()).toEqual(['x-authorizer-tier', 'x-authorizer-user']);
  expect(calls).toEqual([expect.objectContaining({ method: 'GET', url: '/check', authorization: 'Bearer good' })]);
});

test('401/403 is AUTHORIZER_DENIED; 5xx and timeouts are AUTHORIZER_FAILURE; no identity is AUTH_MISSING', async () => {
  for (const token of ['bad', 'expired']) {
    const res = await gw.call(host, '/uncached', as(token));
    expect([token, res.status, res.json.error_code]).toEqual([token, 403, 'AUTHORIZER_DENIED']);
  }
  const boom = await gw.call(host, '/uncached', as('boom'));
  expect([boom.status, boom.json.error_code]).toEqual([500, 'AUTHORIZER_FAILURE']);
  const started = Date.now();
  const slow = await gw.call(host, '/uncached', as('slow'));
  expect([slow.status, slow.json.error_code]).toEqual([500, 'AUTHORIZER_FAILURE']);
  expect(Date.now() - started).toBeLessThan(1200);
  const none = await gw.call(host, '/uncached');
  expect([none.status, none.json.error_code]).toEqual([401, 'AUTH_MISSING']);
  expect(calls).toHaveLength(4);
  expect(backend.received).toHaveLength(0);
});

test('verdicts are cached per identity for cache_ttl_seconds; failures are not cached', async () => {
  const services = gw.running.dataPlane!.services;
  const realNow = services.now;
  let now = Date.now();
  services.now = () => now;
  try {
    for (let i = 0; i < 3; i++) expect((await gw.call(host, '/cached', as('good'))).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await gw.call(host, '/cached', as('bad'))).status).toBe(403);
    for (let i = 0; i < 2; i++) expect((await gw.call(host, '/cached', as('boom'))).status).toBe(500);
    expect(calls.map((c) => c.authorization)).toEqual(['Bearer good', 'Bearer bad', 'Bearer boom', 'Bearer boom']);
    expect(backend.received.every((r) => r.headers['x-authorizer-user'] === 'alice')).toBe(true);
    now += 59_000;
    await gw.call(host, '/cached', as('good'));
    expect(calls).toHaveLength(4);
    now += 1_001;
    await gw.call(host, '/cached', as('good'));
    expect(calls).toHaveLength(5);
  } finally {
    services.now = realNow;
  }
  const posted = JSON.parse(calls[0].body);
  expect(posted).toMatchObject({ identity: { Authorization: 'Bearer good' }, method: 'GET', path: '/cached', stage: 'RELEASE' });
});

test('every identity source is required and sent where it was found', async () => {
  expect((await gw.call(host, '/multi', as('good'))).json.error_code).toBe('AUTH_MISSING');
  expect((await gw.call(host, '/multi?api_key=k1', as('good'))).status).toBe(200);
  expect(calls).toEqual([expect.objectContaining({ url: '/check?api_key=k1', authorization: 'Bearer good' })]);
});
