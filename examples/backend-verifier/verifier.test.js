/**
 * The verifier against the worked example of docs/backend-signing.md and against tampering, replay
 * and stale timestamps; then the example server end to end. Run: node --test (in this folder).
 */
'use strict';
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const http = require('node:http');
const { test } = require('node:test');
const { createVerifier, verifyBasic } = require('./verifier');
const { createVerifiedServer } = require('./server');

const SECRET = 'backend-secret-0123456789';
const NOW = 1700000000000;

/** The documented example request, as the backend receives it. */
function example() {
  return {
    method: 'GET',
    url: '/v1/orders/42?b=2&a=3&a=1&c',
    headers: {
      'content-type': 'application/json', 'x-app-id': 'app-123', 'x-forwarded-for': '203.0.113.7', 'x-request-id': 'req-1',
      'x-apigw-signature-method': 'HMAC-SHA256', 'x-apigw-signature-key': 'gw-key',
      'x-apigw-signature-timestamp': '1700000000000', 'x-apigw-signature-nonce': 'c9f1e3b2-0d6a-4c1e-9a57-2f7f4b9d1e10',
      'x-apigw-signature-headers': 'content-type,x-app-id,x-forwarded-for,x-request-id',
      'x-apigw-signature': 'wnBQmFYJwwZ6Y6Do2XDMAuKhAfekaew32ne6k2qCypA=',
    },
  };
}

const verifier = (extra = {}) => createVerifier({ secrets: { 'gw-key': SECRET }, ...extra });

test('the worked example verifies, with its query in any order', () => {
  assert.deepEqual(verifier()(example(), NOW + 1000), { ok: true, key: 'gw-key', signedHeaders: ['content-type', 'x-app-id', 'x-forwarded-for', 'x-request-id'] });
  const reordered = example();
  reordered.url = '/v1/orders/42?c&a=1&b=2&a=3';
  assert.equal(verifier()(reordered, NOW).ok, true);
});

test('any tampering is refused', () => {
  const cases = [
    (r) => { r.url = '/v1/orders/43?b=2&a=3&a=1&c'; },
    (r) => { r.url = '/v1/orders/42?b=2&a=3&a=1&c&admin=1'; },
    (r) => { r.method = 'DELETE'; },
    (r) => { r.headers['x-app-id'] = 'app-999'; },
    (r) => { r.headers['x-apigw-signature-headers'] = 'content-type,x-forwarded-for,x-request-id'; },
    (r) => { r.headers['x-apigw-signature-timestamp'] = '1700000000001'; },
    (r) => { r.headers['x-apigw-signature-nonce'] = 'another'; },
  ];
  for (const tamper of cases) {
    const r = example();
    tamper(r);
    assert.deepEqual(verifier()(r, NOW), { ok: false, reason: 'signature mismatch' }, tamper.toString());
  }
});

test('wrong secret, unknown key, missing headers, stale timestamps and replays are refused', () => {
  assert.equal(createVerifier({ secrets: { 'gw-key': 'another-secret-0123456' } })(example(), NOW).reason, 'signature mismatch');
  assert.equal(createVerifier({ secrets: {} })(example(), NOW).reason, 'unknown signature key');
  assert.equal(createVerifier({ secrets: () => undefined })(example(), NOW).reason, 'unknown signature key');
  const bare = example();
  delete bare.headers['x-apigw-signature'];
  assert.equal(verifier()(bare, NOW).reason, 'missing signature headers');
  assert.equal(verifier()(example(), NOW + 5 * 60 * 1000 + 1).reason, 'timestamp outside the accepted window');
  assert.equal(verifier({ maxSkewMs: 1000 })(example(), NOW - 1001).reason, 'timestamp outside the accepted window');
  const verify = verifier();
  assert.equal(verify(example(), NOW).ok, true);
  assert.equal(verify(example(), NOW).reason, 'nonce already used');
  assert.equal(verifier({ rejectReplays: false })(example(), NOW).ok, true);
  assert.equal(verifier({ requiredHeaders: ['x-user'] })(example(), NOW).reason, 'header x-user is not signed');
});

test('basic credentials', () => {
  const req = { headers: { authorization: `Basic ${Buffer.from('gateway:pa:ss').toString('base64')}` } };
  assert.equal(verifyBasic(req, 'gateway', 'pa:ss'), true);
  assert.equal(verifyBasic(req, 'gateway', 'other'), false);
  assert.equal(verifyBasic({ headers: {} }, 'gateway', 'pa:ss'), false);
});

function get(port, path, headers) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(body) }));
    }).on('error', reject);
  });
}

test('the example server answers signed calls and refuses the others', async () => {
  const server = createVerifiedServer({ secrets: { 'gw-key': SECRET } });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  try {
    const timestamp = String(Date.now());
    const nonce = crypto.randomUUID();
    const text = ['HMAC-SHA256', 'GET', '/hello', 'x=1', timestamp, nonce, 'gw-key', 'x-request-id', 'x-request-id:r1'].join('\n');
    const signature = crypto.createHmac('sha256', SECRET).update(text).digest('base64');
    const signed = {
      'x-request-id': 'r1', 'x-apigw-signature-key': 'gw-key', 'x-apigw-signature-timestamp': timestamp,
      'x-apigw-signature-nonce': nonce, 'x-apigw-signature-headers': 'x-request-id', 'x-apigw-signature': signature,
    };
    assert.deepEqual(await get(port, '/hello?x=1', signed), { status: 200, body: { verified: true, key: 'gw-key', signed_headers: ['x-request-id'], request_id: 'r1' } });
    assert.equal((await get(port, '/hello?x=1', signed)).body.reason, 'nonce already used');
    assert.equal((await get(port, '/hello?x=1', {})).status, 401);
  } finally {
    server.close();
  }
});
