/**
 * Backend signature keys end to end: the gateway signs what it sends to a real loopback backend, and
 * the standalone verifier that backends copy (examples/backend-verifier, written from the documented
 * scheme, not from the gateway's code) accepts it and refuses any tampering or replay. BASIC keys send
 * HTTP basic credentials; APIs without a key send no signature.
 */
import { createVerifiedServer } from '../../../examples/backend-verifier/server';
import { createVerifier, verifyBasic } from '../../../examples/backend-verifier/verifier';
import { startEchoBackend, type EchoBackend, type Received } from '../support/echo-backend';
import { startGateway, type Gateway } from '../support/gateway';

const SECRET = 'backend-secret-0123456789';
let gw: Gateway;
let backend: EchoBackend;
let host: string;

beforeAll(async () => {
  gw = await startGateway({ configPollMs: 50 });
  backend = await startEchoBackend();
  host = (await gw.group('signed')).host;
});
afterAll(async () => { await gw.close(); await backend.close(); });
beforeEach(() => { backend.received.length = 0; });

async function api(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const g = (await gw.admin('GET', '/groups?name=signed')).items[0];
  const created = await gw.publish(g.id, { name, request: { method: 'ANY', path: `/${name}` }, backend: { type: 'HTTP', address: backend.url }, ...extra });
  return created.id;
}

async function bindKey(apiId: string, key: Record<string, unknown>): Promise<void> {
  const created = await gw.admin('POST', '/signature-keys', { name: `k-${apiId}`, ...key });
  await gw.admin('POST', '/signature-bindings', { signature_key_id: created.id, api_id: apiId, stage_id: await gw.stageId() });
  await gw.synced();
}

const asRequest = (r: Received) => ({ method: r.method, url: r.url, headers: { ...r.headers } });

test('HMAC: the backend verifies the signature with the example verifier', async () => {
  const id = await api('orders', {
    parameters: [{ name: 'q', location: 'QUERY' }],
    backend_parameters: [
      { name: 'X-Caller-Ip', location: 'HEADER', origin: 'SYSTEM', value: 'source_ip' },
      { name: 'X-Source', location: 'HEADER', origin: 'CONSTANT', value: 'apigw' },
      { name: 'search', location: 'QUERY', origin: 'REQUEST', value: 'q' },
    ],
  });
  await bindKey(id, { type: 'HMAC', key: 'gw-key', secret: SECRET });
  const res = await gw.call(host, '/orders?z=last&q=shoes&a=first', { method: 'POST', headers: { 'content-type': 'text/plain', 'x-request-id': 'rid-42' }, body: 'payload' });
  expect(res.status).toBe(200);
  const seen = backend.received[0];
  expect(seen.headers).toMatchObject({
    'x-apigw-signature-method': 'HMAC-SHA256', 'x-apigw-signature-key': 'gw-key',
    'x-apigw-signature-nonce': expect.stringMatching(/^[0-9a-f-]{36}$/), 'x-apigw-signature': expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
    'x-apigw-signature-headers': 'content-type,x-caller-ip,x-forwarded-for,x-request-id,x-source',
  });
  expect(Math.abs(Number(seen.headers['x-apigw-signature-timestamp']) - Date.now())).toBeLessThan(10_000);

  const verify = createVerifier({ secrets: { 'gw-key': SECRET }, requiredHeaders: ['x-caller-ip'] });
  expect(verify(asRequest(seen))).toEqual({ ok: true, key: 'gw-key', signedHeaders: ['content-type', 'x-caller-ip', 'x-forwarded-for', 'x-request-id', 'x-source'] });
  expect(verify(asRequest(seen))).toEqual({ ok: false, reason: 'nonce already used' });

  const tampered = [
    (r: ReturnType<typeof asRequest>) => { r.url = r.url.replace('search=shoes', 'search=boots'); },
    (r: ReturnType<typeof asRequest>) => { r.url = `${r.url}&admin=1`; },
    (r: ReturnType<typeof asRequest>) => { r.headers['x-caller-ip'] = '10.9.9.9'; },
    (r: ReturnType<typeof asRequest>) => { r.method = 'DELETE'; },
  ];
  for (const change of tampered) {
    const r = asRequest(seen);
    change(r);
    expect(createVerifier({ secrets: { 'gw-key': SECRET } })(r)).toEqual({ ok: false, reason: 'signature mismatch' });
  }
  expect(createVerifier({ secrets: { 'gw-key': 'a-different-secret-value' } })(asRequest(seen)).ok).toBe(false);
});

test('the example verifying server accepts calls through the gateway and refuses direct ones', async () => {
  const server = createVerifiedServer({ secrets: { 'gw-key-2': SECRET } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  try {
    const g = (await gw.admin('GET', '/groups?name=signed')).items[0];
    const created = await gw.publish(g.id, { name: 'verified', request: { method: 'GET', path: '/verified' }, backend: { type: 'HTTP', address: url, path: '/inner' } });
    await bindKey(created.id, { type: 'HMAC', key: 'gw-key-2', secret: SECRET });
    const through = await gw.call(host, '/verified?x=1&x=0');
    expect([through.status, through.json.verified, through.json.key]).toEqual([200, true, 'gw-key-2']);
    const direct = await fetch(`${url}/inner?x=1&x=0`);
    expect(direct.status).toBe(401);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('BASIC keys send HTTP basic credentials; APIs without a key are not signed', async () => {
  const basicId = await api('basic');
  await bindKey(basicId, { type: 'BASIC', key: 'gateway', secret: 'pa55-w0rd:x' });
  await api('plain');
  await gw.call(host, '/basic', { headers: { authorization: 'Bearer client-token' } });
  await gw.call(host, '/plain');
  const [basic, plain] = backend.received;
  expect(basic.headers.authorization).toBe(`Basic ${Buffer.from('gateway:pa55-w0rd:x').toString('base64')}`);
  expect(verifyBasic(asRequest(basic), 'gateway', 'pa55-w0rd:x')).toBe(true);
  expect(basic.headers['x-apigw-signature']).toBeUndefined();
  expect(Object.keys(plain.headers).filter((h) => h.startsWith('x-apigw-signature'))).toEqual([]);
});
