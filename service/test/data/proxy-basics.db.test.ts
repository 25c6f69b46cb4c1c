/**
 * The proxy end to end, with real loopback backends: routing by host, stage and path; mocks;
 * parameter mapping, constants, system parameters and variables; prefix routes; validation before
 * any backend call; policy backends (canary); errors and their templates; debug headers; CORS.
 */
import { startEchoBackend, type EchoBackend } from '../support/echo-backend';
import { startGateway, type Gateway } from '../support/gateway';

let gw: Gateway;
let backend: EchoBackend;
let canary: EchoBackend;
beforeAll(async () => {
  gw = await startGateway({ configPollMs: 5 });
  backend = await startEchoBackend('stable');
  canary = await startEchoBackend('canary');
});
afterAll(async () => { await gw.close(); await backend.close(); await canary.close(); });
beforeEach(() => { backend.received.length = 0; canary.received.length = 0; });

const http = (extra: Record<string, unknown> = {}) => ({ type: 'HTTP', address: backend.url, ...extra });

test('host, stage and path select the API; misses are API_NOT_FOUND', async () => {
  const g = await gw.group('routing');
  await gw.publish(g.id, { name: 'hello', request: { method: 'GET', path: '/hello' }, backend: { type: 'MOCK', mock_body: 'release', mock_headers: { 'content-type': 'text/plain' } } });
  await gw.publish(g.id, { name: 'hello2', request: { method: 'GET', path: '/hello2' }, backend: { type: 'MOCK', mock_body: 'test' } }, 'TEST');
  const ok = await gw.call(g.host, '/hello');
  expect([ok.status, ok.text, ok.headers['content-type']]).toEqual([200, 'release', 'text/plain']);
  expect(ok.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect((await gw.call(g.host, '/hello2', { stage: 'TEST' })).text).toBe('test');
  expect((await gw.call(g.host, '/hello2', { headers: { 'x-ca-stage': 'TEST' } })).text).toBe('test');
  const miss = await gw.call(g.host, '/hello2');
  expect(miss.status).toBe(404);
  expect(miss.json).toEqual({ error_code: 'API_NOT_FOUND', error_msg: expect.any(String), request_id: miss.headers['x-request-id'] });
  expect((await gw.call('nobody.example.com', '/hello')).json.error_code).toBe('API_NOT_FOUND');
  expect((await gw.call(g.host, '/hello', { method: 'POST' })).status).toBe(404);
  expect((await gw.call(g.host, '/hello', { headers: { 'x-request-id': 'my-id-1' } })).headers['x-request-id']).toBe('my-id-1');
});

test('parameters are mapped to any location, with constants, system parameters and variables', async () => {
  const g = await gw.group('mapping');
  const stage = await gw.stageId('RELEASE');
  await gw.admin('POST', '/variables', { group_id: g.id, stage_id: stage, name: 'origin', value: backend.url });
  await gw.admin('POST', '/variables', { group_id: g.id, stage_id: stage, name: 'version', value: 'v2' });
  await gw.publish(g.id, {
    name: 'orders', request: { method: 'POST', path: '/orders/{id}' },
    parameters: [
      { name: 'id', location: 'PATH', type: 'INTEGER', required: true },
      { name: 'q', location: 'QUERY', required: true },
      { name: 'X-Tenant', location: 'HEADER' },
      { name: 'page', location: 'QUERY', type: 'INTEGER', default_value: '1' },
    ],
    backend: { type: 'HTTP', address: '#origin#', path: '/#version#/items/{item}' },
    backend_parameters: [
      { name: 'item', location: 'PATH', origin: 'REQUEST', value: 'id' },
      { name: 'X-Search', location: 'HEADER', origin: 'REQUEST', value: 'q' },
      { name: 'tenant', location: 'QUERY', origin: 'REQUEST', value: 'X-Tenant' },
      { name: 'p', location: 'QUERY', origin: 'REQUEST', value: 'page' },
      { name: 'X-Source', location: 'HEADER', origin: 'CONSTANT', value: 'apigw' },
      { name: 'X-Caller-Ip', location: 'HEADER', origin: 'SYSTEM', value: 'source_ip' },
      { name: 'stage', location: 'QUERY', origin: 'SYSTEM', value: 'stage' },
      { name: 'X-Rid', location: 'HEADER', origin: 'SYSTEM', value: 'request_id' },
    ],
  });
  const res = await gw.call(g.host, '/orders/42?q=shoes&keep=1', { method: 'POST', headers: { 'x-tenant': 'blue', 'content-type': 'text/plain', 'x-request-id': 'rid-7' }, body: 'payload' });
  expect(res.status).toBe(200);
  const seen = backend.received[0];
  expect(seen.method).toBe('POST');
  expect(seen.path).toBe('/v2/items/42');
  expect(seen.query).toEqual({ keep: '1', tenant: 'blue', p: '1', stage: 'RELEASE' });
  expect(seen.headers).toMatchObject({
    'x-search': 'shoes', 'x-source': 'apigw', 'x-caller-ip': '127.0.0.1', 'x-rid': 'rid-7', 'x-request-id': 'rid-7',
    'x-forwarded-for': '127.0.0.1', 'x-forwarded-proto': 'http', 'x-forwarded-host': g.host,
  });
  expect(seen.headers).not.toHaveProperty('x-tenant');
  expect(seen.body).toBe('payload');
});

test('invalid parameters are refused before any backend call', async () => {
  const g = await gw.group('validation');
  await gw.publish(g.id, {
    name: 'search', request: { method: 'GET', path: '/search' }, backend: http(),
    parameters: [
      { name: 'limit', location: 'QUERY', type: 'INTEGER', minimum: 1, maximum: 100 },
      { name: 'sort', location: 'QUERY', enum: ['asc', 'desc'] },
      { name: 'code', location: 'QUERY', pattern: '[A-Z]{3}' },
      { name: 'X-Key', location: 'HEADER', required: true, min_length: 4 },
    ],
  });
  const bad: Array<[string, Record<string, string>, string]> = [
    ['/search', {}, 'header parameter "X-Key" is required'],
    ['/search?limit=abc', { 'x-key': 'abcd' }, 'must be an integer'],
    ['/search?limit=500', { 'x-key': 'abcd' }, 'must be at most 100'],
    ['/search?sort=up', { 'x-key': 'abcd' }, 'must be one of asc, desc'],
    ['/search?code=abcd', { 'x-key': 'abcd' }, 'does not match'],
    ['/search', { 'x-key': 'abc' }, 'at least 4 characters'],
  ];
  for (const [path, headers, message] of bad) {
    const res = await gw.call(g.host, path, { headers });
    expect([path, res.status, res.json.error_code]).toEqual([path, 400, 'PARAMETER_INVALID']);
    expect(res.json.error_msg).toContain(message);
  }
  expect(backend.received).toHaveLength(0);
  expect((await gw.call(g.host, '/search?limit=5&sort=asc&code=ABC', { headers: { 'x-key': 'abcd' } })).status).toBe(200);
});

test('prefix routes append the rest of the path; greedy parameters keep slashes', async () => {
  const g = await gw.group('prefix');
  await gw.publish(g.id, { name: 'files', request: { method: 'GET', path: '/static', match_mode: 'PREFIX' }, backend: http({ path: '/assets' }) });
  await gw.publish(g.id, { name: 'greedy', request: { method: 'ANY', path: '/raw/{rest+}' }, parameters: [{ name: 'rest', location: 'PATH', required: true }], backend: http({ path: '/store/{rest}' }) });
  await gw.call(g.host, '/static/css/site.css?v=3');
  await gw.call(g.host, '/raw/a/b%20c.txt', { method: 'DELETE' });
  expect(backend.received.map((r) => [r.method, r.url])).toEqual([['GET', '/assets/css/site.css?v=3'], ['DELETE', '/store/a/b%20c.txt']]);
});

test('policy backends route canary traffic by conditions', async () => {
  const g = await gw.group('canary');
  await gw.publish(g.id, {
    name: 'shop', request: { method: 'GET', path: '/shop' }, backend: http(),
    parameters: [{ name: 'X-Beta', location: 'HEADER' }],
    policy_backends: [
      { name: 'beta', conditions: [{ source: 'PARAMETER', parameter_name: 'X-Beta', operator: 'IN', value: 'yes,true' }], backend: { type: 'HTTP', address: canary.url } },
      { name: 'local', effect_mode: 'ALL', conditions: [{ source: 'SOURCE_IP', operator: 'CIDR', value: '127.0.0.0/8' }, { source: 'METHOD', value: 'GET' }, { source: 'PATH', operator: 'PATTERN', value: '^/shop$' }],
        backend: { type: 'MOCK', mock_body: 'local' } },
    ],
  });
  expect((await gw.call(g.host, '/shop', { headers: { 'x-beta': 'yes' } })).json.backend).toBe('canary');
  expect((await gw.call(g.host, '/shop')).text).toBe('local');
  expect(canary.received).toHaveLength(1);
  expect(backend.received).toHaveLength(0);
});

test('backend down is 502, slow is 504 within the timeout, a missing variable is 500', async () => {
  const g = await gw.group('failures');
  await gw.publish(g.id, { name: 'down', request: { method: 'GET', path: '/down' }, backend: { type: 'HTTP', address: 'http://127.0.0.1:9' } });
  await gw.publish(g.id, { name: 'slow', request: { method: 'GET', path: '/slow' }, backend: http({ timeout_ms: 300 }) });
  await gw.publish(g.id, { name: 'novar', request: { method: 'GET', path: '/novar' }, backend: { type: 'HTTP', address: '#missing#' } });
  const down = await gw.call(g.host, '/down');
  expect([down.status, down.json.error_code]).toEqual([502, 'BACKEND_UNAVAILABLE']);
  backend.delayMs = 3000;
  const started = Date.now();
  const slow = await gw.call(g.host, '/slow');
  backend.delayMs = 0;
  expect([slow.status, slow.json.error_code]).toEqual([504, 'BACKEND_TIMEOUT']);
  expect(Date.now() - started).toBeLessThan(2000);
  const novar = await gw.call(g.host, '/novar');
  expect([novar.status, novar.json.error_code]).toEqual([500, 'VARIABLE_MISSING']);
  expect(novar.json.error_msg).toContain('#missing#');
});

test('gateway responses reshape errors per group', async () => {
  const g = await gw.group('templates');
  await gw.admin('POST', '/gateway-responses', { group_id: g.id, error_type: 'API_NOT_FOUND', status: 404, headers: { 'x-why': 'nothing-here' },
    body: '{"code":"$context.error.code","id":"$context.requestId","stage":"$context.stage","ip":"$context.sourceIp"}' });
  await gw.admin('POST', '/gateway-responses', { group_id: g.id, error_type: 'DEFAULT_5XX', status: 503, body: '{"oops":"$context.error.message"}' });
  await gw.publish(g.id, { name: 'down', request: { method: 'GET', path: '/down' }, backend: { type: 'HTTP', address: 'http://127.0.0.1:9' } });
  const miss = await gw.call(g.host, '/none', { headers: { 'x-request-id': 'rid-9' } });
  expect([miss.status, miss.headers['x-why'], miss.json]).toEqual([404, 'nothing-here', { code: 'API_NOT_FOUND', id: 'rid-9', stage: 'RELEASE', ip: '127.0.0.1' }]);
  const down = await gw.call(g.host, '/down');
  expect([down.status, down.json]).toEqual([503, { oops: 'The backend is unavailable' }]);
});

test('debug mode adds latency headers; CORS preflight and headers; HTTPS-only APIs refuse HTTP', async () => {
  const g = await gw.group('extras');
  await gw.publish(g.id, { name: 'cors', request: { method: 'PUT', path: '/cors', cors: true }, backend: http() });
  await gw.publish(g.id, { name: 'tls', request: { method: 'GET', path: '/tls', protocol: 'HTTPS' }, backend: http() });
  const debug = await gw.call(g.host, '/cors', { method: 'PUT', headers: { 'x-apig-mode': 'debug', origin: 'https://app.test' } });
  expect(Number(debug.headers['x-apig-latency'])).toBeGreaterThanOrEqual(0);
  expect(Number(debug.headers['x-apig-upstream-latency'])).toBeGreaterThan(0);
  expect(debug.headers['access-control-allow-origin']).toBe('https://app.test');
  const pre = await gw.call(g.host, '/cors', { method: 'OPTIONS', headers: { origin: 'https://app.test', 'access-control-request-method': 'PUT' } });
  expect([pre.status, pre.headers['access-control-allow-methods']]).toEqual([204, 'PUT']);
  backend.headers = { 'access-control-allow-origin': 'https://only.test' };
  expect((await gw.call(g.host, '/cors', { method: 'PUT', headers: { origin: 'https://app.test' } })).headers['access-control-allow-origin']).toBe('https://only.test');
  backend.headers = { vary: 'Accept-Encoding' }; // the backend's Vary gains Origin, and goes out once
  const varied = await gw.call(g.host, '/cors', { method: 'PUT', headers: { origin: 'https://app.test' } });
  expect([varied.headers.vary, varied.headers['access-control-allow-origin']]).toEqual(['Accept-Encoding, Origin', 'https://app.test']);
  backend.headers = {};
  const tls = await gw.call(g.host, '/tls');
  expect([tls.status, tls.json.error_code]).toEqual([400, 'PROTOCOL_NOT_ALLOWED']);
});
