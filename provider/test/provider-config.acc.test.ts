/**
 * The provider block and the data sources with the real CLI against a live service: settings from
 * the block or the environment, clear failures for a wrong token and an unreachable endpoint, and
 * lookups of groups, stages and APIs by name.
 */
import { useAccService } from './support/harness';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { apply, describeAcceptance, destroy, mustRun, planExit } from './support/steps';

const TIMEOUT = 120_000;
const flat = (text: string) => text.replace(/\u2502 ?/g, '').replace(/\s+/g, ' ');

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describeAcceptance('provider settings and data sources', () => {
  const acc = useAccService();
  const workspace = (env: Record<string, string> = {}) => {
    const ws = acc.workspace(env);
    return ws;
  };

  it('takes endpoint and token from the provider block', async () => {
    const ws = workspace();
    ws.writeConfig(`
provider "apigw" {
  endpoint = "${acc.svc.endpoint}/"
  token    = "${acc.svc.token('block')}"
}
resource "apigw_group" "g" { name = "from-block" }`);
    await apply(ws);
    expect((await acc.svc.admin('block', 'GET', '/groups?name=from-block')).body.total).toBe(1);
    await destroy(ws);
  }, TIMEOUT);

  it('fails clearly when the token is wrong', async () => {
    const ws = workspace({ APIGW_ENDPOINT: acc.svc.endpoint, APIGW_TOKEN: 'not-a-token' });
    ws.writeConfig('resource "apigw_group" "g" { name = "g" }');
    const plan = await planExit(ws);
    expect(plan.code).toBe(1);
    expect(flat(plan.stderr)).toContain('Error: The apigw management API refused the token');
    expect(flat(plan.stderr)).toContain('answered 401 UNAUTHENTICATED: The token is invalid or expired');
  }, TIMEOUT);

  it('fails clearly when the service is unreachable, naming the endpoint', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const ws = workspace({ APIGW_ENDPOINT: endpoint, APIGW_TOKEN: acc.svc.token('x') });
    ws.writeConfig('resource "apigw_group" "g" { name = "g" }');
    const plan = await planExit(ws);
    expect(plan.code).toBe(1);
    expect(flat(plan.stderr)).toContain(`Error: Cannot reach the apigw management API at ${endpoint}`);
    expect(flat(plan.stderr)).toContain('connection refused');
  }, TIMEOUT);

  it('fails clearly when no endpoint is configured', async () => {
    const ws = workspace({ APIGW_TOKEN: 't' });
    ws.writeConfig('resource "apigw_group" "g" { name = "g" }');
    const plan = await planExit(ws, { APIGW_ENDPOINT: '' });
    expect(plan.code).toBe(1);
    expect(flat(plan.stderr)).toContain('Set endpoint in the provider block or the APIGW_ENDPOINT environment variable');
  }, TIMEOUT);

  it('refuses to import an id that does not exist', async () => {
    const ws = workspace(acc.svc.env('import'));
    ws.writeConfig('resource "apigw_group" "g" { name = "g" }');
    const imported = await ws.run(['import', '-no-color', '-input=false', 'apigw_group.g', '0123456789abcdef0123456789abcdef']);
    expect(imported.code).toBe(1);
    expect(flat(imported.stderr)).toContain('Cannot import non-existent remote object');
  }, TIMEOUT);

  it('moves a JWT authorizer from a shared secret to a JWKS URL in place', async () => {
    const ws = workspace(acc.svc.env('jwt'));
    const authorizer = (keySource: string) => `
resource "apigw_authorizer" "jwt" {
  name = "jwt"
  type = "JWT"
  jwt {
    ${keySource}
    algorithms = ["HS256", "RS256"]
  }
}`;
    ws.writeConfig(authorizer('secret = "shared-secret-0123456789"'));
    await apply(ws);
    ws.writeConfig(authorizer('jwks_uri = "https://login.example.com/jwks.json"'));
    const applied = await apply(ws);
    expect(applied.stdout).toContain('0 added, 1 changed, 0 destroyed');
    expect((await planExit(ws)).code).toBe(0);
  }, TIMEOUT);

  it('looks up groups, stages and APIs by name', async () => {
    const owner = workspace(acc.svc.env('lookup'));
    owner.writeConfig(`
resource "apigw_group" "shop" { name = "shop" }
resource "apigw_api" "list" {
  group_id = apigw_group.shop.id
  name     = "list"
  tags     = ["orders"]
  request {
    method = "GET"
    path   = "/orders"
  }
  backend { address = "http://127.0.0.1:1" }
}`);
    await apply(owner);
    const reader = workspace(acc.svc.env('lookup'));
    reader.writeConfig(`
data "apigw_group" "shop" { name = "shop" }
data "apigw_stage" "release" { name = "RELEASE" }
data "apigw_api" "list" {
  group_id = data.apigw_group.shop.id
  name     = "list"
}
output "found" {
  value = {
    group   = data.apigw_group.shop.subdomain
    stage   = data.apigw_stage.release.name
    path    = data.apigw_api.list.request.path
    backend = data.apigw_api.list.backend.address
    tags    = data.apigw_api.list.tags
  }
}`);
    await apply(reader);
    const found = JSON.parse((await mustRun(reader, ['output', '-json', 'found'])).stdout);
    expect(found).toEqual({ group: expect.stringMatching(/^[0-9a-f]+\./), stage: 'RELEASE', path: '/orders', backend: 'http://127.0.0.1:1', tags: ['orders'] });
    reader.writeConfig('data "apigw_group" "missing" { name = "missing" }');
    const plan = await planExit(reader);
    expect(plan.code).toBe(1);
    expect(flat(plan.stderr)).toContain('Error: No api group found for data.apigw_group');
  }, TIMEOUT);
});
