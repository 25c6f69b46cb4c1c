/**
 * AppCode simple authentication end to end: `X-Apig-AppCode` and `Authorization: APPCODE` over
 * HTTPS (the proxy's request handler behind a TLS listener with a test certificate), refused over
 * plain HTTP unless the operator allows it; unknown codes and unauthorized apps get their codes;
 * the signature keeps working on the same API.
 */
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { createHttps1Server, type Http1Server } from '../../src/data/http1/server';
import { createRequestHandler } from '../../src/data/proxy/handler';
import { signRequest } from '../support/ca-signing-client';
import { makeCertificate } from '../support/certs';
import { startEchoBackend, type EchoBackend } from '../support/echo-backend';
import { startGateway, type Gateway } from '../support/gateway';

let gw: Gateway;
let open: Gateway;
let backend: EchoBackend;
let tls: Http1Server;
let tlsUrl: string;
const insecure = new Agent({ connect: { rejectUnauthorized: false } });

/** Publishes an APP API with AppCodes on `g`, authorizes one app and returns it with a code. */
async function setUp(g: Gateway) {
  const group = await g.group('codes');
  const api = await g.publish(group.id, {
    name: 'coded', request: { method: 'GET', path: '/coded' }, auth_type: 'APP', app_code_auth: true, backend: { type: 'HTTP', address: backend.url },
  });
  const app = await g.admin('POST', '/apps', { name: 'coder' });
  const stranger = await g.admin('POST', '/apps', { name: 'stranger' });
  await g.admin('POST', '/app-authorizations', { app_id: app.id, api_id: api.id, stage_id: await g.stageId('RELEASE') });
  const code = (await g.admin('POST', '/app-codes', { app_id: app.id })).code as string;
  const strangerCode = (await g.admin('POST', '/app-codes', { app_id: stranger.id })).code as string;
  await g.synced();
  return { host: group.host, app, code, strangerCode };
}

let main: Awaited<ReturnType<typeof setUp>>;
let relaxed: Awaited<ReturnType<typeof setUp>>;

beforeAll(async () => {
  backend = await startEchoBackend();
  gw = await startGateway();
  open = await startGateway({ allowAppCodeOverHttp: true });
  main = await setUp(gw);
  relaxed = await setUp(open);
  const cert = makeCertificate('proxy.test', ['proxy.test']);
  const plane = gw.running.dataPlane!;
  tls = createHttps1Server(createRequestHandler(plane.live, plane.services), { key: cert.privateKeyPem, cert: cert.certificatePem });
  await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
  tlsUrl = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
});
afterAll(async () => {
  tls.closeAllConnections();
  await new Promise((resolve) => tls.close(resolve));
  await insecure.close();
  await gw.close();
  await open.close();
  await backend.close();
});
beforeEach(() => { backend.received.length = 0; });

async function overTls(path: string, headers: Record<string, string>) {
  const res = await request(`${tlsUrl}${path}`, { headers: { host: main.host, ...headers }, dispatcher: insecure });
  return { status: res.statusCode, json: await res.body.json() as any };
}

test('over HTTPS both AppCode headers authenticate the app', async () => {
  expect((await overTls('/coded', { 'x-apig-appcode': main.code })).status).toBe(200);
  expect((await overTls('/coded', { authorization: `APPCODE ${main.code}` })).status).toBe(200);
  expect(backend.received).toHaveLength(2);
  // The AppCode is the gateway's credential: the backend sees neither header.
  expect(backend.received[0].headers).not.toHaveProperty('x-apig-appcode');
  expect(backend.received[1].headers).not.toHaveProperty('authorization');
});

test('over HTTPS an unknown code is AUTH_INVALID and another app\'s code is APP_NOT_AUTHORIZED', async () => {
  const unknown = await overTls('/coded', { 'x-apig-appcode': 'A'.repeat(64) });
  expect([unknown.status, unknown.json.error_code]).toEqual([401, 'AUTH_INVALID']);
  const stranger = await overTls('/coded', { authorization: `appcode ${main.strangerCode}` });
  expect([stranger.status, stranger.json.error_code]).toEqual([403, 'APP_NOT_AUTHORIZED']);
  const none = await overTls('/coded', {});
  expect([none.status, none.json.error_code]).toEqual([401, 'AUTH_MISSING']);
  expect(backend.received).toHaveLength(0);
});

test('over plain HTTP a valid code is refused unless the operator allows it', async () => {
  const both = (code: string): Array<Record<string, string>> => [{ 'x-apig-appcode': code }, { authorization: `APPCODE ${code}` }];
  for (const headers of both(main.code)) {
    const res = await gw.call(main.host, '/coded', { headers });
    expect([res.status, res.json.error_code]).toEqual([401, 'AUTH_INVALID']);
    expect(res.json.error_msg).toContain('HTTPS');
  }
  for (const headers of both(relaxed.code)) {
    expect((await open.call(relaxed.host, '/coded', { headers })).status).toBe(200);
  }
});

test('the signature still works on an API that also accepts AppCodes, and a bad one is not rescued by a code', async () => {
  const sign = () => signRequest({ method: 'GET', url: '/coded', appKey: relaxed.app.app_key, appSecret: relaxed.app.app_secret, headers: { accept: '*/*' } }).headers;
  expect((await open.call(relaxed.host, '/coded', { headers: sign() })).status).toBe(200);
  const bad = { ...sign(), 'x-ca-signature': 'AAAA', 'x-apig-appcode': relaxed.code };
  expect((await open.call(relaxed.host, '/coded', { headers: bad })).json.error_code).toBe('SIGNATURE_INVALID');
});
