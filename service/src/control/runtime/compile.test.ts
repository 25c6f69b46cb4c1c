/**
 * Golden test of the runtime-configuration compiler: a small gateway (two groups, two stages, policies,
 * apps, a domain) compiles to testdata/compiled.golden.json. UPDATE_GOLDEN=1 rewrites the file; review
 * the diff before committing it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { compileRuntimeConfig, type CompileInput, type CompileRow } from './compile';

const row = (kind: string, id: string, data: Record<string, any>, tenantId = 'acme'): CompileRow => ({ id, tenantId, kind, data });
const definition = (id: string, path: string) => ({
  id, group_id: 'g1', name: id, request: { protocol: 'BOTH', method: 'GET', path, match_mode: 'EXACT', cors: false },
  auth_type: 'APP', app_code_auth: true, parameters: [], backend: { type: 'MOCK', mock_status_code: 200, mock_body: 'ok' },
  backend_parameters: [], policy_backends: [],
});

const INPUT: CompileInput = {
  revision: 42,
  baseDomain: 'gw.test',
  rows: [
    row('group', 'g1', { name: 'shop' }),
    row('group', 'g2', { name: 'empty' }),
    row('stage', 's-release', { name: 'RELEASE' }),
    row('stage', 's-test', { name: 'TEST' }),
    row('variable', 'v1', { group_id: 'g1', stage_id: 's-test', name: 'host', value: 'http://10.0.0.1' }),
    row('variable', 'v2', { group_id: 'g1', stage_id: 's-release', name: 'host', value: 'http://10.0.0.2' }),
    row('deployment', 'd1', { api_id: 'a1', stage_id: 's-release', version_id: 'ver-a1-2' }),
    row('deployment', 'd2', { api_id: 'a1', stage_id: 's-test', version_id: 'ver-a1-3' }),
    row('deployment', 'd3', { api_id: 'a2', stage_id: 's-release', version_id: 'ver-missing' }),
    row('app', 'app1', { name: 'mobile', app_key: 'key1', app_secret: 'secret1' }),
    row('app', 'app2', { name: 'partner', app_key: 'key2', app_secret: 'secret2' }, 'globex'),
    row('app_code', 'c1', { app_id: 'app1', code: 'x'.repeat(64) }),
    row('app_authorization', 'auth1', { app_id: 'app2', api_id: 'a1', stage_id: 's-release' }),
    row('app_authorization', 'auth2', { app_id: 'app1', api_id: 'a1', stage_id: 's-release' }),
    row('throttling_policy', 'tp1', { type: 'BASIC', time_unit: 'SECOND', time_interval: 1, api_limit: 100, app_limit: 10,
      special_limits: [{ target_type: 'APP', target_id: 'app2', limit: 50 }, { target_type: 'TENANT', target_id: 'globex', limit: 60 }] }),
    row('throttling_binding', 'tb1', { policy_id: 'tp1', api_id: 'a1', stage_id: 's-release' }),
    row('acl_policy', 'acl1', { type: 'DENY', entity_type: 'IP', values: ['10.0.0.0/8'] }),
    row('acl_binding', 'ab1', { policy_id: 'acl1', api_id: 'a1', stage_id: 's-test' }),
    row('signature_key', 'sk1', { type: 'HMAC', key: 'gw', secret: 'backend-secret-123456' }),
    row('signature_binding', 'sb1', { signature_key_id: 'sk1', api_id: 'a1', stage_id: 's-release' }),
    row('channel', 'ch1', { name: 'pool', algorithm: 'ROUND_ROBIN', members: [{ host: '10.0.0.5', port: 80, weight: 1 }] }),
    row('authorizer', 'az1', { name: 'jwt', type: 'JWT', target: 'FRONTEND', identity_sources: [{ location: 'HEADER', name: 'Authorization' }],
      cache_ttl_seconds: 0, jwt: { secret: 'jwt-secret-0123456789', algorithms: ['HS256'], claims_to_parameters: [] } }),
    row('gateway_response', 'gr1', { group_id: 'g1', error_type: 'THROTTLED', status: 429, body: '{"e":"$context.error.code"}', headers: {} }),
    row('certificate', 'cert1', { certificate_pem: 'PEM', private_key_pem: 'KEY', not_after: '2030-01-01T00:00:00.000Z' }),
    row('domain', 'dom1', { group_id: 'g1', hostname: 'api.shop.test', min_tls_version: '1.2', certificate_id: 'cert1' }),
  ],
  versions: [
    { id: 'ver-a1-2', version: 2, definition: definition('a1', '/items') },
    { id: 'ver-a1-3', version: 3, definition: { ...definition('a1', '/items'), auth_type: 'NONE' } },
  ],
};

const GOLDEN = path.join(__dirname, 'testdata', 'compiled.golden.json');

test('compiles to the golden configuration', () => {
  const compiled = JSON.stringify(compileRuntimeConfig(INPUT), null, 2) + '\n';
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(GOLDEN, compiled);
  expect(compiled).toBe(fs.readFileSync(GOLDEN, 'utf8'));
});

test('the same rows in another order compile to the same configuration', () => {
  const shuffled = { ...INPUT, rows: [...INPUT.rows].reverse() };
  expect(compileRuntimeConfig(shuffled)).toEqual(compileRuntimeConfig(INPUT));
});

test('a deployment whose version is gone publishes nothing', () => {
  const stage = compileRuntimeConfig(INPUT).groups.g1.stages.RELEASE;
  expect(stage.apis.map((a) => a.definition.id)).toEqual(['a1']);
});
