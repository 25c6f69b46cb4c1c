/**
 * Every apigw_<kind> through Terraform's acceptance pattern with the real CLI, against a live service
 * on PostgreSQL: create → empty plan → import into a fresh state (only write-only secrets differ) →
 * update in place → drift (changed, then deleted through the API) → replacement → destroy, checked
 * against the API. All kinds share one configuration (fixtures/lifecycle.ts), so each step is one
 * plan/apply. Run: `make provider && APIGW_TEST_PROJECTS=acceptance npx jest provider/test/lifecycle`.
 */
import { useAccService } from './support/harness';
import { RESOURCE_KINDS } from '../../service/src/control/catalogue/kinds';
import { lifecycleConfig, writeCertificates } from './fixtures/lifecycle';
import {
  DRIFT, IMPORT_SECRET_DIFFS, REPLACEABLE_TYPES, REPLACED, UPDATABLE_TYPES, UPDATED, deletionOrder, kindOfType, typeOf,
} from './fixtures/lifecycle-expectations';
import {
  applySaved, changedAttributes, describeAcceptance, destroy, mustRun, planChanges, planExit, stateOf, withActions,
} from './support/steps';
import type { TerraformWorkspace } from './support/terraform';

const TENANT = 'lifecycle';
const STEP_TIMEOUT = 180_000;

describeAcceptance('every resource kind through create, import, update, drift, replace and destroy', () => {
  const acc = useAccService();
  let ws: TerraformWorkspace;
  let state = new Map<string, Record<string, any>>();
  const workspace = () => {
    const w = acc.workspace(acc.svc.env(TENANT));
    writeCertificates(w);
    return w;
  };
  const pathOf = (address: string, id: string) => `/${kindOfType(typeOf(address)).plural}/${id}`;
  const uniqueTypes = (addresses: string[]) => [...new Set(addresses.map(typeOf))].sort();

  beforeAll(() => {
    ws = workspace();
  });

  it('creates every kind, and the next plan is empty', async () => {
    ws.writeConfig(lifecycleConfig(1));
    const changes = await planChanges(ws);
    expect(uniqueTypes(withActions(changes, 'create'))).toEqual(RESOURCE_KINDS.map((k) => `apigw_${k.kind}`).sort());
    await applySaved(ws);
    expect((await planExit(ws)).code).toBe(0);
    state = await stateOf(ws);
    for (const [address, values] of state) expect([address, (await acc.svc.admin(TENANT, 'GET', pathOf(address, values.id))).status]).toEqual([address, 200]);
    expect(state.get('apigw_app.client')?.app_secret).toMatch(/^\S{16,}$/);
  }, STEP_TIMEOUT);

  it('imports every object into a fresh state; the plan differs only in write-only secrets', async () => {
    const fresh = workspace();
    const imports = [...state].map(([address, v]) => `import {\n  to = ${address}\n  id = "${v.id}"\n}`).join('\n');
    fresh.writeConfig(`${lifecycleConfig(1)}\n${imports}`);
    const changes = await planChanges(fresh);
    expect([...changes.values()].every((c) => c.importing)).toBe(true);
    const updates = [...changes].filter(([, c]) => c.actions.join() !== 'no-op');
    expect(Object.fromEntries(updates.map(([address, c]) => [address, changedAttributes(c)]))).toEqual(IMPORT_SECRET_DIFFS);
    expect(new Set(updates.flatMap(([, c]) => c.unknown))).toEqual(new Set(['updated_at']));
  }, STEP_TIMEOUT);

  it('imports with `terraform import` too, and plans no changes', async () => {
    const single = workspace();
    single.writeConfig('resource "apigw_group" "main" {\n  name        = "shop"\n  description = "first"\n}');
    await mustRun(single, ['import', '-input=false', '-no-color', 'apigw_group.main', state.get('apigw_group.main')!.id]);
    expect((await planExit(single)).code).toBe(0);
  }, STEP_TIMEOUT);

  it('updates every kind with an updatable attribute in place', async () => {
    ws.writeConfig(lifecycleConfig(2));
    const changes = await planChanges(ws);
    expect(withActions(changes, 'update')).toEqual(UPDATED);
    expect(uniqueTypes(UPDATED)).toEqual(UPDATABLE_TYPES);
    await applySaved(ws);
    expect((await planExit(ws)).code).toBe(0);
    const after = await stateOf(ws);
    for (const address of UPDATED) expect([address, after.get(address)?.id]).toEqual([address, state.get(address)?.id]);
    const api = (await acc.svc.admin(TENANT, 'GET', pathOf('apigw_api.hello', after.get('apigw_api.hello')!.id))).body;
    expect(api.backend.mock_body).toBe('v2');
    expect(after.get('apigw_deployment.hello')!.version).toBe(2);
    state = after;
  }, STEP_TIMEOUT);

  it('notices objects changed through the API and changes them back', async () => {
    for (const [address, change] of Object.entries(DRIFT)) {
      const path = pathOf(address, state.get(address)!.id);
      const current = (await acc.svc.admin(TENANT, 'GET', path)).body;
      expect([address, (await acc.svc.admin(TENANT, 'PUT', path, { ...current, ...change })).status]).toEqual([address, 200]);
    }
    const changes = await planChanges(ws);
    expect(withActions(changes, 'update')).toEqual(Object.keys(DRIFT).sort());
    await applySaved(ws);
    expect((await planExit(ws)).code).toBe(0);
  }, STEP_TIMEOUT);

  it('notices objects deleted through the API and creates them again', async () => {
    for (const address of deletionOrder(state.keys())) {
      expect([address, (await acc.svc.admin(TENANT, 'DELETE', pathOf(address, state.get(address)!.id))).status]).toEqual([address, 204]);
    }
    const changes = await planChanges(ws);
    expect(withActions(changes, 'create')).toEqual([...state.keys()].sort());
    await applySaved(ws);
    expect((await planExit(ws)).code).toBe(0);
    state = await stateOf(ws);
  }, STEP_TIMEOUT);

  it('replaces every kind whose immutable attribute changes', async () => {
    ws.writeConfig(lifecycleConfig(3));
    const changes = await planChanges(ws);
    expect(withActions(changes, 'delete', 'create')).toEqual(Object.keys(REPLACED).sort());
    expect(uniqueTypes(Object.keys(REPLACED))).toEqual(REPLACEABLE_TYPES);
    for (const [address, attribute] of Object.entries(REPLACED)) {
      expect([address, changes.get(address)!.replacePaths]).toEqual([address, expect.arrayContaining([[attribute]])]);
    }
    await applySaved(ws);
    expect((await planExit(ws)).code).toBe(0);
    const after = await stateOf(ws);
    for (const address of Object.keys(REPLACED)) {
      expect(after.get(address)!.id).not.toBe(state.get(address)!.id);
      expect((await acc.svc.admin(TENANT, 'GET', pathOf(address, state.get(address)!.id))).status).toBe(404);
    }
    state = after;
  }, STEP_TIMEOUT);

  it('destroys everything, and the API confirms it is gone', async () => {
    await destroy(ws);
    expect((await stateOf(ws)).size).toBe(0);
    for (const [address, values] of state) {
      expect([address, (await acc.svc.admin(TENANT, 'GET', pathOf(address, values.id))).status]).toEqual([address, 404]);
    }
    for (const kind of RESOURCE_KINDS) {
      const { items } = (await acc.svc.admin(TENANT, 'GET', `/${kind.plural}`)).body;
      expect([kind.kind, items.map((i: any) => i.name ?? i.id)]).toEqual([kind.kind, kind.kind === 'stage' ? ['RELEASE'] : []]);
    }
  }, STEP_TIMEOUT);
});
