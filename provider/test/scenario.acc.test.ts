/**
 * A whole gateway from one configuration: a group, two stages and their variables, two APIs (a mock,
 * and one proxied to a loopback backend through a stage variable), deployments, an app with an AppCode
 * and its authorization, a throttling policy and an ACL policy with their bindings. Terraform applies
 * it, a client calls the published APIs through the proxy, Terraform destroys it, and the API and the
 * proxy confirm that nothing is left.
 */
import { RESOURCE_KINDS } from '../../service/src/control/catalogue/kinds';
import { callProxy, callUntil, startEchoBackend } from './support/proxy';
import type { EchoBackend } from './support/proxy';
import { startAccService } from './support/service';
import type { AccService } from './support/service';
import { apply, describeAcceptance, destroy, mustRun, planExit } from './support/steps';
import { TerraformWorkspace, assertBuilt } from './support/terraform';

const TENANT = 'scenario';
const TIMEOUT = 180_000;

const gateway = (backendUrl: string) => `
resource "apigw_group" "shop" { name = "shop" }
data "apigw_stage" "release" { name = "RELEASE" }
resource "apigw_stage" "test" { name = "TEST" }
resource "apigw_variable" "backend" {
  for_each = { release = data.apigw_stage.release.id, test = apigw_stage.test.id }
  group_id = apigw_group.shop.id
  stage_id = each.value
  name     = "backend"
  value    = "${backendUrl}"
}
resource "apigw_api" "hello" {
  group_id = apigw_group.shop.id
  name     = "hello"
  request {
    method = "GET"
    path   = "/hello"
  }
  backend {
    type         = "MOCK"
    mock_body    = "{\\"hello\\":\\"world\\"}"
    mock_headers = { "content-type" = "application/json" }
  }
}
resource "apigw_api" "orders" {
  group_id      = apigw_group.shop.id
  name          = "orders"
  auth_type     = "APP"
  app_code_auth = true
  request {
    method = "GET"
    path   = "/orders/{id}"
  }
  parameters {
    name     = "id"
    location = "PATH"
    type     = "INTEGER"
  }
  backend {
    address = "#backend#"
    path    = "/backend/orders/{id}"
  }
}
resource "apigw_deployment" "hello" {
  api_id   = apigw_api.hello.id
  stage_id = data.apigw_stage.release.id
}
resource "apigw_deployment" "orders" {
  api_id   = apigw_api.orders.id
  stage_id = apigw_stage.test.id
  triggers = { definition = sha1(jsonencode([apigw_api.orders.request, apigw_api.orders.backend])) }
  depends_on = [apigw_variable.backend]
}
resource "apigw_app" "mobile" { name = "mobile" }
resource "apigw_app_code" "mobile" { app_id = apigw_app.mobile.id }
resource "apigw_app_authorization" "mobile_orders" {
  app_id   = apigw_app.mobile.id
  api_id   = apigw_api.orders.id
  stage_id = apigw_stage.test.id
}
resource "apigw_throttling_policy" "standard" {
  name      = "standard"
  time_unit = "MINUTE"
  api_limit = 1000
}
resource "apigw_throttling_binding" "hello" {
  policy_id = apigw_throttling_policy.standard.id
  api_id    = apigw_api.hello.id
  stage_id  = data.apigw_stage.release.id
}
resource "apigw_acl_policy" "loopback" {
  name   = "loopback"
  type   = "ALLOW"
  values = ["127.0.0.0/8", "::1"]
}
resource "apigw_acl_binding" "orders" {
  policy_id = apigw_acl_policy.loopback.id
  api_id    = apigw_api.orders.id
  stage_id  = apigw_stage.test.id
}
output "host" { value = apigw_group.shop.subdomain }
output "app_code" {
  value     = apigw_app_code.mobile.code
  sensitive = true
}
`;

describeAcceptance('a whole gateway applied, called through the proxy, destroyed', () => {
  let svc: AccService;
  let backend: EchoBackend;
  let ws: TerraformWorkspace;
  beforeAll(async () => {
    assertBuilt();
    svc = await startAccService({ allowAppCodeOverHttp: true });
    backend = await startEchoBackend();
    ws = new TerraformWorkspace(svc.env(TENANT));
  });
  afterAll(async () => {
    ws?.remove();
    await backend?.close();
    await svc?.close();
  });

  it('serves the published APIs, then leaves nothing behind', async () => {
    if (!svc.proxyUrl) throw new Error('RunningService.proxyUrl is not set: startService must run the data plane');
    const proxyUrl = svc.proxyUrl;
    ws.writeConfig(gateway(backend.url));
    await apply(ws);
    expect((await planExit(ws)).code).toBe(0);
    const output = async (name: string) => JSON.parse((await mustRun(ws, ['output', '-json', name])).stdout);
    const host: string = await output('host');
    const appCode: string = await output('app_code');

    const hello = await callUntil(() => callProxy(proxyUrl, host, '/hello'), (a) => a.status !== 404);
    expect(hello).toEqual({ status: 200, body: '{"hello":"world"}' });
    const orders = await callUntil(() => callProxy(proxyUrl, host, '/orders/42', { 'x-stage': 'TEST', 'x-apig-appcode': appCode }),
      (a) => a.status !== 404);
    expect(orders.status).toBe(200);
    expect(JSON.parse(orders.body)).toMatchObject({ method: 'GET', path: '/backend/orders/42' });
    expect((await callProxy(proxyUrl, host, '/hello', { 'x-stage': 'TEST' })).status).toBe(404);

    await destroy(ws);
    for (const kind of RESOURCE_KINDS) {
      const { items } = (await svc.admin(TENANT, 'GET', `/${kind.plural}`)).body;
      expect([kind.kind, items.map((i: any) => i.name ?? i.id)]).toEqual([kind.kind, kind.kind === 'stage' ? ['RELEASE'] : []]);
    }
    expect((await callUntil(() => callProxy(proxyUrl, host, '/hello'), (a) => a.status === 404)).status).toBe(404);
  }, TIMEOUT);
});
