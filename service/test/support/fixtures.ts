/**
 * Valid request bodies for every resource kind, creating whatever they reference first. Tests build
 * on these so each kind is exercised through the public API with realistic objects.
 */
import crypto from 'node:crypto';
import { kindOf } from '../../src/control/catalogue/kinds';
import type { TenantClient } from './admin-client';
import { makeCertificate } from './certs';

export const uniq = (prefix: string): string => `${prefix}${crypto.randomBytes(4).toString('hex')}`;

export type Body = Record<string, any>;

export class Fixtures {
  constructor(readonly client: TenantClient) {}

  /** Creates a resource (201 expected) and returns the response body. */
  async create(kind: string, overrides: Body = {}): Promise<Body> {
    const plural = kindOf(kind).plural;
    const body = { ...(await this.body(kind)), ...overrides };
    const res = await this.client.post(`/v1/${plural}`, body);
    if (res.status !== 201) throw new Error(`creating ${kind} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async releaseStageId(): Promise<string> {
    const res = await this.client.get('/v1/stages?name=RELEASE').expect(200);
    return res.body.items[0].id;
  }

  /** A valid body for `kind`; referenced resources are created as needed. */
  async body(kind: string): Promise<Body> {
    const make = BODIES[kind];
    if (!make) throw new Error(`no fixture for ${kind}`);
    return make(this);
  }
}

const wildcardCert = () => makeCertificate('example.com', ['example.com', '*.example.com']);

const binding = (policyKind: string, policyField: string) => async (f: Fixtures): Promise<Body> => ({
  [policyField]: (await f.create(policyKind)).id,
  api_id: (await f.create('api')).id,
  stage_id: (await f.create('stage')).id,
});

const BODIES: Record<string, (f: Fixtures) => Promise<Body>> = {
  group: async () => ({ name: uniq('group'), description: 'test group' }),
  certificate: async () => ({ name: uniq('cert'), certificate_pem: wildcardCert().certificatePem, private_key_pem: wildcardCert().privateKeyPem }),
  domain: async (f) => ({ group_id: (await f.create('group')).id, hostname: `${uniq('h')}.example.com` }),
  stage: async () => ({ name: uniq('STAGE').toUpperCase() }),
  variable: async (f) => ({ group_id: (await f.create('group')).id, stage_id: (await f.create('stage')).id, name: uniq('host'), value: 'http://127.0.0.1:9' }),
  channel: async () => ({ name: uniq('channel'), members: [{ host: '127.0.0.1', port: 9, weight: 2 }] }),
  authorizer: async () => ({ name: uniq('authz'), type: 'HTTP', http: { url: 'http://127.0.0.1:9/authorize' } }),
  api: async (f) => ({
    group_id: (await f.create('group')).id,
    name: uniq('api'),
    request: { method: 'GET', path: `/items/${uniq('p')}/{id}` },
    auth_type: 'APP',
    parameters: [{ name: 'id', location: 'PATH', type: 'INTEGER', required: true }],
    backend: { type: 'HTTP', address: 'http://127.0.0.1:9', path: '/items/{id}' },
  }),
  deployment: async (f) => ({ api_id: (await f.create('api')).id, stage_id: (await f.create('stage')).id, description: 'first release' }),
  app: async () => ({ name: uniq('app') }),
  app_code: async (f) => ({ app_id: (await f.create('app')).id }),
  app_authorization: async (f) => ({ app_id: (await f.create('app')).id, api_id: (await f.create('api')).id, stage_id: (await f.create('stage')).id }),
  throttling_policy: async () => ({ name: uniq('throttle'), time_unit: 'SECOND', api_limit: 100, app_limit: 10 }),
  throttling_binding: binding('throttling_policy', 'policy_id'),
  acl_policy: async () => ({ name: uniq('acl'), type: 'DENY', values: ['10.0.0.0/8', '2001:db8::/32'] }),
  acl_binding: binding('acl_policy', 'policy_id'),
  signature_key: async () => ({ name: uniq('sig'), key: uniq('key'), secret: crypto.randomBytes(16).toString('hex') }),
  signature_binding: binding('signature_key', 'signature_key_id'),
  gateway_response: async (f) => ({
    group_id: (await f.create('group')).id, error_type: 'THROTTLED', status: 429,
    body: '{"code":"$context.error.code","id":"$context.requestId"}',
  }),
};
