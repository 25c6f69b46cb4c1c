/** Size limits answer with the registry's codes: body 413 (declared or chunked), URI 414, headers 431. */
import http from 'node:http';
import { startEchoBackend, type EchoBackend } from '../support/echo-backend';
import { startGateway, type Gateway } from '../support/gateway';

let gw: Gateway;
let backend: EchoBackend;
let host: string;
beforeAll(async () => {
  gw = await startGateway({ maxBodyBytes: 1000 });
  backend = await startEchoBackend();
  const g = await gw.group('limits');
  host = g.host;
  await gw.publish(g.id, { name: 'upload', request: { method: 'POST', path: '/upload' }, backend: { type: 'HTTP', address: backend.url } });
});
afterAll(async () => { await gw.close(); await backend.close(); });

/** A raw request so the test controls framing (chunked bodies, huge heads). */
function raw(options: http.RequestOptions, body?: Buffer[]): Promise<{ status: number; json: any }> {
  const url = new URL(gw.running.proxyUrl!);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method: 'POST', path: '/upload', ...options, headers: { host, ...options.headers } }, (res) => {
      let text = '';
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode!, json: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    for (const chunk of body ?? []) req.write(chunk);
    req.end();
  });
}

test('bodies within the limit pass, declared larger ones are 413 before reaching the backend', async () => {
  expect((await gw.call(host, '/upload', { method: 'POST', body: 'x'.repeat(1000) })).status).toBe(200);
  const before = backend.received.length;
  const res = await gw.call(host, '/upload', { method: 'POST', body: 'x'.repeat(1001) });
  expect([res.status, res.json.error_code]).toEqual([413, 'BODY_TOO_LARGE']);
  expect(backend.received.length).toBe(before);
});

test('chunked bodies are counted as they stream', async () => {
  const ok = await raw({ headers: { 'transfer-encoding': 'chunked' } }, [Buffer.alloc(400), Buffer.alloc(400)]);
  expect(ok.status).toBe(200);
  const big = await raw({ headers: { 'transfer-encoding': 'chunked' } }, [Buffer.alloc(600), Buffer.alloc(600)]);
  expect([big.status, big.json?.error_code]).toEqual([413, 'BODY_TOO_LARGE']);
});

test('URI and headers limits', async () => {
  const uri = await gw.call(host, `/upload?q=${'a'.repeat(9000)}`, { method: 'POST' });
  expect([uri.status, uri.json.error_code]).toEqual([414, 'URI_TOO_LONG']);
  const headers = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`x-big-${i}`, 'h'.repeat(1000)]));
  const big = await raw({ headers });
  expect([big.status, big.json.error_code]).toEqual([431, 'HEADERS_TOO_LARGE']);
  const huge = await raw({ headers: { 'x-huge': 'h'.repeat(80 * 1024) } });
  expect([huge.status, huge.json.error_code]).toEqual([431, 'HEADERS_TOO_LARGE']);
});
