/**
 * JWT authorizers end to end: a shared secret (HS256), a PEM public key (RS256) and a JWKS served by
 * a loopback server (ES256, keys by kid). Good tokens pass with their claims mapped to backend
 * parameters and usable by policy backends; expired, wrong issuer or audience, bad signature,
 * disallowed algorithm, unknown kid and missing tokens are refused with their codes.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { startEchoBackend, type EchoBackend } from '../support/echo-backend';
import { startGateway, type Gateway } from '../support/gateway';

const SECRET = 'jwt-shared-secret-0123456789abcdef';
const ISSUER = 'https://issuer.test';
const AUDIENCE = 'orders-api';
const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });

let gw: Gateway;
let backend: EchoBackend;
let jwks: http.Server;
let jwksFetches = 0;
let host: string;

beforeAll(async () => {
  backend = await startEchoBackend();
  jwks = http.createServer((_req, res) => {
    jwksFetches++;
    const key = { ...ec.publicKey.export({ format: 'jwk' }), kid: 'ec-1', use: 'sig', alg: 'ES256' };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [key] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  gw = await startGateway();
  const g = await gw.group('jwt');
  host = g.host;
  const claims = [{ claim: 'sub', parameter_name: 'X-User' }, { claim: 'plan', parameter_name: 'plan', location: 'QUERY' }, { claim: 'roles', parameter_name: 'X-Roles' }];
  const common = { issuer: ISSUER, audience: AUDIENCE, claims_to_parameters: claims };
  const authorizers = {
    hs: { secret: SECRET, algorithms: ['HS256'], ...common },
    rs: { public_key_pem: rsa.publicKey.export({ type: 'spki', format: 'pem' }), algorithms: ['RS256'], ...common },
    es: { jwks_uri: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`, algorithms: ['ES256'], ...common },
  };
  for (const [name, settings] of Object.entries(authorizers)) {
    const az = await gw.admin('POST', '/authorizers', { name, type: 'JWT', jwt: settings });
    await gw.publish(g.id, {
      name, request: { method: 'GET', path: `/${name}` }, auth_type: 'AUTHORIZER', authorizer_id: az.id, backend: { type: 'HTTP', address: backend.url },
      policy_backends: [{ name: 'vip', conditions: [{ source: 'JWT_CLAIM', parameter_name: 'plan', value: 'gold' }], backend: { type: 'MOCK', mock_body: 'vip lane' } }],
    });
  }
  const query = await gw.admin('POST', '/authorizers', { name: 'query', type: 'JWT', identity_sources: [{ location: 'QUERY', name: 'token' }], jwt: { secret: SECRET, algorithms: ['HS256'] } });
  await gw.publish(g.id, { name: 'query', request: { method: 'GET', path: '/query' }, auth_type: 'AUTHORIZER', authorizer_id: query.id, backend: { type: 'HTTP', address: backend.url } });
  const backendOnly = await gw.admin('POST', '/authorizers', { name: 'backend-only', type: 'JWT', target: 'BACKEND', jwt: { secret: SECRET, algorithms: ['HS256'] } });
  await gw.publish(g.id, { name: 'misbound', request: { method: 'GET', path: '/misbound' }, auth_type: 'AUTHORIZER', authorizer_id: backendOnly.id, backend: { type: 'HTTP', address: backend.url } });
});
afterAll(async () => {
  await gw.close();
  await backend.close();
  jwks.closeAllConnections();
  await new Promise((resolve) => jwks.close(resolve));
});
beforeEach(() => { backend.received.length = 0; });

const payload = { sub: 'alice', plan: 'silver', roles: ['reader', 'writer'] };
const hs = (claims: object = payload, options: jwt.SignOptions = {}) => jwt.sign(claims, SECRET, { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE, expiresIn: 60, ...options });
const rs = (claims: object = payload, options: jwt.SignOptions = {}) => jwt.sign(claims, rsa.privateKey, { algorithm: 'RS256', issuer: ISSUER, audience: AUDIENCE, expiresIn: 60, ...options });
const es = (claims: object = payload, options: jwt.SignOptions = {}) => jwt.sign(claims, ec.privateKey, { algorithm: 'ES256', issuer: ISSUER, audience: AUDIENCE, expiresIn: 60, keyid: 'ec-1', ...options });
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

test('good tokens pass with secret, public key and JWKS; claims reach the backend as parameters', async () => {
  for (const [path, token] of [['/hs', hs()], ['/rs', rs()], ['/es', es()]]) {
    const res = await gw.call(host, path, bearer(token));
    expect([path, res.status]).toEqual([path, 200]);
  }
  for (const seen of backend.received) {
    expect(seen.headers['x-user']).toBe('alice');
    expect(seen.headers['x-roles']).toBe('["reader","writer"]');
    expect(seen.query.plan).toBe('silver');
  }
  expect(jwksFetches).toBe(1);
  expect((await gw.call(host, '/es', bearer(es()))).status).toBe(200);
  expect(jwksFetches).toBe(1); // cached by kid
});

test('claims drive policy backends', async () => {
  const res = await gw.call(host, '/rs', bearer(rs({ ...payload, plan: 'gold' })));
  expect([res.status, res.text]).toEqual([200, 'vip lane']);
});

test('expired, wrong issuer, wrong audience and not-yet-valid tokens are AUTH_INVALID', async () => {
  const cases: Array<[string, string, string]> = [
    ['/hs', hs(payload, { expiresIn: -10 }), 'expired'],
    ['/rs', rs(payload, { issuer: 'https://evil.test' }), 'issuer'],
    ['/es', es(payload, { audience: 'other-api' }), 'audience'],
    ['/hs', hs(payload, { notBefore: 3600 }), 'not valid yet'],
  ];
  for (const [path, token, why] of cases) {
    const res = await gw.call(host, path, bearer(token));
    expect([path, res.status, res.json.error_code]).toEqual([path, 401, 'AUTH_INVALID']);
    expect(res.json.error_msg).toContain(why);
    expect(res.json.error_msg).not.toContain(AUDIENCE);
  }
  expect(backend.received).toHaveLength(0);
});

test('bad signatures, disallowed algorithms and unknown keys are AUTH_INVALID; no token is AUTH_MISSING', async () => {
  const forged = jwt.sign(payload, 'another-secret-0123456789abcdef', { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE });
  const other = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const cases: Array<[string, string]> = [
    ['/hs', forged],
    ['/rs', jwt.sign(payload, crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, { algorithm: 'RS256', issuer: ISSUER, audience: AUDIENCE })],
    ['/rs', hs()], // HS256 where only RS256 is accepted (the classic algorithm confusion)
    ['/es', jwt.sign(payload, other.privateKey, { algorithm: 'ES256', issuer: ISSUER, audience: AUDIENCE, keyid: 'ec-1' })],
    ['/es', es(payload, { keyid: 'unknown-kid' })],
    ['/hs', 'not.a.jwt'],
  ];
  for (const [path, token] of cases) {
    const res = await gw.call(host, path, bearer(token));
    expect([path, res.status, res.json.error_code]).toEqual([path, 401, 'AUTH_INVALID']);
  }
  const none = await gw.call(host, '/hs');
  expect([none.status, none.json.error_code]).toEqual([401, 'AUTH_MISSING']);
  expect(backend.received).toHaveLength(0);
});

test('identity sources: a token can come from a query parameter', async () => {
  const token = jwt.sign({ sub: 'bob' }, SECRET, { algorithm: 'HS256' });
  expect((await gw.call(host, `/query?token=${token}`)).status).toBe(200);
  expect((await gw.call(host, '/query', bearer(token))).json.error_code).toBe('AUTH_MISSING');
});

test('an authorizer that cannot authenticate callers fails its API only, with AUTHORIZER_FAILURE', async () => {
  const res = await gw.call(host, '/misbound', bearer(hs()));
  expect([res.status, res.json.error_code]).toEqual([500, 'AUTHORIZER_FAILURE']);
  expect((await gw.call(host, '/hs', bearer(hs()))).status).toBe(200);
});
