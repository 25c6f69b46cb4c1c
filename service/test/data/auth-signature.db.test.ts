/**
 * App signature (X-Ca-* scheme) end to end through the proxy, signed by the independent test client:
 * good GET / form POST / Content-MD5 / HmacSHA1 requests pass; wrong secret, tampering, expired
 * timestamp, replayed nonce, unknown key, missing or unsigned headers get their codes; only
 * authorized apps get through; a reset secret stops the old one after the next configuration swap.
 */
import { signRequest, type SignOptions } from '../support/ca-signing-client';
import { startEchoBackend, type EchoBackend } from '../support/echo-backend';
import { startGateway, type Gateway } from '../support/gateway';

let gw: Gateway;
let backend: EchoBackend;
let host: string;
let app: { id: string; app_key: string; app_secret: string };
let other: { id: string; app_key: string; app_secret: string };
const apiIds: Record<string, string> = {};

beforeAll(async () => {
  gw = await startGateway({ configPollMs: 50 });
  backend = await startEchoBackend();
  const g = await gw.group('signed');
  host = g.host;
  app = await gw.admin('POST', '/apps', { name: 'caller' });
  other = await gw.admin('POST', '/apps', { name: 'stranger' });
  const stage = await gw.stageId('RELEASE');
  const apis = [
    { name: 'orders', request: { method: 'ANY', path: '/orders' } },
    { name: 'items', request: { method: 'GET', path: '/items/{id}' }, parameters: [{ name: 'id', location: 'PATH', required: true }] },
  ];
  for (const { name, ...rest } of apis) {
    const api = await gw.publish(g.id, { name, ...rest, auth_type: 'APP', backend: { type: 'HTTP', address: backend.url } });
    apiIds[name] = api.id;
    await gw.admin('POST', '/app-authorizations', { app_id: app.id, api_id: api.id, stage_id: stage });
  }
  await gw.synced();
});
afterAll(async () => { await gw.close(); await backend.close(); });
beforeEach(() => { backend.received.length = 0; });

type Call = Omit<SignOptions, 'appKey' | 'appSecret'> & { as?: { app_key: string; app_secret: string } };

function signed(o: Call) {
  const who = o.as ?? app;
  return signRequest({ appKey: who.app_key, appSecret: who.app_secret, ...o, headers: { Accept: 'application/json', ...o.headers } });
}

async function send(o: Call, tamper?: (headers: Record<string, string>) => void) {
  const { headers } = signed(o);
  tamper?.(headers);
  return gw.call(host, o.url, { method: o.method, headers, body: o.body });
}

test('a signed GET with query parameters reaches the backend with the caller app', async () => {
  const res = await send({ method: 'GET', url: '/orders?b=2&a=x%20y&flag' });
  expect([res.status, res.json.backend]).toEqual([200, 'echo']);
  expect(backend.received[0].query).toEqual({ b: '2', a: 'x y', flag: '' });
  // The caller's signature headers are consumed by the gateway, not passed on.
  expect(Object.keys(backend.received[0].headers).filter((h) => h.startsWith('x-ca-'))).toEqual([]);
  expect((await send({ method: 'GET', url: '/items/42?z=1', signatureMethod: 'HmacSHA1' })).status).toBe(200);
});

test('a signed form POST has its body parameters verified and still forwarded unchanged', async () => {
  const body = 'name=widget&qty=3&note=';
  const res = await send({ method: 'POST', url: '/orders?src=web', headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' }, body });
  expect(res.status).toBe(200);
  expect(backend.received[0].body).toBe(body);
  const { headers } = signed({ method: 'POST', url: '/orders', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'qty=3' });
  const changed = await gw.call(host, '/orders', { method: 'POST', headers, body: 'qty=300' });
  expect([changed.status, changed.json.error_code]).toEqual([401, 'SIGNATURE_INVALID']);
});

test('Content-MD5 binds a non-form body to the signature', async () => {
  const body = JSON.stringify({ item: 'widget' });
  const ok = await send({ method: 'PUT', url: '/orders', headers: { 'Content-Type': 'application/json' }, body, contentMd5: true });
  expect([ok.status, backend.received[0]?.body]).toEqual([200, body]);
  const { headers } = signed({ method: 'PUT', url: '/orders', headers: { 'Content-Type': 'application/json' }, body, contentMd5: true });
  const swapped = await gw.call(host, '/orders', { method: 'PUT', headers, body: JSON.stringify({ item: 'gadget' }) });
  expect([swapped.status, swapped.json.error_code, swapped.json.error_msg]).toEqual([401, 'SIGNATURE_INVALID', 'Content-MD5 does not match the request body']);
});

test('a wrong secret or a tampered request is SIGNATURE_INVALID, with the server string to sign but no secret', async () => {
  const wrong = await send({ method: 'GET', url: '/orders', as: { app_key: app.app_key, app_secret: 'not-the-secret' } });
  expect([wrong.status, wrong.json.error_code]).toEqual([401, 'SIGNATURE_INVALID']);
  const echo = String(wrong.headers['x-ca-error-message']);
  expect(echo).toContain('GET#application/json####');
  expect(echo).toContain(`x-ca-key:${app.app_key}#`);
  expect(echo).not.toContain(app.app_secret);
  const { headers } = signed({ method: 'GET', url: '/orders?amount=1' });
  expect((await gw.call(host, '/orders?amount=1000', { headers })).json.error_code).toBe('SIGNATURE_INVALID');
  expect(backend.received).toHaveLength(0);
});

test('timestamps outside 15 minutes are TIMESTAMP_EXPIRED; a replayed nonce is NONCE_REPLAYED', async () => {
  for (const skew of [-16 * 60_000, 16 * 60_000]) {
    const res = await send({ method: 'GET', url: '/orders', timestamp: Date.now() + skew });
    expect([res.status, res.json.error_code]).toEqual([401, 'TIMESTAMP_EXPIRED']);
  }
  expect((await send({ method: 'GET', url: '/orders', timestamp: Date.now() - 10 * 60_000 })).status).toBe(200);
  const { headers } = signed({ method: 'GET', url: '/orders' });
  expect((await gw.call(host, '/orders', { headers })).status).toBe(200);
  const replay = await gw.call(host, '/orders', { headers });
  expect([replay.status, replay.json.error_code]).toEqual([401, 'NONCE_REPLAYED']);
  expect(backend.received).toHaveLength(2);
});

test('unknown key, missing headers, unsupported method and unsigned nonce are refused', async () => {
  const unknown = await send({ method: 'GET', url: '/orders', as: { app_key: 'f'.repeat(24), app_secret: 'x' } });
  expect([unknown.status, unknown.json.error_code]).toEqual([401, 'AUTH_INVALID']);
  const none = await gw.call(host, '/orders');
  expect([none.status, none.json.error_code]).toEqual([401, 'AUTH_MISSING']);
  const noNonce = await send({ method: 'GET', url: '/orders' }, (h) => { delete h['x-ca-nonce']; });
  expect(noNonce.json.error_code).toBe('AUTH_MISSING');
  const md5 = await send({ method: 'GET', url: '/orders' }, (h) => { h['x-ca-signature-method'] = 'HmacMD5'; });
  expect(md5.json.error_code).toBe('AUTH_INVALID');
  const unsigned = await send({ method: 'GET', url: '/orders', signHeaders: ['x-ca-key', 'x-ca-timestamp'] });
  expect([unsigned.status, unsigned.json.error_code]).toEqual([401, 'SIGNATURE_INVALID']);
  expect(backend.received).toHaveLength(0);
});

test('an app that is not authorized for the API in the stage is APP_NOT_AUTHORIZED', async () => {
  const res = await send({ method: 'GET', url: '/orders', as: other });
  expect([res.status, res.json.error_code]).toEqual([403, 'APP_NOT_AUTHORIZED']);
  expect(backend.received).toHaveLength(0);
  expect(await gw.metrics()).toMatch(/apigw_denied_requests_total\{[^}]*reason="app_authorization"[^}]*\} [1-9]/);
});

test('a reset secret: the old one stops working after the configuration swap, the new one works', async () => {
  const app2 = await gw.admin('POST', '/apps', { name: 'rotating' });
  await gw.admin('POST', '/app-authorizations', { app_id: app2.id, api_id: apiIds.orders, stage_id: await gw.stageId('RELEASE') });
  await gw.synced();
  expect((await send({ method: 'GET', url: '/orders', as: app2 })).status).toBe(200);
  const reset = await gw.admin('POST', `/apps/${app2.id}/reset-secret`);
  await gw.synced();
  const old = await send({ method: 'GET', url: '/orders', as: app2 });
  expect([old.status, old.json.error_code]).toEqual([401, 'SIGNATURE_INVALID']);
  expect((await send({ method: 'GET', url: '/orders', as: { app_key: app2.app_key, app_secret: reset.app_secret } })).status).toBe(200);
});

test('signed custom headers and the X-Ca-Stage header select and protect the call', async () => {
  const res = await send({ method: 'GET', url: '/orders', headers: { 'X-Ca-Stage': 'RELEASE', 'X-Custom': 'v1' }, signHeaders: ['x-ca-key', 'x-ca-nonce', 'x-ca-timestamp', 'x-ca-stage', 'x-custom'] });
  expect(res.status).toBe(200);
  const forged = await send({ method: 'GET', url: '/orders', headers: { 'X-Custom': 'v1' }, signHeaders: ['x-ca-key', 'x-ca-nonce', 'x-ca-timestamp', 'x-custom'] },
    (h) => { h['x-custom'] = 'v2'; });
  expect(forged.json.error_code).toBe('SIGNATURE_INVALID');
});
