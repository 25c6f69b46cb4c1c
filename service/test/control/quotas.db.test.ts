/** Every catalogue quota is enforced with QUOTA_EXCEEDED, per its scope, and is configurable. */
import { RESOURCE_KINDS } from '../../src/control/catalogue/kinds';
import { startAdmin, type AdminHarness } from '../support/admin-client';
import { Fixtures } from '../support/fixtures';

const LIMIT = 3;
const ROOMY = Object.fromEntries(RESOURCE_KINDS.flatMap((k) => (k.quota ? [[k.quota.name, 10000]] : [])));
let h: AdminHarness | undefined;
afterEach(async () => { await h?.close(); h = undefined; });

const QUOTA_KINDS = RESOURCE_KINDS.filter((k) => k.quota).map((k) => [k.kind, k] as const);

test.each(QUOTA_KINDS)('%s quota', async (_name, kind) => {
  // Only the quota under test is small, so the prerequisites the fixtures create always fit.
  h = await startAdmin({ quotas: { ...ROOMY, [kind.quota!.name]: LIMIT } });
  const fx = new Fixtures(h.as('acme'));
  // Objects sharing one scope: the scope fields (group, app, group+stage) are fixed by the first body.
  const first = await fx.body(kind.kind);
  const scope = Object.fromEntries(kind.quota!.per.map((f) => [f, first[f]]));
  const alreadyThere = kind.kind === 'stage' ? 1 : 0; // RELEASE counts
  for (let i = alreadyThere; i < LIMIT; i++) await fx.create(kind.kind, scope);
  const res = await fx.client.post(`/v1/${kind.plural}`, { ...(await fx.body(kind.kind)), ...scope }).expect(409);
  expect(res.body.error_code).toBe('QUOTA_EXCEEDED');
  expect(res.body.error_msg).toContain(`at most ${LIMIT} ${kind.plural}`);
  if (kind.quota!.per.length) await fx.create(kind.kind); // another scope still has room
});

test('the default quotas come from the requirements', () => {
  const defaults = Object.fromEntries(RESOURCE_KINDS.flatMap((k) => (k.quota ? [[k.quota.name, k.quota.default]] : [])));
  expect(defaults).toMatchObject({
    groups_per_tenant: 50, stages_per_tenant: 10, apis_per_tenant: 200, apps_per_tenant: 50,
    domains_per_group: 5, variables_per_group_stage: 50, app_codes_per_app: 5,
  });
});
