/**
 * The wall time of applying, re-planning and destroying a 50-resource configuration (1 group, 1
 * stage, 16 APIs each published by a deployment, 8 stage variables, 8 apps), printed for the record
 * and bounded loosely so a regression (say, a provider start-up that got slow) fails the build.
 */
import { startAccService } from './support/service';
import type { AccService } from './support/service';
import { apply, describeAcceptance, destroy, planExit, stateOf } from './support/steps';
import { TerraformWorkspace, assertBuilt } from './support/terraform';

const TENANT = 'scale';

const FIFTY = `
resource "apigw_group" "g" { name = "scale" }
resource "apigw_stage" "s" { name = "SCALE" }
resource "apigw_api" "a" {
  count    = 16
  group_id = apigw_group.g.id
  name     = "api-\${count.index}"
  request {
    method = "GET"
    path   = "/items/\${count.index}"
  }
  backend {
    type      = "MOCK"
    mock_body = "item \${count.index}"
  }
}
resource "apigw_deployment" "d" {
  count    = 16
  api_id   = apigw_api.a[count.index].id
  stage_id = apigw_stage.s.id
}
resource "apigw_variable" "v" {
  count    = 8
  group_id = apigw_group.g.id
  stage_id = apigw_stage.s.id
  name     = "var\${count.index}"
  value    = "value-\${count.index}"
}
resource "apigw_app" "app" {
  count = 8
  name  = "app-\${count.index}"
}
`;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = Date.now();
  const result = await work();
  return [result, (Date.now() - started) / 1000];
}

describeAcceptance('a 50-resource configuration', () => {
  let svc: AccService;
  let ws: TerraformWorkspace;
  beforeAll(async () => {
    assertBuilt();
    svc = await startAccService();
    ws = new TerraformWorkspace(svc.env(TENANT));
  });
  afterAll(async () => {
    ws?.remove();
    await svc?.close();
  });

  it('applies, re-plans with no changes and destroys in reasonable time', async () => {
    ws.writeConfig(FIFTY);
    const [, applySeconds] = await timed(() => apply(ws));
    expect((await stateOf(ws)).size).toBe(50);
    const [plan, planSeconds] = await timed(() => planExit(ws));
    expect(plan.code).toBe(0);
    const [, destroySeconds] = await timed(() => destroy(ws));
    expect((await svc.admin(TENANT, 'GET', '/apis')).body.total).toBe(0);
    process.stdout.write(`50-resource configuration: apply ${applySeconds.toFixed(1)} s, ` +
      `plan ${planSeconds.toFixed(1)} s, destroy ${destroySeconds.toFixed(1)} s (-parallelism=4)\n`);
    expect(applySeconds).toBeLessThan(60);
  }, 240_000);
});
