/**
 * Access control lists end to end. The proxy listens dual-stack (`::`), so a call to 127.0.0.1
 * arrives as the IPv4-mapped `::ffff:127.0.0.1` and a call to [::1] as IPv6: IP allow and deny
 * lists with IPv4 and IPv6 CIDR blocks, and tenant lists (after authentication, by the caller
 * app's tenant, including another tenant's app), each refusing with its code and counted as denied.
 */
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { signRequest } from '../support/ca-signing-client';
import { startEchoBackend, type EchoBackend } from '../support/echo-backend';
import { startGateway, type Gateway } from '../support/gateway';

let gw: Gateway;
let backend: EchoBackend;
let port: number;
let group: { id: string; host: string };
let stage: string;

beforeAll(async () => {
  backend = await startEchoBackend();
  gw = await startGateway({ proxyHost: '::' });
  port = (gw.running.dataPlane!.server.address() as AddressInfo).port;
  group = await gw.group('acl');
  stage = await gw.stageId('RELEASE');
});
afterAll(async () => { await gw.close(); await backend.close(); });

async function call(ip: '127.0.0.1' | '[::1]', path: string, headers: Record<string, string> = {}) {
  const res = await request(`http://${ip}:${port}${path}`, { headers: { host: group.host, ...headers } });
  const text = await res.body.text();
  return { status: res.statusCode, code: text.startsWith('{"error_code"') ? JSON.parse(text).error_code : undefined };
}

/** Publishes an API with an ACL bound in RELEASE. */
async function withAcl(name: string, acl: { type: 'ALLOW' | 'DENY'; entity_type: 'IP' | 'TENANT'; values: string[] }, api: Record<string, unknown> = {}) {
  const published = await gw.publish(group.id, { name, request: { method: 'GET', path: `/${name}` }, backend: { type: 'HTTP', address: backend.url }, ...api });
  const policy = await gw.admin('POST', '/acl-policies', { name: `${name}-acl`, ...acl });
  await gw.admin('POST', '/acl-bindings', { policy_id: policy.id, api_id: published.id, stage_id: stage });
  await gw.synced();
  return published;
}

test('IP allow list: only listed IPv4 / IPv6 blocks get through', async () => {
  await withAcl('allow-v4', { type: 'ALLOW', entity_type: 'IP', values: ['127.0.0.0/8'] });
  expect(await call('127.0.0.1', '/allow-v4')).toEqual({ status: 200, code: undefined });
  expect(await call('[::1]', '/allow-v4')).toEqual({ status: 403, code: 'IP_DENIED' });
  await withAcl('allow-v6', { type: 'ALLOW', entity_type: 'IP', values: ['::/120', '10.0.0.0/8'] });
  expect(await call('[::1]', '/allow-v6')).toEqual({ status: 200, code: undefined });
  expect(await call('127.0.0.1', '/allow-v6')).toEqual({ status: 403, code: 'IP_DENIED' });
});

test('IP deny list: listed blocks are refused, the rest pass; mapped entries match IPv4 callers', async () => {
  await withAcl('deny-v6', { type: 'DENY', entity_type: 'IP', values: ['::1/128'] });
  expect(await call('[::1]', '/deny-v6')).toEqual({ status: 403, code: 'IP_DENIED' });
  expect(await call('127.0.0.1', '/deny-v6')).toEqual({ status: 200, code: undefined });
  await withAcl('deny-mapped', { type: 'DENY', entity_type: 'IP', values: ['::ffff:127.0.0.0/104'] });
  expect(await call('127.0.0.1', '/deny-mapped')).toEqual({ status: 403, code: 'IP_DENIED' });
  expect(await call('[::1]', '/deny-mapped')).toEqual({ status: 200, code: undefined });
  expect(await gw.metrics()).toMatch(/apigw_denied_requests_total\{[^}]*reason="acl_ip"[^}]*\} [1-9]/);
});

test('tenant lists judge the caller app\'s tenant, after authentication', async () => {
  const own = await gw.admin('POST', '/apps', { name: 'own-app' });
  const foreign = await gw.admin('POST', '/apps', { name: 'foreign-app' }, 'globex');
  const app = { auth_type: 'APP' };
  const allow = await withAcl('tenant-allow', { type: 'ALLOW', entity_type: 'TENANT', values: ['globex'] }, app);
  const deny = await withAcl('tenant-deny', { type: 'DENY', entity_type: 'TENANT', values: ['globex'] }, app);
  for (const api of [allow, deny]) {
    for (const who of [own, foreign]) await gw.admin('POST', '/app-authorizations', { app_id: who.id, api_id: api.id, stage_id: stage });
  }
  await gw.synced();
  const signed = (who: { app_key: string; app_secret: string }, path: string) =>
    signRequest({ method: 'GET', url: path, appKey: who.app_key, appSecret: who.app_secret, headers: { accept: 'application/json' } }).headers;
  expect(await call('127.0.0.1', '/tenant-allow', signed(foreign, '/tenant-allow'))).toEqual({ status: 200, code: undefined });
  expect(await call('127.0.0.1', '/tenant-allow', signed(own, '/tenant-allow'))).toEqual({ status: 403, code: 'TENANT_DENIED' });
  expect(await call('127.0.0.1', '/tenant-deny', signed(own, '/tenant-deny'))).toEqual({ status: 200, code: undefined });
  expect(await call('127.0.0.1', '/tenant-deny', signed(foreign, '/tenant-deny'))).toEqual({ status: 403, code: 'TENANT_DENIED' });
  expect(await call('127.0.0.1', '/tenant-deny')).toEqual({ status: 401, code: 'AUTH_MISSING' });
  expect(await gw.metrics()).toMatch(/apigw_denied_requests_total\{[^}]*reason="acl_tenant"[^}]*\} 1/);
});

test('a tenant allow list on an API without authentication refuses everybody: no app, no tenant', async () => {
  await withAcl('tenant-open', { type: 'ALLOW', entity_type: 'TENANT', values: ['acme'] });
  expect(await call('127.0.0.1', '/tenant-open')).toEqual({ status: 403, code: 'TENANT_DENIED' });
});
