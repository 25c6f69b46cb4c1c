/** Certificates are parsed and checked: key matches, hostname coverage, expiry exposed. */
import { startAdmin, type AdminHarness, type TenantClient } from '../support/admin-client';
import { makeCertificate } from '../support/certs';
import { Fixtures } from '../support/fixtures';

let h: AdminHarness;
let c: TenantClient;
let fx: Fixtures;
beforeAll(async () => { h = await startAdmin(); c = h.as('acme'); fx = new Fixtures(c); });
afterAll(async () => { await h.close(); });

test('exposes names, issuer, validity and fingerprint', async () => {
  const pem = makeCertificate('shop.test', ['shop.test', 'www.shop.test'], 90);
  const cert = (await c.post('/v1/certificates', { name: 'shop', certificate_pem: pem.certificatePem, private_key_pem: pem.privateKeyPem }).expect(201)).body;
  expect(cert).toMatchObject({ common_name: 'shop.test', subject_alternative_names: ['shop.test', 'www.shop.test'], issuer: 'CN=shop.test' });
  const days = (Date.parse(cert.not_after) - Date.now()) / 86400e3;
  expect(days).toBeGreaterThan(88);
  expect(days).toBeLessThan(91);
  expect(cert.fingerprint_sha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
});

test('rejects a key that does not match, and garbage, naming the field', async () => {
  const a = makeCertificate('a.test', ['a.test']);
  const b = makeCertificate('b.test', ['b.test']);
  const mismatch = await c.post('/v1/certificates', { name: 'bad', certificate_pem: a.certificatePem, private_key_pem: b.privateKeyPem }).expect(400);
  expect(mismatch.body.errors).toEqual([{ field: 'private_key_pem', message: 'does not match the certificate' }]);
  const garbage = await c.post('/v1/certificates', { name: 'bad', certificate_pem: 'hello', private_key_pem: a.privateKeyPem }).expect(400);
  expect(garbage.body.errors[0].field).toBe('certificate_pem');
});

test('a domain only takes a certificate that covers its hostname, and keeps it covered', async () => {
  const group = await fx.create('group');
  const pem = makeCertificate('api.shop.test', ['api.shop.test']);
  const cert = (await c.post('/v1/certificates', { name: 'api-shop', certificate_pem: pem.certificatePem, private_key_pem: pem.privateKeyPem }).expect(201)).body;
  const wrong = await c.post('/v1/domains', { group_id: group.id, hostname: 'www.shop.test', certificate_id: cert.id }).expect(400);
  expect(wrong.body.errors[0]).toMatchObject({ field: 'certificate_id' });
  await c.post('/v1/domains', { group_id: group.id, hostname: 'api.shop.test', certificate_id: cert.id }).expect(201);
  const other = makeCertificate('other.test', ['other.test']);
  const swap = await c.put(`/v1/certificates/${cert.id}`, { name: 'api-shop', certificate_pem: other.certificatePem, private_key_pem: other.privateKeyPem }).expect(400);
  expect(swap.body.error_msg).toContain('api.shop.test');
});

test('a hostname belongs to one group across all tenants', async () => {
  const hostname = 'unique.example.com';
  await c.post('/v1/domains', { group_id: (await fx.create('group')).id, hostname }).expect(201);
  const globexGroup = await new Fixtures(h.as('globex')).create('group');
  const taken = await h.as('globex').post('/v1/domains', { group_id: globexGroup.id, hostname }).expect(409);
  expect(taken.body.error_code).toBe('ALREADY_EXISTS');
});
