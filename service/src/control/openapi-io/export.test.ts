/** The exported OpenAPI document: valid OpenAPI 3.0.3 at every detail level, extensions where asked. */
import SwaggerParser from '@apidevtools/swagger-parser';
import { sampleApiDefinitions } from '../../../test/support/openapi-fixtures';
import { exportApis } from './export';
import { parseApiDocument } from './import';
import type { ApiDefinition, ExportDetail } from './types';

const group = { id: 'grp-1', name: 'Orders', description: 'The order service' };
const apis = () => sampleApiDefinitions() as ApiDefinition[];
const exportAt = (detail: ExportDetail, extra: Record<string, unknown> = {}) =>
  exportApis({ group, apis: apis(), detail, format: 'oas3', ...extra }) as Record<string, any>;

it.each(['basic', 'full', 'policies'] as const)('detail %s is a valid OpenAPI 3.0.3 document', async (detail) => {
  const doc = exportAt(detail, { stage: 'TEST', policies: { throttling: [] } });
  await expect(SwaggerParser.validate(structuredClone(doc) as any)).resolves.toBeDefined();
  expect(doc.openapi).toBe('3.0.3');
  expect(doc.info).toEqual({ title: 'Orders', version: 'TEST', description: 'The order service' });
  expect(doc['x-apigw-stage']).toBe('TEST');
});

it('writes operations with parameters, tags and examples', () => {
  const doc = exportAt('basic', { servers: [{ url: 'https://grp-1.apigw.example' }] });
  expect(doc.servers).toEqual([{ url: 'https://grp-1.apigw.example' }]);
  expect(doc.tags).toEqual([{ name: 'orders' }, { name: 'v2' }]);
  expect(Object.keys(doc.paths)).toEqual(['/', '/files/{path}', '/orders', '/orders/{id}', '/static', '/static/']);
  const op = doc.paths['/orders/{id}'].get;
  expect(op).toMatchObject({ operationId: 'getOrder', summary: 'Read one order', description: 'Read one order\nwith its lines', tags: ['orders', 'v2'] });
  expect(op.parameters[0]).toEqual({
    name: 'id', in: 'path', required: true, description: 'Order id', schema: { type: 'integer', minimum: 1 }, example: 42,
  });
  expect(op.parameters[2].schema).toEqual({ type: 'integer', enum: [10, 20, 'all'], default: '05' });
  expect(op.responses).toEqual({
    200: { description: 'Success', content: { 'application/json': { example: '{"id": 42,\n "lines": []}' } } },
    default: { description: 'Failure', content: { 'text/plain': { example: 'order not found' } } },
  });
});

it('basic holds no backend, auth or mapping', () => {
  const text = JSON.stringify(exportAt('basic'));
  for (const ext of ['x-apigw-backend', 'x-apigw-auth', 'x-apigw-match-mode', 'x-apigw-cors', 'x-apigw-protocol', 'x-apigw-policies', 'x-apigw-required']) {
    expect(text).not.toContain(ext);
  }
});

it('full adds every x-apigw extension and policies adds x-apigw-policies', () => {
  const full = exportAt('full');
  expect(full.paths['/orders/{id}'].get).toMatchObject({
    'x-apigw-protocol': 'HTTPS', 'x-apigw-match-mode': 'EXACT', 'x-apigw-cors': true,
    'x-apigw-auth': { auth_type: 'APP', app_code_auth: true },
    'x-apigw-backend': { type: 'HTTP', address: 'https://#orders_host#:8443', timeout_ms: 2500 },
    'x-apigw-backend-parameters': expect.arrayContaining([{ name: 'v', location: 'QUERY', origin: 'CONSTANT', value: '2' }]),
  });
  expect(full['x-apigw-policies']).toBeUndefined();
  const policies = { bindings: [{ api: 'getOrder', throttling_policy: 'tp-1' }] };
  expect(exportAt('policies', { policies })['x-apigw-policies']).toEqual(policies);
});

it('writes greedy parameters, ANY and a shared method+path in standard OpenAPI', () => {
  const doc = exportAt('full');
  expect(doc.paths['/files/{path}'].get.parameters[0]).toMatchObject({ name: 'path', in: 'path', 'x-apigw-greedy': true });
  expect(doc.paths['/static']['x-apigw-any-method']).toMatchObject({ operationId: 'static.exact', 'x-apigw-match-mode': 'EXACT' });
  expect(doc.paths['/static/']['x-apigw-any-method']).toMatchObject({
    operationId: 'static-prefix', 'x-apigw-match-mode': 'PREFIX', 'x-apigw-path': '/static',
  });
  expect(doc.paths['/'].head).not.toHaveProperty('summary');
});

it('keeps an optional path parameter optional only where the extension is written', () => {
  const full = exportAt('full').paths['/orders/{id}'].get.parameters[0];
  expect(full).toMatchObject({ required: true, 'x-apigw-required': false });
});

it('shares no objects with its input', () => {
  const input = apis();
  const doc = exportApis({ group, apis: input, detail: 'full', format: 'oas3' }) as Record<string, any>;
  doc.paths['/orders/{id}'].get['x-apigw-backend'].timeout_ms = 1;
  expect(input[0].backend.timeout_ms).toBe(2500);
});

it('a basic export imports back as mocks with the same routes, less what needs the match mode', async () => {
  const { apis: imported, warnings } = await parseApiDocument(exportAt('basic'));
  expect(imported.map((a) => `${a.request.method} ${a.request.path}`)).toEqual(
    ['HEAD /', 'GET /files/{path+}', 'POST /orders', 'GET /orders/{id}', 'ANY /static'],
  );
  expect(imported.every((a) => a.backend.type === 'MOCK')).toBe(true);
  // Without x-apigw-match-mode both /static APIs are EXACT, so the second one clashes.
  expect(warnings).toEqual(['ANY /static/: skipped: serves the same route as ANY /static']);
});
