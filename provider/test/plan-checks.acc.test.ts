/**
 * What `terraform plan` reports before anything is applied, with the attribute named: invalid values
 * (catalogue rules, run in the provider) and the service's own rules (dry runs: path conflicts in a
 * group, duplicates, quotas, references), and that nothing was created by checking. Also: a
 * replacement is not mistaken for a duplicate of the object it replaces.
 */
import { useAccService } from './support/harness';
import { apply, describeAcceptance, planChanges, planExit, stateOf, withActions } from './support/steps';

const TIMEOUT = 120_000;

/** The error blocks of a failed plan: summary, the configuration line shown, and the detail. */
function planErrors(stderr: string): string {
  return stderr.replace(/\u2502 ?/g, '').replace(/[ \t]+\n/g, '\n');
}

describeAcceptance('checks at plan time', () => {
  const acc = useAccService();
  const workspace = (tenant: string) => {
    const ws = acc.workspace(acc.svc.env(tenant));
    return ws;
  };

  it('fails on invalid values, naming the attribute, before calling the service', async () => {
    const ws = workspace('invalid');
    ws.writeConfig(`
resource "apigw_acl_policy" "office" {
  name   = "office"
  type   = "MAYBE"
  values = ["10.0.0.0/8", "not-an-ip"]
}
resource "apigw_throttling_policy" "p" {
  name         = "p"
  time_unit    = "SECOND"
  api_limit    = 10
  tenant_limit = 20
}`);
    const plan = await planExit(ws);
    expect(plan.code).toBe(1);
    const errors = planErrors(plan.stderr);
    expect(errors).toContain('Error: Invalid value for type');
    expect(errors).toContain('type   = "MAYBE"');
    expect(errors).toContain('Error: Invalid value for tenant_limit');
    expect(errors).toContain('tenant_limit must not be greater than api_limit (10).');
  }, TIMEOUT);

  it('reports a path conflict, a duplicate name, a missing reference and a quota at plan, not apply', async () => {
    const ws = workspace('conflicts');
    const base = `
resource "apigw_group" "shop" { name = "shop" }
resource "apigw_api" "first" {
  group_id = apigw_group.shop.id
  name     = "first"
  request {
    method = "GET"
    path   = "/orders/{id}"
  }
  parameters {
    name     = "id"
    location = "PATH"
  }
  backend { type = "MOCK" }
}
${[1, 2, 3, 4, 5].map((i) => `resource "apigw_domain" "d${i}" {\n  group_id = apigw_group.shop.id\n  hostname = "d${i}.shop.example"\n}`).join('\n')}
`;
    ws.writeConfig(base);
    await apply(ws);
    ws.writeConfig(`${base}
resource "apigw_api" "second" {
  group_id = apigw_group.shop.id
  name     = "second"
  request {
    method = "ANY"
    path   = "/orders/{order}"
  }
  parameters {
    name     = "order"
    location = "PATH"
  }
  backend { type = "MOCK" }
}
resource "apigw_group" "again" { name = "shop" }
resource "apigw_variable" "v" {
  group_id = apigw_group.shop.id
  stage_id = "no-such-stage"
  name     = "upstream"
  value    = "http://127.0.0.1:1"
}
resource "apigw_domain" "d6" {
  group_id = apigw_group.shop.id
  hostname = "d6.shop.example"
}`);
    const plan = await planExit(ws);
    expect(plan.code).toBe(1);
    const errors = planErrors(plan.stderr);
    expect(errors).toMatch(/Error: Another API in the group already serves this method and path\n\n {2}with apigw_api.second,\n.*\n.*path {3}= "\/orders\/\{order\}"/);
    expect(errors).toMatch(/Error: A resource with the same unique fields already exists\n\n {2}with apigw_group.again,/);
    expect(errors).toMatch(/Error: A referenced resource does not exist\n\n {2}with apigw_variable.v,\n.*\n.*stage_id = "no-such-stage"/);
    expect(errors).toMatch(/Error: The quota for this resource is used up\n\n {2}with apigw_domain.d6,\n.*\n.*group_id = apigw_group.shop.id/);
    expect(errors).toContain('?dry_run=true; nothing was changed.');
    const { items } = (await acc.svc.admin('conflicts', 'GET', '/apis')).body;
    expect(items.map((a: any) => a.name)).toEqual(['first']);
  }, TIMEOUT);

  it('skips the service check while values are unknown, and checks them once known at apply', async () => {
    const ws = workspace('unknowns');
    ws.writeConfig(`
resource "apigw_group" "shop" { name = "shop" }
resource "apigw_api" "a" {
  group_id = apigw_group.shop.id
  name     = "a"
  request {
    method = "GET"
    path   = "/same"
  }
  backend { type = "MOCK" }
}
resource "apigw_api" "b" {
  group_id = apigw_group.shop.id
  name     = "b"
  request {
    method = "GET"
    path   = "/same"
  }
  backend { type = "MOCK" }
}`);
    expect((await planExit(ws)).code).toBe(2);
    const applied = await ws.run(['apply', '-auto-approve', '-no-color', '-parallelism=1']);
    expect(applied.code).toBe(1);
    expect(planErrors(applied.stderr)).toContain('Another API in the group already serves this method and path');
  }, TIMEOUT);

  it('does not mistake a replacement for a duplicate of the object it replaces', async () => {
    const ws = workspace('replacing');
    const config = (policy: string) => `
resource "apigw_group" "shop" { name = "shop" }
data "apigw_stage" "release" { name = "RELEASE" }
resource "apigw_api" "a" {
  group_id = apigw_group.shop.id
  name     = "a"
  request {
    method = "GET"
    path   = "/a"
  }
  backend { type = "MOCK" }
}
resource "apigw_acl_policy" "office" {
  name   = "office"
  type   = "ALLOW"
  values = ["10.0.0.0/8"]
}
resource "apigw_acl_policy" "lab" {
  name   = "lab"
  type   = "DENY"
  values = ["192.0.2.1"]
}
resource "apigw_acl_binding" "a" {
  policy_id = apigw_acl_policy.${policy}.id
  api_id    = apigw_api.a.id
  stage_id  = data.apigw_stage.release.id
}`;
    ws.writeConfig(config('office'));
    await apply(ws);
    ws.writeConfig(config('lab'));
    const changes = await planChanges(ws);
    expect(withActions(changes, 'delete', 'create')).toEqual(['apigw_acl_binding.a']);
    await apply(ws);
    const lab = (await stateOf(ws)).get('apigw_acl_policy.lab')!.id;
    expect((await stateOf(ws)).get('apigw_acl_binding.a')!.policy_id).toBe(lab);
    // Forced replacements plan the same way: same name, same binding key, no false conflict.
    const forced = await planChanges(ws, ['-replace=apigw_acl_policy.lab', '-replace=apigw_acl_binding.a']);
    expect(withActions(forced, 'delete', 'create')).toEqual(['apigw_acl_binding.a', 'apigw_acl_policy.lab']);
  }, TIMEOUT);
});
