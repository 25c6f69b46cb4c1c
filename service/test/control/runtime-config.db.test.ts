/**
 * The compiled runtime configuration follows the database: publish, edits (not live until
 * republished), rollback, policy binding and offline; every change moves the revision.
 */
import crypto from 'node:crypto';
import { createRuntimeConfigSource } from '../../src/control/runtime/loader';
import { startAdmin, type AdminHarness, type TenantClient } from '../support/admin-client';
import { Fixtures } from '../support/fixtures';

let h: AdminHarness;
let c: TenantClient;
let fx: Fixtures;
beforeAll(async () => { h = await startAdmin(); c = h.as('acme'); fx = new Fixtures(c); });
afterAll(async () => { await h.close(); });

test('publish, edit, rollback, bind, offline', async () => {
  const source = createRuntimeConfigSource(h.db, h.control.service.secrets, h.config.baseDomain);
  const api = await fx.create('api');
  const stage = await fx.create('stage');
  const app = await fx.create('app');
  const before = await source.revision();

  const d = (await c.post('/v1/deployments', { api_id: api.id, stage_id: stage.id }).expect(201)).body;
  let config = await source.load();
  expect(config.revision).toBeGreaterThan(before);
  expect(config.hosts[`${api.group_id}.${h.config.baseDomain}`]).toBe(api.group_id);
  let live = config.groups[api.group_id].stages[stage.name].apis;
  expect(live.map((a) => [a.definition.id, a.version])).toEqual([[api.id, 1]]);
  expect(config.apps_by_key[app.app_key]).toMatchObject({ id: app.id, secret: app.app_secret, tenant: 'acme' });

  await c.put(`/v1/apis/${api.id}`, { ...api, description: 'edited' }).expect(200);
  await c.put(`/v1/deployments/${d.id}`, { api_id: api.id, stage_id: stage.id }).expect(200);
  config = await source.load();
  expect(config.groups[api.group_id].stages[stage.name].apis[0]).toMatchObject({ version: 2 });

  await c.post(`/v1/apis/${api.id}/versions/${d.version_id}/activate`).expect(200);
  const policy = await fx.create('throttling_policy');
  await c.post('/v1/throttling-bindings', { policy_id: policy.id, api_id: api.id, stage_id: stage.id }).expect(201);
  await c.post('/v1/app-authorizations', { app_id: app.id, api_id: api.id, stage_id: stage.id }).expect(201);
  const code = (await c.post('/v1/app-codes', { app_id: app.id }).expect(201)).body.code;
  config = await source.load();
  live = config.groups[api.group_id].stages[stage.name].apis;
  expect(live[0]).toMatchObject({ version: 1, throttling: { policy_id: policy.id, api_limit: 100 }, authorized_apps: [app.id] });
  expect(config.app_codes[crypto.createHash('sha256').update(code).digest('hex')]).toBe(app.id);

  await c.delete(`/v1/deployments/${d.id}`).expect(204);
  config = await source.load();
  expect(config.groups[api.group_id].stages[stage.name]?.apis ?? []).toEqual([]);
});
