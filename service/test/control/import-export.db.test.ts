/**
 * Import of every real Swagger 2.0 / OpenAPI 3 fixture into a group through the management API, and
 * the export round trip: export → import into another group gives the same API definitions.
 */
import { startAdmin, type AdminHarness, type TenantClient } from '../support/admin-client';
import { Fixtures, type Body } from '../support/fixtures';
import { openapiFixtureNames, readOpenapiFixture } from '../support/openapi-fixtures';

let h: AdminHarness;
let c: TenantClient;
let fx: Fixtures;
beforeAll(async () => { h = await startAdmin(); c = h.as('acme'); fx = new Fixtures(c); });
afterAll(async () => { await h.close(); });

/** Operations per fixture, counted by reading the files. */
const OPERATIONS: Record<string, number> = {
  'apigw-extensions.yaml': 4, 'openapi3-api-with-examples.yaml': 2, 'openapi3-link-example.yaml': 6,
  'openapi3-petstore-expanded.yaml': 4, 'openapi3-petstore.yaml': 3, 'swagger2-api-with-examples.json': 2,
  'swagger2-petstore-expanded.yaml': 4, 'swagger2-petstore.yaml': 3, 'swagger2-uber.yaml': 5,
};

const comparable = (api: Body) => {
  const { id: _id, group_id: _g, created_at: _c, updated_at: _u, ...rest } = api;
  return rest;
};

test('every fixture is listed', () => {
  expect(openapiFixtureNames()).toEqual(Object.keys(OPERATIONS).sort());
});

test.each(Object.entries(OPERATIONS))('imports %s, and its export imports back to the same APIs', async (name, count) => {
  const group = await fx.create('group');
  // The extensions fixture names an authorizer and a channel: point it at real ones of this tenant.
  const document = readOpenapiFixture(name)
    .replace('auth-123', (await fx.create('authorizer')).id)
    .replace('ch-1', (await fx.create('channel')).id);
  const imported = (await c.post(`/v1/groups/${group.id}/import`, { document }).expect(201)).body;
  expect(imported.items).toHaveLength(count);
  const listed = (await c.get(`/v1/apis?group_id=${group.id}`).expect(200)).body.items;
  expect(listed.map((a: Body) => a.id).sort()).toEqual(imported.items.map((a: Body) => a.id).sort());

  const exported = (await c.get(`/v1/groups/${group.id}/export?detail=full`).expect(200)).body;
  expect(exported.openapi).toBe('3.0.3');
  const copy = await fx.create('group');
  const again = (await c.post(`/v1/groups/${copy.id}/import`, { document: exported }).expect(201)).body.items;
  const byName = (apis: Body[]) => Object.fromEntries(apis.map((a) => [a.name, comparable(a)]));
  expect(byName(again)).toEqual(byName(listed));
});

test('an invalid document is refused whole and names the problem', async () => {
  const group = await fx.create('group');
  const res = await c.post(`/v1/groups/${group.id}/import`, { document: 'openapi: 3.0.0\ninfo: {}\npaths: 7' }).expect(400);
  expect(res.body.error_code).toBe('IMPORT_INVALID');
  expect((await c.get(`/v1/apis?group_id=${group.id}`).expect(200)).body.total).toBe(0);
});

test('name clashes fail the whole import unless on_conflict is overwrite', async () => {
  const group = await fx.create('group');
  const doc = readOpenapiFixture('openapi3-petstore.yaml');
  await c.post(`/v1/groups/${group.id}/import`, { document: doc }).expect(201);
  const again = await c.post(`/v1/groups/${group.id}/import`, { document: doc }).expect(409);
  expect(again.body.errors[0].field).toMatch(/^apis\[0\]\.name$/);
  const over = await c.post(`/v1/groups/${group.id}/import`, { document: doc, on_conflict: 'overwrite' }).expect(201);
  expect(over.body.items).toHaveLength(3);
  expect((await c.get(`/v1/apis?group_id=${group.id}`).expect(200)).body.total).toBe(3);
  const events = (await c.get(`/v1/audit-events?resource_id=${group.id}&action=import`).expect(200)).body.items;
  expect(events).toHaveLength(2);
});

test('export of a stage shows what is published there, with bound policies at detail=policies', async () => {
  const group = await fx.create('group');
  const stage = await fx.create('stage');
  const { items } = (await c.post(`/v1/groups/${group.id}/import`, { document: readOpenapiFixture('swagger2-petstore.yaml') }).expect(201)).body;
  await c.post('/v1/deployments', { api_id: items[0].id, stage_id: stage.id }).expect(201);
  const policy = await fx.create('throttling_policy');
  await c.post('/v1/throttling-bindings', { policy_id: policy.id, api_id: items[0].id, stage_id: stage.id }).expect(201);
  const key = await fx.create('signature_key');
  await c.post('/v1/signature-bindings', { signature_key_id: key.id, api_id: items[0].id, stage_id: stage.id }).expect(201);
  const doc = (await c.get(`/v1/groups/${group.id}/export?stage_id=${stage.id}&detail=policies`).expect(200)).body;
  expect(Object.values(doc.paths).flatMap((p: any) => Object.values(p))).toHaveLength(1);
  expect(doc['x-apigw-policies'][items[0].name].throttling_policy).toMatchObject({ id: policy.id, api_limit: 100 });
  expect(doc['x-apigw-policies'][items[0].name].signature_key).not.toHaveProperty('secret');
  expect(doc.info.version).toBe(stage.name);
  await c.get(`/v1/groups/${group.id}/export?detail=policies`).expect(400);
});
