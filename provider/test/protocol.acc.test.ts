/**
 * The plugin plumbing against the real terraform CLI, with a stand-in management API that accepts
 * everything (support/fake-api.ts): Terraform starts the built provider, completes the go-plugin
 * handshake (mTLS, h2), loads the schema, validates and plans. Needs `make provider` first.
 * Run: APIGW_TEST_PROJECTS=acceptance npx jest provider/test/protocol
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeApi } from './support/fake-api';
import type { FakeApi } from './support/fake-api';
import { describeAcceptance } from './support/steps';
import { TerraformWorkspace, assertBuilt } from './support/terraform';

const committedSchema = JSON.parse(readFileSync(join(__dirname, '..', 'schema', 'apigw.schema.json'), 'utf8'));

interface ValidateJson {
  valid: boolean;
  diagnostics: Array<{ severity: string; summary: string; detail: string; snippet?: { code: string } }>;
}

describeAcceptance('terraform protocol acceptance', () => {
  let ws: TerraformWorkspace;
  let api: FakeApi;
  let env: Record<string, string>;
  beforeAll(async () => {
    assertBuilt();
    api = await startFakeApi();
    env = { APIGW_ENDPOINT: api.endpoint, APIGW_TOKEN: 'unused' };
  });
  afterAll(() => api?.close());
  beforeEach(() => { ws = new TerraformWorkspace(); api.requests.length = 0; });
  afterEach(() => ws.remove());

  const validate = async (body: string) => {
    ws.writeConfig(body);
    const result = await ws.run(['validate', '-json', '-no-color']);
    return { code: result.code, json: JSON.parse(result.stdout) as ValidateJson };
  };

  it('serves the committed schema to `terraform providers schema -json`', async () => {
    ws.writeConfig('');
    const result = await ws.run(['providers', 'schema', '-json']);
    expect(result.code).toBe(0);
    const served = JSON.parse(result.stdout);
    expect(served.format_version).toBe(committedSchema.format_version);
    const [servedEntry] = Object.values(served.provider_schemas);
    const [committedEntry] = Object.values(committedSchema.provider_schemas);
    // Same text, so the same key order too: the committed file is byte-for-byte what Terraform prints.
    expect(JSON.stringify(servedEntry)).toBe(JSON.stringify(committedEntry));
  });

  it('validates a configuration with references, nested blocks and exact numbers', async () => {
    const { code, json } = await validate(`
resource "apigw_group" "orders" { name = "orders" }
resource "apigw_api" "list" {
  group_id = apigw_group.orders.id
  name     = "list_orders"
  request {
    method = "GET"
    path   = "/orders/{id}"
  }
  parameters {
    name     = "id"
    location = "PATH"
    minimum  = 0.1
  }
  backend { address = "http://orders.internal:8080" }
}
resource "apigw_throttling_policy" "big" {
  name      = "big"
  time_unit = "SECOND"
  api_limit = 2147483647
}`);
    expect(json.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(json.valid).toBe(true);
    expect(code).toBe(0);
  });

  it('fails validation on an invalid enum value, naming the attribute', async () => {
    const { code, json } = await validate(`
resource "apigw_acl_policy" "office" {
  name   = "office"
  type   = "MAYBE"
  values = ["10.0.0.0/8"]
}`);
    expect(code).not.toBe(0);
    expect(json.valid).toBe(false);
    const errors = json.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([expect.objectContaining({
      summary: 'Invalid value for type', detail: 'Must be one of "ALLOW", "DENY"; got "MAYBE".',
    })]);
    expect(errors[0].snippet?.code).toContain('type   = "MAYBE"');
  });

  it('reports enum errors inside nested blocks and catalogue checks on their attribute', async () => {
    const { json } = await validate(`
resource "apigw_api" "bad" {
  group_id = "g-1"
  name     = "bad"
  request {
    method   = "GET"
    path     = "/x"
    protocol = "GOPHER"
  }
  backend { address = "http://b" }
}
resource "apigw_throttling_policy" "p" {
  name         = "p"
  time_unit    = "SECOND"
  api_limit    = 10
  tenant_limit = 20
}`);
    const errors = json.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.summary, d.snippet?.code.trim()]);
    expect(errors).toEqual(expect.arrayContaining([
      ['Invalid value for request.protocol', 'protocol = "GOPHER"'],
      ['Invalid value for tenant_limit', 'tenant_limit = 20'],
    ]));
  });

  it('plans a create: defaults filled, server-owned attributes unknown, checked by a dry run', async () => {
    ws.writeConfig(`resource "apigw_group" "orders" { name = "orders" }`);
    const plan = await ws.run(['plan', '-out=tfplan', '-no-color'], env);
    expect(plan.stderr).toBe('');
    const show = await ws.run(['show', '-json', 'tfplan'], env);
    const [change] = JSON.parse(show.stdout).resource_changes;
    expect(change.change.actions).toEqual(['create']);
    expect(change.change.after).toEqual({ name: 'orders', description: '' });
    expect(change.change.after_unknown).toEqual({ id: true, subdomain: true, created_at: true, updated_at: true });
    expect(api.requests.filter((r) => r.method !== 'GET')).toEqual([
      { method: 'POST', url: '/v1/groups?dry_run=true', body: { name: 'orders', description: '' } },
    ]);
  });

  it('plans no-op, in-place update and replacement against existing state, as core accepts them', async () => {
    const times = { created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-01T00:00:00Z' };
    ws.writeState([
      { type: 'apigw_stage', name: 'test', attributes: { id: 's-1', name: 'TEST', description: '', ...times } },
      { type: 'apigw_group', name: 'same', attributes: { id: 'g-1', name: 'same', description: '', subdomain: 'g-1.gw', ...times } },
      { type: 'apigw_group', name: 'changed', attributes: { id: 'g-2', name: 'changed', description: '', subdomain: 'g-2.gw', ...times } },
    ]);
    ws.writeConfig(`
resource "apigw_stage" "test" { name = "PRE" }
resource "apigw_group" "same" { name = "same" }
resource "apigw_group" "changed" {
  name        = "changed"
  description = "now described"
}`);
    // -refresh=false: ReadResource needs the management API; upgrade and plan do not.
    const plan = await ws.run(['plan', '-refresh=false', '-out=tfplan', '-no-color'], env);
    expect(plan.stderr).toBe('');
    const show = await ws.run(['show', '-json', 'tfplan'], env);
    const changes = Object.fromEntries(JSON.parse(show.stdout).resource_changes.map((rc: any) => [rc.address, {
      actions: rc.change.actions, replace: rc.change.replace_paths ?? null, unknown: rc.change.after_unknown,
    }]));
    expect(changes).toEqual({
      'apigw_stage.test': { actions: ['delete', 'create'], replace: [['name']], unknown: { id: true, created_at: true, updated_at: true } },
      'apigw_group.same': { actions: ['no-op'], replace: null, unknown: {} },
      'apigw_group.changed': { actions: ['update'], replace: null, unknown: { updated_at: true } },
    });
    // Dry runs for what changes: the replacement's new stage and the updated group; none for the no-op.
    expect(api.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'POST /v1/stages?dry_run=true', 'PUT /v1/groups/g-2?dry_run=true',
    ]);
  });
});
