/**
 * Publishing: a deployment snapshots the API as a version; edits are not live until republished;
 * rollback switches the live version; at most N versions are kept; offline removes the API from the
 * stage; what is published cannot be deleted.
 */
import { startAdmin, type AdminHarness, type TenantClient } from '../support/admin-client';
import { Fixtures, type Body } from '../support/fixtures';

let h: AdminHarness;
let c: TenantClient;
let fx: Fixtures;
beforeAll(async () => {
  h = await startAdmin({ maxVersionsPerApiStage: 3 });
  c = h.as('acme');
  fx = new Fixtures(c);
});
afterAll(async () => { await h.close(); });

async function versions(apiId: string, stageId: string): Promise<Body[]> {
  return (await c.get(`/v1/apis/${apiId}/versions?stage_id=${stageId}`).expect(200)).body.items;
}

test('publish, edit, republish, roll back, take offline', async () => {
  const api = await fx.create('api');
  const stage = await fx.create('stage');
  const d1 = (await c.post('/v1/deployments', { api_id: api.id, stage_id: stage.id, description: 'v1' }).expect(201)).body;
  expect(d1).toMatchObject({ version: 1, description: 'v1' });

  // An edit changes the API but not what is live.
  const edited = { ...api, description: 'edited after publishing' };
  await c.put(`/v1/apis/${api.id}`, edited).expect(200);
  let [live] = (await versions(api.id, stage.id)).filter((v) => v.live);
  expect(live.id).toBe(d1.version_id);
  expect(live.definition.description).not.toBe('edited after publishing');

  // Republishing (PUT the deployment) snapshots the edit as version 2.
  const d2 = (await c.put(`/v1/deployments/${d1.id}`, { api_id: api.id, stage_id: stage.id, description: 'v2' }).expect(200)).body;
  expect(d2).toMatchObject({ id: d1.id, version: 2 });
  [live] = (await versions(api.id, stage.id)).filter((v) => v.live);
  expect(live.definition.description).toBe('edited after publishing');

  // Rollback to version 1 is one call and makes it live.
  const rolled = (await c.post(`/v1/apis/${api.id}/versions/${d1.version_id}/activate`).expect(200)).body;
  expect(rolled).toMatchObject({ id: d1.id, version: 1, version_id: d1.version_id });
  expect((await c.get(`/v1/deployments/${d1.id}`).expect(200)).body.version).toBe(1);

  // Published: the API and the stage cannot be deleted.
  expect((await c.delete(`/v1/apis/${api.id}`).expect(409)).body.error_code).toBe('IN_USE');
  expect((await c.delete(`/v1/stages/${stage.id}`).expect(409)).body.error_msg).toContain('deployment');

  // Offline, then the API can go; its history goes with it.
  await c.delete(`/v1/deployments/${d1.id}`).expect(204);
  const offline = await c.post(`/v1/apis/${api.id}/versions/${d1.version_id}/activate`).expect(409);
  expect(offline.body.error_code).toBe('NOT_PUBLISHED');
  await c.delete(`/v1/apis/${api.id}`).expect(204);
  await c.get(`/v1/apis/${api.id}/versions`).expect(404);
});

test('only the newest versions are kept per API per stage', async () => {
  const api = await fx.create('api');
  const stage = await fx.create('stage');
  const d = (await c.post('/v1/deployments', { api_id: api.id, stage_id: stage.id }).expect(201)).body;
  const firstVersion = d.version_id;
  await c.post(`/v1/apis/${api.id}/versions/${firstVersion}/activate`).expect(200);
  for (let i = 2; i <= 5; i++) await c.put(`/v1/deployments/${d.id}`, { api_id: api.id, stage_id: stage.id, description: `v${i}` }).expect(200);
  const kept = await versions(api.id, stage.id);
  expect(kept.map((v) => v.version)).toEqual([5, 4, 3]);
  // The oldest kept version can still be rolled back to. (Pruning runs only when publishing, which
  // makes the newest version live, so the live version is never pruned.)
  await c.post(`/v1/apis/${api.id}/versions/${kept[2].id}/activate`).expect(200);
  expect((await versions(api.id, stage.id)).find((v) => v.live)!.version).toBe(3);
});

test('one deployment per API per stage; publishing a whole group', async () => {
  const group = await fx.create('group');
  const stage = await fx.create('stage');
  const apis = [];
  for (let i = 0; i < 3; i++) apis.push(await fx.create('api', { group_id: group.id }));
  await c.post('/v1/deployments', { api_id: apis[0].id, stage_id: stage.id }).expect(201);
  const dup = await c.post('/v1/deployments', { api_id: apis[0].id, stage_id: stage.id }).expect(409);
  expect(dup.body.error_code).toBe('ALREADY_EXISTS');
  const published = (await c.post(`/v1/groups/${group.id}/publish`, { stage_id: stage.id, description: 'all' }).expect(200)).body.items;
  expect(published.map((d: Body) => [d.api_id, d.version]).sort()).toEqual(
    [[apis[0].id, 2], [apis[1].id, 1], [apis[2].id, 1]].sort());
});

test('audit log records publish and rollback with actor and request id', async () => {
  const api = await fx.create('api');
  const stage = await fx.create('stage');
  const res = await c.post('/v1/deployments', { api_id: api.id, stage_id: stage.id }).set('X-Request-Id', 'req-publish-1').expect(201);
  await c.post(`/v1/apis/${api.id}/versions/${res.body.version_id}/activate`).set('X-Request-Id', 'req-rollback-1').expect(200);
  const events = (await c.get(`/v1/audit-events?resource_id=${api.id}`).expect(200)).body.items;
  expect(events.map((e: Body) => [e.action, e.request_id])).toEqual(expect.arrayContaining([
    ['create', expect.any(String)], ['publish', 'req-publish-1'], ['rollback', 'req-rollback-1'],
  ]));
  expect(events.every((e: Body) => e.actor === 'acme-admin')).toBe(true);
});
