/**
 * Secrets: the app secret is shown on create and reset only; signature-key secrets, JWT secrets and
 * private keys are never returned; none of them is stored in clear; a reset replaces the secret.
 */
import { QueryTypes } from 'sequelize';
import { startAdmin, type AdminHarness, type TenantClient } from '../support/admin-client';
import { Fixtures } from '../support/fixtures';

let h: AdminHarness;
let c: TenantClient;
let fx: Fixtures;
beforeAll(async () => { h = await startAdmin(); c = h.as('acme'); fx = new Fixtures(c); });
afterAll(async () => { await h.close(); });

/** Every stored text in the database, to prove a secret is not among them in clear. */
async function everythingStored(): Promise<string> {
  const tables = ['resources', 'resource_keys', 'audit_events', 'api_versions'];
  const rows = [];
  for (const t of tables) rows.push(...await h.db.sequelize.query(`SELECT * FROM ${t}`, { type: QueryTypes.SELECT }));
  return JSON.stringify(rows);
}

test('app secret: shown on create and on reset only, never stored in clear', async () => {
  const app = await fx.create('app');
  expect(app.app_secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
  expect(app.app_key).toMatch(/^[0-9a-f]{24}$/);
  const read = (await c.get(`/v1/apps/${app.id}`).expect(200)).body;
  expect(read).not.toHaveProperty('app_secret');
  expect((await c.get('/v1/apps').expect(200)).body.items[0]).not.toHaveProperty('app_secret');

  const reset = (await c.post(`/v1/apps/${app.id}/reset-secret`).expect(200)).body;
  expect(reset.app_secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
  expect(reset.app_secret).not.toBe(app.app_secret);
  expect(reset.app_key).toBe(app.app_key);

  const stored = await everythingStored();
  expect(stored).not.toContain(app.app_secret);
  expect(stored).not.toContain(reset.app_secret);
  expect(stored).toContain('enc:v1:');
});

test('write-only secrets are never returned and never stored in clear', async () => {
  const keyBody = await fx.body('signature_key');
  const key = (await c.post('/v1/signature-keys', keyBody).expect(201)).body;
  expect(key).not.toHaveProperty('secret');
  expect((await c.get(`/v1/signature-keys/${key.id}`).expect(200)).body).not.toHaveProperty('secret');
  // A PUT without the write-only secret keeps it (a GET cannot show it to send back).
  await c.put(`/v1/signature-keys/${key.id}`, { name: keyBody.name, key: keyBody.key, type: 'HMAC' }).expect(200);

  const cert = await fx.create('certificate');
  expect(cert).not.toHaveProperty('private_key_pem');
  const certBody = await fx.body('certificate');

  const jwtSecret = 'shared-jwt-secret-0123456789';
  const authz = (await c.post('/v1/authorizers', { name: 'jwt1', type: 'JWT', jwt: { secret: jwtSecret, algorithms: ['HS256'] } }).expect(201)).body;
  expect(authz.jwt).not.toHaveProperty('secret');
  expect(authz.jwt.algorithms).toEqual(['HS256']);

  const stored = await everythingStored();
  expect(stored).not.toContain(keyBody.secret);
  expect(stored).not.toContain(jwtSecret);
  const keyLine = certBody.private_key_pem.split('\n')[1];
  expect(stored).not.toContain(keyLine);
});

test('AppCodes are generated, unique across tenants, and stored only as ciphertext and digest', async () => {
  const app = await fx.create('app');
  const code = (await c.post('/v1/app-codes', { app_id: app.id }).expect(201)).body;
  expect(code.code).toMatch(/^[A-Za-z0-9_-]{64}$/);
  expect(await everythingStored()).not.toContain(code.code);
  const otherApp = await new Fixtures(h.as('globex')).create('app');
  const dup = await h.as('globex').post('/v1/app-codes', { app_id: otherApp.id, code: code.code }).expect(409);
  expect(dup.body.error_code).toBe('ALREADY_EXISTS');
  expect(dup.body.error_msg).not.toContain(code.code);
});

test('a PUT with null removes a write-only secret, so a JWT authorizer can move from a secret to a JWKS URL', async () => {
  const authz = (await c.post('/v1/authorizers', { name: 'jwt-move', type: 'JWT', jwt: { secret: 'shared-jwt-secret-0123456789' } }).expect(201)).body;
  const jwks = { jwks_uri: 'https://login.example.com/jwks.json' };
  // Left out, the stored secret is kept, and then there are two key sources.
  const kept = await c.put(`/v1/authorizers/${authz.id}`, { name: 'jwt-move', type: 'JWT', jwt: jwks }).expect(400);
  expect(kept.body.errors).toEqual([{ field: 'jwt', message: 'give exactly one of jwks_uri, public_key_pem, secret' }]);
  const moved = (await c.put(`/v1/authorizers/${authz.id}`, { name: 'jwt-move', type: 'JWT', jwt: { ...jwks, secret: null } }).expect(200)).body;
  expect(moved.jwt).toMatchObject(jwks);
  const [row] = await h.db.sequelize.query<{ data: unknown }>('SELECT data FROM resources WHERE id = :id', { replacements: { id: authz.id }, type: QueryTypes.SELECT });
  expect(JSON.stringify(row.data)).not.toContain('enc:v1:');
  // A required write-only secret cannot be removed.
  const key = await fx.create('signature_key');
  expect((await c.put(`/v1/signature-keys/${key.id}`, { name: key.name, key: key.key, secret: null }).expect(400)).body.errors)
    .toEqual([{ field: 'secret', message: 'is required' }]);
});
