/**
 * Configuration changes reach the proxy by polling alone (no forced refresh): a publish and a
 * rollback are visible within 1 s while a load loop runs, and no request in the loop fails.
 */
import { startGateway, type Gateway } from '../support/gateway';

let gw: Gateway;
// The load loop exceeds the default limit of unbound APIs (200/s); it measures reloads, not throttling.
beforeAll(async () => { gw = await startGateway({ configPollMs: 250, defaultRateLimitPerSecond: 0 }); });
afterAll(async () => { await gw.close(); });

/** Calls the API in a loop (4 concurrent callers) until stopped; records every answer body and failure. */
function loadLoop(host: string, path: string) {
  const bodies: string[] = [];
  const failures: string[] = [];
  let running = true;
  const caller = async () => {
    while (running) {
      const res = await gw.call(host, path).catch((e) => ({ status: 0, text: String(e) }));
      if (res.status !== 200) failures.push(`${res.status} ${res.text}`);
      else bodies.push(res.text);
    }
  };
  const callers = Array.from({ length: 4 }, caller);
  return { bodies, failures, stop: async () => { running = false; await Promise.all(callers); } };
}

async function until(what: () => boolean, limitMs: number): Promise<number> {
  const started = Date.now();
  while (!what()) {
    if (Date.now() - started > limitMs) throw new Error(`not within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - started;
}

test('publish and rollback are live within 1 s under load, with zero failed requests', async () => {
  const g = await gw.group('live');
  const mock = (body: string) => ({ name: 'live', request: { method: 'GET', path: '/v' }, backend: { type: 'MOCK', mock_body: body } });
  const api = await gw.publish(g.id, mock('v1'));
  const loop = loadLoop(g.host, '/v');
  try {
    await until(() => loop.bodies.length > 20, 5000);
    await gw.admin('PUT', `/apis/${api.id}`, { group_id: g.id, ...mock('v2') });
    await gw.admin('PUT', `/deployments/${api.deployment.id}`, { api_id: api.id, stage_id: api.deployment.stage_id });
    const publishSeen = await until(() => loop.bodies.at(-1) === 'v2', 1000);
    await gw.admin('POST', `/apis/${api.id}/versions/${api.deployment.version_id}/activate`);
    const rollbackSeen = await until(() => loop.bodies.at(-1) === 'v1', 1000);
    expect(publishSeen).toBeLessThan(1000);
    expect(rollbackSeen).toBeLessThan(1000);
  } finally {
    await loop.stop();
  }
  expect(loop.failures).toEqual([]);
  expect(loop.bodies.length).toBeGreaterThan(50);
  // Once a version is visible, no later answer goes back to the one before it (swaps are atomic).
  const firstV2 = loop.bodies.indexOf('v2');
  const lastV2 = loop.bodies.lastIndexOf('v2');
  expect(loop.bodies.slice(firstV2, lastV2 + 1).every((b) => b === 'v2')).toBe(true);
});

test('taking an API offline removes it from the stage', async () => {
  const g = await gw.group('offline');
  const api = await gw.publish(g.id, { name: 'gone', request: { method: 'GET', path: '/gone' }, backend: { type: 'MOCK', mock_body: 'here' } });
  expect((await gw.call(g.host, '/gone')).status).toBe(200);
  await gw.admin('DELETE', `/deployments/${api.deployment.id}`);
  await gw.synced();
  const res = await gw.call(g.host, '/gone');
  expect([res.status, res.json.error_code]).toEqual([404, 'API_NOT_FOUND']);
});
