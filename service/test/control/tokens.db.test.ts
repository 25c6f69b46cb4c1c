/** Management tokens: bad signature, expiry, `alg: none`, missing tenant and no token are all 401. */
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { startAdmin, type AdminHarness } from '../support/admin-client';

let h: AdminHarness;
beforeAll(async () => { h = await startAdmin(); });
afterAll(async () => { await h.close(); });

const none = (payload: object) => `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;

test.each([
  ['no token', undefined],
  ['not a JWT', 'Bearer hello'],
  ['wrong secret', `Bearer ${jwt.sign({ tenant: 'acme' }, 'another-secret')}`],
  ['expired', `Bearer ${jwt.sign({ tenant: 'acme', exp: Math.floor(Date.now() / 1000) - 10 }, 'test-jwt-secret-0123456789abcdef')}`],
  ['alg none', `Bearer ${none({ tenant: 'acme' })}`],
  ['no tenant claim', `Bearer ${jwt.sign({ sub: 'x' }, 'test-jwt-secret-0123456789abcdef')}`],
  ['HS512 instead of HS256', `Bearer ${jwt.sign({ tenant: 'acme' }, 'test-jwt-secret-0123456789abcdef', { algorithm: 'HS512' })}`],
])('%s → 401', async (_case, header) => {
  const req = request(h.control.app).get('/v1/groups');
  const res = await (header ? req.set('Authorization', header) : req).expect(401);
  expect(res.body.error_code).toBe('UNAUTHENTICATED');
});

test('health, readiness and the OpenAPI document need no token', async () => {
  await request(h.control.app).get('/healthz').expect(200);
  await request(h.control.app).get('/readyz').expect(200, { status: 'ready' });
  const doc = (await request(h.control.app).get('/openapi.json').expect(200)).body;
  expect(doc.openapi).toBe('3.1.0');
});

test('malformed JSON and unknown routes get registry errors', async () => {
  const c = h.as('acme');
  const bad = await c.post('/v1/groups').set('Content-Type', 'application/json').send('{"name":').expect(400);
  expect(bad.body.error_code).toBe('INVALID_JSON');
  expect((await c.get('/v1/nothing-here').expect(404)).body.error_code).toBe('ROUTE_NOT_FOUND');
  const text = await c.post('/v1/groups').set('Content-Type', 'text/plain').send('name=x').expect(415);
  expect(text.body.error_code).toBe('UNSUPPORTED_MEDIA_TYPE');
});
