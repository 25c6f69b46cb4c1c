/**
 * Rules that span resources: API path conflicts in a group, APP-only authorizations, app
 * authorization across tenants, transactional bulk grants, dry runs, immutable fields, paging.
 */
import { startAdmin, type AdminHarness, type TenantClient } from '../support/admin-client';
import { Fixtures, type Body } from '../support/fixtures';

let h: AdminHarness;
let c: TenantClient;
let fx: Fixtures;
beforeAll(async () => { h = await startAdmin(); c = h.as('acme'); fx = new Fixtures(c); });
afterAll(async () => { await h.close(); });

const api = (group_id: string, method: string, path: string, extra: Body = {}) => ({
  group_id, name: `api${Math.random().toString(36).slice(2, 8)}`, request: { method, path },
  parameters: [...path.matchAll(/\{(\w+)\+?\}/g)].map((m) => ({ name: m[1], location: 'PATH', required: true })),
  backend: { type: 'MOCK' }, ...extra,
});

test('two APIs of a group cannot serve the same method and path', async () => {
  const g = (await fx.create('group')).id;
  await c.post('/v1/apis', api(g, 'GET', '/users/{id}')).expect(201);
  const clash = await c.post('/v1/apis', api(g, 'GET', '/users/{userId}')).expect(409);
  expect(clash.body).toMatchObject({ error_code: 'PATH_CONFLICT', errors: [{ field: 'request.path' }] });
  await c.post('/v1/apis', api(g, 'ANY', '/users/{x}')).expect(409);
  await c.post('/v1/apis', api(g, 'POST', '/users/{id}')).expect(201);
  await c.post('/v1/apis', api(g, 'GET', '/users/{id}', { request: { method: 'GET', path: '/users/{id}', match_mode: 'PREFIX' } })).expect(201);
  await c.post('/v1/apis', api((await fx.create('group')).id, 'GET', '/users/{id}')).expect(201); // other group
});

test('API definitions are checked across fields, naming the field', async () => {
  const g = (await fx.create('group')).id;
  const cases: Array<[Body, string]> = [
    [{ ...api(g, 'GET', '/a/{id}'), parameters: [] }, 'parameters'],
    [api(g, 'GET', '/a/{rest+}/b'), 'request.path'],
    [{ ...api(g, 'GET', '/a'), backend: { type: 'HTTP' } }, 'backend.address'],
    [{ ...api(g, 'GET', '/a'), backend: { type: 'MOCK', timeout_ms: 0 } }, 'backend.timeout_ms'],
    [{ ...api(g, 'GET', '/a'), auth_type: 'AUTHORIZER' }, 'authorizer_id'],
    [{ ...api(g, 'GET', '/a'), parameters: [{ name: 'q', location: 'BODY' }] }, 'parameters[0].location'],
    [{ ...api(g, 'GET', '/a'), backend_parameters: [{ name: 'X', location: 'HEADER', origin: 'SYSTEM', value: 'nope' }] }, 'backend_parameters[0].value'],
    [{ ...api(g, 'GET', '/a'), policy_backends: [{ name: 'canary', conditions: [{ source: 'SOURCE_IP', operator: 'CIDR', value: '10.0.0.0/33' }], backend: { type: 'MOCK' } }] },
      'policy_backends[0].conditions[0].value'],
  ];
  for (const [body, field] of cases) {
    const res = await c.post('/v1/apis', body).expect(400);
    expect(res.body.errors.map((e: Body) => e.field)).toContain(field);
  }
});

test('throttling limits must nest: app ≤ tenant ≤ API', async () => {
  const res = await c.post('/v1/throttling-policies', { name: 't1', time_unit: 'MINUTE', api_limit: 10, tenant_limit: 20 }).expect(400);
  expect(res.body.errors).toEqual([{ field: 'tenant_limit', message: 'must not be greater than api_limit (10)' }]);
});

test('apps of other tenants can be authorized by id; only for APP APIs', async () => {
  const foreignApp = await new Fixtures(h.as('globex')).create('app');
  const appApi = await fx.create('api');
  const stage = await fx.create('stage');
  await c.post('/v1/app-authorizations', { app_id: foreignApp.id, api_id: appApi.id, stage_id: stage.id }).expect(201);
  const g = (await fx.create('group')).id;
  const open = (await c.post('/v1/apis', api(g, 'GET', '/open')).expect(201)).body;
  const res = await c.post('/v1/app-authorizations', { app_id: foreignApp.id, api_id: open.id, stage_id: stage.id }).expect(400);
  expect(res.body.errors[0].field).toBe('api_id');
  // The foreign app cannot be deleted while authorized, and its owner is not told our ids.
  const del = await h.as('globex').delete(`/v1/apps/${foreignApp.id}`).expect(409);
  expect(del.body.error_msg).toContain('1 resource(s) of other tenants');
  expect(del.body.error_msg).not.toContain(appApi.id);
});

test('a bulk grant is all or nothing', async () => {
  const app = await fx.create('app');
  const stage = await fx.create('stage');
  const good = await fx.create('api');
  const before = (await c.get(`/v1/app-authorizations?app_id=${app.id}`).expect(200)).body.total;
  const res = await c.post('/v1/app-authorizations/batch', { app_id: app.id, stage_id: stage.id, api_ids: [good.id, 'f'.repeat(32)] }).expect(400);
  expect(res.body.errors[0].field).toBe('api_id');
  expect((await c.get(`/v1/app-authorizations?app_id=${app.id}`).expect(200)).body.total).toBe(before);
  const ok = await c.post('/v1/app-authorizations/batch', { app_id: app.id, stage_id: stage.id, api_ids: [good.id] }).expect(201);
  expect(ok.body.items).toHaveLength(1);
});

test('dry runs validate everything and write nothing', async () => {
  const before = (await c.get('/v1/groups').expect(200)).body.total;
  const res = await c.post('/v1/groups?dry_run=true', { name: 'dry' }).expect(201);
  expect(res.body.name).toBe('dry');
  expect((await c.get('/v1/groups').expect(200)).body.total).toBe(before);
  const taken = await fx.create('group');
  expect((await c.post('/v1/groups?dry_run=true', { name: taken.name }).expect(409)).body.error_code).toBe('ALREADY_EXISTS');
  await c.put(`/v1/groups/${taken.id}?dry_run=true`, { name: 'renamed-in-dry-run' }).expect(200);
  await c.delete(`/v1/groups/${taken.id}?dry_run=true`).expect(204);
  expect((await c.get(`/v1/groups/${taken.id}`).expect(200)).body.name).toBe(taken.name);
  // A dry-run delete still runs every rule: a group in use is refused.
  await fx.create('api', { group_id: taken.id });
  expect((await c.delete(`/v1/groups/${taken.id}?dry_run=true`).expect(409)).body.error_code).toBe('IN_USE');
});

test('immutable fields cannot change in place', async () => {
  const variable = await fx.create('variable');
  const res = await c.put(`/v1/variables/${variable.id}`, { ...variable, name: 'renamed' }).expect(400);
  expect(res.body).toMatchObject({ error_code: 'IMMUTABLE_FIELD', errors: [{ field: 'name' }] });
});

test('lists page through results and filter by reference', async () => {
  const g = (await fx.create('group')).id;
  for (let i = 0; i < 5; i++) await c.post('/v1/apis', api(g, 'GET', `/page/${i}`)).expect(201);
  const first = (await c.get(`/v1/apis?group_id=${g}&page_size=2`).expect(200)).body;
  expect(first).toMatchObject({ total: 5 });
  expect(first.items).toHaveLength(2);
  const second = (await c.get(`/v1/apis?group_id=${g}&page_size=2&page_token=${first.next_page_token}`).expect(200)).body;
  const third = (await c.get(`/v1/apis?group_id=${g}&page_size=2&page_token=${second.next_page_token}`).expect(200)).body;
  expect(third.next_page_token).toBeNull();
  const ids = [...first.items, ...second.items, ...third.items].map((a: Body) => a.id);
  expect(new Set(ids).size).toBe(5);
  expect((await c.get('/v1/apis?colour=red').expect(400)).body.errors[0].field).toBe('colour');
});
