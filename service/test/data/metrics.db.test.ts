/**
 * The proxy's metrics: Prometheus's own promtool accepts them, labels stay bounded (no raw paths or
 * callers), and the counters move with traffic.
 */
import { execFileSync } from 'node:child_process';
import { startGateway, type Gateway } from '../support/gateway';

let gw: Gateway;
beforeAll(async () => { gw = await startGateway(); });
afterAll(async () => { await gw.close(); });

function promtool(text: string): string {
  try {
    return execFileSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (error: any) {
    if (error.code === 'ENOENT') throw new Error('promtool is missing: install the Debian package "prometheus" (.ci/run does)');
    throw new Error(`promtool check metrics failed:\n${error.stdout}${error.stderr}`);
  }
}

test('metrics pass promtool and stay bounded', async () => {
  const g = await gw.group('metrics');
  await gw.publish(g.id, { name: 'm', request: { method: 'GET', path: '/m/{id}' }, parameters: [{ name: 'id', location: 'PATH' }], backend: { type: 'MOCK', mock_body: 'ok' } });
  for (let i = 0; i < 5; i++) await gw.call(g.host, `/m/${i}-unique-${Date.now()}`);
  for (let i = 0; i < 3; i++) await gw.call(g.host, `/missing-${i}-${Date.now()}`);
  const text = await gw.metrics();
  // prom-client's default nodejs_active_*_total gauges trip one promtool naming rule: left out of the check only.
  const checked = text.split('\n').filter((line) => !/nodejs_active_(handles|requests|resources)_total/.test(line)).join('\n');
  promtool(checked);
  expect(text).toMatch(new RegExp(`^apigw_requests_total\\{group="${g.id}",api="[0-9a-f]{32}",stage="RELEASE",status_class="2xx"\\} 5$`, 'm'));
  expect(text).toMatch(new RegExp(`^apigw_gateway_errors_total\\{group="${g.id}",api="",stage="RELEASE",code="API_NOT_FOUND"\\} 3$`, 'm'));
  expect(text).toMatch(/^apigw_request_duration_seconds_bucket\{/m);
  expect(text).toMatch(/^apigw_config_revision \d+$/m);
  expect(text).toMatch(/^apigw_open_connections \d+$/m);
  expect(text).not.toMatch(/unique-|missing-/);
});
