/**
 * The OpenAPI document and the served routes agree: every route express serves is documented, every
 * documented operation is served (probed over HTTP: the answer is never ROUTE_NOT_FOUND), every /v1
 * operation declares its 4xx answers, and the committed openapi/openapi.json is current.
 */
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { buildOpenApiDocument } from '../../src/control/openapi/document';
import { startAdmin, type AdminHarness } from '../support/admin-client';

let h: AdminHarness;
beforeAll(async () => { h = await startAdmin(); });
afterAll(async () => { await h.close(); });

type Route = string; // "get /v1/apis/{id}"

function servedRoutes(stack: any[]): Route[] {
  return stack.flatMap((layer: any) => {
    if (layer.route) {
      const p = String(layer.route.path).replace(/:(\w+)/g, '{$1}');
      return Object.keys(layer.route.methods).map((m) => `${m} ${p}`);
    }
    return layer.handle?.stack ? servedRoutes(layer.handle.stack) : [];
  });
}

function documentedRoutes(doc: any): Route[] {
  return Object.entries(doc.paths).flatMap(([p, ops]: [string, any]) => Object.keys(ops).map((m) => `${m} ${p}`));
}

test('every served route is documented and every documented route is served', () => {
  const served = servedRoutes((h.control.app as any).router.stack).sort();
  const documented = documentedRoutes(buildOpenApiDocument()).sort();
  expect(served).toEqual(documented);
});

test('every documented operation answers through HTTP (no ROUTE_NOT_FOUND)', async () => {
  const token = h.as('acme');
  for (const route of documentedRoutes(buildOpenApiDocument())) {
    const [method, template] = route.split(' ');
    const url = template.replace(/\{\w+\}/g, 'f'.repeat(32));
    const res = await (token as any)[method === 'delete' ? 'delete' : method](url, method === 'get' || method === 'delete' ? undefined : {});
    expect([route, res.body?.error_code]).not.toEqual([route, 'ROUTE_NOT_FOUND']);
    expect(res.status).not.toBe(500);
  }
  await request(h.control.app).get('/v1/nothing').set('Authorization', 'x').expect(401);
});

test('every /v1 operation documents its 4xx answers and has a summary', () => {
  const doc: any = buildOpenApiDocument();
  for (const [p, ops] of Object.entries<any>(doc.paths)) {
    for (const [m, op] of Object.entries<any>(ops)) {
      expect([`${m} ${p}`, typeof op.summary]).toEqual([`${m} ${p}`, 'string']);
      if (p.startsWith('/v1/')) expect([`${m} ${p}`, Object.keys(op.responses).some((c) => c.startsWith('4'))]).toEqual([`${m} ${p}`, true]);
    }
  }
});

test('the committed openapi/openapi.json is current (run make docs)', () => {
  const committed = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../openapi/openapi.json'), 'utf8'));
  expect(committed).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
});
