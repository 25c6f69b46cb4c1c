/** The OpenAPI documents under test/fixtures/openapi and the checks every imported API must pass. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkApi } from '../../src/control/catalogue/kinds/api-checks';
import { api as apiKind } from '../../src/control/catalogue/kinds/api';
import { validateInput } from '../../src/control/services/validator';

export const OPENAPI_FIXTURES = join(__dirname, '..', 'fixtures', 'openapi');

export const openapiFixtureNames = (): string[] =>
  readdirSync(OPENAPI_FIXTURES).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();

export const readOpenapiFixture = (name: string): string => readFileSync(join(OPENAPI_FIXTURES, name), 'utf8');

/**
 * Throws unless `body` is a valid api resource body once a group is added: the catalogue's JSON
 * schema (unknown fields refused) and its cross-field checks.
 */
export function expectValidApiBody(body: Record<string, unknown>): void {
  if ('group_id' in body) throw new Error('imported APIs must not carry group_id');
  const errors = checkApi(body);
  if (errors.length) throw new Error(`checkApi: ${JSON.stringify(errors)}`);
  validateInput(apiKind, { ...body, group_id: 'grp-test' });
}

type Body = Record<string, any>;

const server = (i: number) => ({
  id: `api-${i}`, group_id: 'grp-1', created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-02T00:00:00Z',
});

/** API bodies exercising every field export and import must carry, stored as the service stores them. */
const SAMPLE_INPUTS: Body[] = [
  {
    name: 'getOrder', description: 'Read one order\nwith its lines', tags: ['orders', 'v2'],
    request: { protocol: 'HTTPS', method: 'GET', path: '/orders/{id}', cors: true },
    auth_type: 'APP', app_code_auth: true,
    parameters: [
      { name: 'id', location: 'PATH', type: 'INTEGER', minimum: 1, description: 'Order id', example: '42' },
      { name: 'X-Tenant', location: 'HEADER', required: true, max_length: 32, min_length: 1, pattern: '^[a-z]+$' },
      { name: 'limit', location: 'QUERY', type: 'INTEGER', enum: ['10', '20', 'all'], default_value: '05' },
      { name: 'ratio', location: 'QUERY', type: 'NUMBER', minimum: 0.5, maximum: 2.5, example: 'abc', description: '' },
      { name: 'flag', location: 'QUERY', type: 'BOOLEAN', default_value: 'true', enum: ['true', 'false'] },
    ],
    backend: { type: 'HTTP', address: 'https://#orders_host#:8443', path: '/v2/orders/{order_id}', method: 'GET', timeout_ms: 2500 },
    backend_parameters: [
      { name: 'order_id', location: 'PATH', origin: 'REQUEST', value: 'id' },
      { name: 'X-Caller', location: 'HEADER', origin: 'SYSTEM', value: 'app_id', description: 'who called' },
      { name: 'v', location: 'QUERY', origin: 'CONSTANT', value: '2' },
    ],
    success_example: '{"id": 42,\n "lines": []}', failure_example: 'order not found',
  },
  {
    name: 'files', request: { method: 'GET', path: '/files/{path+}', match_mode: 'PREFIX' },
    auth_type: 'AUTHORIZER', authorizer_id: 'authz-1',
    parameters: [{ name: 'path', location: 'PATH', required: true }],
    backend: { type: 'HTTP', address: 'http://files.internal', path: '/storage/{path}' },
  },
  {
    name: 'static-prefix', description: 'Everything below /static',
    request: { method: 'ANY', path: '/static', match_mode: 'PREFIX' },
    backend: { type: 'MOCK', mock_status_code: 418, mock_body: 'teapot', mock_headers: { 'Content-Type': 'text/plain' } },
  },
  { name: 'static.exact', request: { method: 'ANY', path: '/static' }, backend: { type: 'MOCK' } },
  {
    name: 'root', description: `${'A very long first line. '.repeat(8)}\nand more`,
    request: { method: 'HEAD', path: '/' }, backend: { type: 'HTTP', address: 'https://example.com' },
  },
  {
    name: 'canary_orders', request: { method: 'POST', path: '/orders' },
    parameters: [{ name: 'region', location: 'QUERY' }],
    backend: { type: 'CHANNEL', channel_id: 'ch-1', channel_scheme: 'https', path: '/orders' },
    policy_backends: [{
      name: 'eu', effect_mode: 'ALL',
      conditions: [{ source: 'PARAMETER', parameter_name: 'region', operator: 'IN', value: 'eu-1,eu-2' }, { source: 'SOURCE_IP', operator: 'CIDR', value: '10.0.0.0/8' }],
      backend: { type: 'HTTP', address: 'https://eu.internal' },
    }],
  },
];

/** What the management API would return for the sample APIs: defaults filled, server fields set. */
export function sampleApiDefinitions(): Body[] {
  return SAMPLE_INPUTS.map((input, i) => {
    const stored = validateInput(apiKind, { ...input, group_id: 'grp-1' });
    return { ...server(i), ...stored };
  });
}

/** An API definition without the fields the server owns, i.e. what an import should give back. */
export function withoutServerFields(api: Body): Body {
  const { id: _id, group_id: _g, created_at: _c, updated_at: _u, ...rest } = api;
  return rest;
}
