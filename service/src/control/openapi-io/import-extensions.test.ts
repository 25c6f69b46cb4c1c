/** The x-apigw-* extensions on import, from test/fixtures/openapi/apigw-extensions.yaml. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectValidApiBody, readOpenapiFixture } from '../../../test/support/openapi-fixtures';
import { parseApiDocument } from './import';
import type { ApiInput } from './types';

let apis: Record<string, ApiInput>;

beforeAll(async () => {
  const result = await parseApiDocument(readOpenapiFixture('apigw-extensions.yaml'));
  apis = Object.fromEntries(result.apis.map((a) => [a.name, a]));
  expect(result.warnings).toEqual([]);
});

it('merges the document, path and operation backends and applies the mapping', () => {
  const api = apis.getOrder;
  expect(api.request).toEqual({ protocol: 'HTTPS', method: 'GET', path: '/orders/{id}', match_mode: 'EXACT', cors: true });
  expect(api.backend).toMatchObject({
    type: 'HTTP', address: 'https://#orders_host#:8443', timeout_ms: 3000, path: '/v2/orders/{order_id}', method: 'GET',
  });
  expect(api.backend_parameters).toEqual([
    { name: 'order_id', location: 'PATH', origin: 'REQUEST', value: 'id' },
    { name: 'X-Source-Ip', location: 'HEADER', origin: 'SYSTEM', value: 'source_ip' },
    { name: 'api-version', location: 'QUERY', origin: 'CONSTANT', value: '2' },
  ]);
  expect(api.parameters).toEqual([
    { name: 'id', location: 'PATH', type: 'INTEGER', required: true, minimum: 1 },
    { name: 'X-Tenant', location: 'HEADER', type: 'STRING', required: true, max_length: 32 },
  ]);
  expect(api.success_example).toBe('{\n  "id": 7,\n  "state": "open"\n}');
});

it('reads auth from the path item and from the operation', () => {
  expect(apis.getOrder).toMatchObject({ auth_type: 'APP', app_code_auth: true });
  expect(apis.readFile).toMatchObject({ auth_type: 'AUTHORIZER', authorizer_id: 'auth-123', app_code_auth: false });
  expect(apis.static).toMatchObject({ auth_type: 'NONE', app_code_auth: false });
});

it('turns x-apigw-greedy and AWS-style {name+} into greedy path parameters', () => {
  expect(apis.readFile.request.path).toBe('/files/{path+}');
  expect(apis.readFile.parameters).toEqual([{ name: 'path', location: 'PATH', type: 'STRING', required: false }]);
  expect(apis.legacy.request.path).toBe('/legacy/{proxy+}');
  expect(apis.legacy.parameters?.[0]).toMatchObject({ name: 'proxy', location: 'PATH', required: true });
});

it('reads x-apigw-any-method, the match mode and an operation-level protocol', () => {
  expect(apis.static.request).toEqual({ protocol: 'BOTH', method: 'ANY', path: '/static', match_mode: 'PREFIX', cors: false });
  expect(apis.static.backend).toMatchObject({ type: 'MOCK', mock_status_code: 418, mock_body: 'teapot', mock_headers: { 'Content-Type': 'text/plain' } });
});

it('reads channel backends and policy backends', () => {
  expect(apis.legacy.backend).toMatchObject({ type: 'CHANNEL', channel_id: 'ch-1', channel_scheme: 'https', path: '/old/{proxy}' });
  expect(apis.legacy.policy_backends).toEqual([{
    name: 'canary', effect_mode: 'ANY',
    conditions: [{ source: 'SOURCE_IP', operator: 'CIDR', value: '10.0.0.0/8' }],
    backend: expect.objectContaining({ type: 'HTTP', address: 'https://canary.internal' }),
  }]);
});

it('the example in docs/import-export.md imports as described', async () => {
  const page = readFileSync(join(__dirname, '../../../../docs/import-export.md'), 'utf8');
  const example = /```yaml\n([\s\S]*?)```/.exec(page)?.[1] ?? '';
  const result = await parseApiDocument(example);
  expect(result.warnings).toEqual([]);
  expect(result.apis.map((a) => `${a.name} ${a.request.method} ${a.request.path}`)).toEqual([
    'getOrder GET /orders/{id}', 'readFile GET /files/{path+}', 'static ANY /static',
  ]);
  for (const api of result.apis) expectValidApiBody(api as unknown as Record<string, unknown>);
  expect(result.apis[0].backend).toMatchObject({ type: 'HTTP', address: 'https://#orders_host#:8443', path: '/v2/orders/{order_id}' });
});
