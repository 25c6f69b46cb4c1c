/**
 * Backend signing: the canonical string against the worked example of docs/backend-signing.md (its
 * signature computed with openssl, not with this code), and the signers on fabricated requests.
 */
import crypto from 'node:crypto';
import type { ApiDefinition, PublishedApi, SignatureKeyRule } from '../../shared/runtime-config';
import type { CompiledApi } from '../config/compiled';
import type { CallContext } from '../pipeline/context';
import type { OutgoingRequest } from './outgoing';
import { signBackendRequest } from './signing';
import { canonicalQuery, stringToSign } from './signing/canonical';

const SECRET = 'backend-secret-0123456789';
const EXAMPLE_HEADERS = {
  'content-type': 'application/json', 'x-app-id': 'app-123', 'x-forwarded-for': '203.0.113.7', 'x-request-id': 'req-1', accept: '*/*',
};

test('the documented worked example', () => {
  const text = stringToSign({
    method: 'GET', path: '/v1/orders/42', query: 'b=2&a=3&a=1&c', timestamp: '1700000000000',
    nonce: 'c9f1e3b2-0d6a-4c1e-9a57-2f7f4b9d1e10', key: 'gw-key',
    signedHeaders: ['content-type', 'x-app-id', 'x-forwarded-for', 'x-request-id'], headers: EXAMPLE_HEADERS,
  });
  expect(text).toBe([
    'HMAC-SHA256', 'GET', '/v1/orders/42', 'a=1&a=3&b=2&c', '1700000000000', 'c9f1e3b2-0d6a-4c1e-9a57-2f7f4b9d1e10', 'gw-key',
    'content-type,x-app-id,x-forwarded-for,x-request-id',
    'content-type:application/json', 'x-app-id:app-123', 'x-forwarded-for:203.0.113.7', 'x-request-id:req-1',
  ].join('\n'));
  expect(crypto.createHmac('sha256', SECRET).update(text).digest('base64')).toBe('wnBQmFYJwwZ6Y6Do2XDMAuKhAfekaew32ne6k2qCypA=');
});

test('the query is sorted as sent, by name then pair, empty pairs dropped', () => {
  expect(canonicalQuery('')).toBe('');
  expect(canonicalQuery('z=%20x&a.b=1&a=2&&a=10&a')).toBe('a&a=10&a=2&a.b=1&z=%20x');
});

function signed(rule: SignatureKeyRule | undefined, out: OutgoingRequest, extra: Partial<CallContext> = {}): OutgoingRequest {
  const definition = { backend_parameters: [{ name: 'X-App-Id', location: 'HEADER', origin: 'SYSTEM', value: 'app_id' }] } as unknown as ApiDefinition;
  const api = { definition, published: { signature_key: rule } as PublishedApi } as CompiledApi;
  signBackendRequest({ api, ...extra } as CallContext, out);
  return out;
}

const request = (): OutgoingRequest => ({ method: 'POST', path: '/orders?b=2&a=1', headers: { ...EXAMPLE_HEADERS, 'x-client': 'unsigned' } });

test('HMAC adds the signature headers over the canonical request', () => {
  const out = signed({ id: 'sk', type: 'HMAC', key: 'gw-key', secret: SECRET }, request());
  const h = out.headers as Record<string, string>;
  expect(h['x-apigw-signature-method']).toBe('HMAC-SHA256');
  expect(h['x-apigw-signature-key']).toBe('gw-key');
  expect(Math.abs(Number(h['x-apigw-signature-timestamp']) - Date.now())).toBeLessThan(5000);
  expect(h['x-apigw-signature-nonce']).toMatch(/^[0-9a-f-]{36}$/);
  expect(h['x-apigw-signature-headers']).toBe('content-type,x-app-id,x-forwarded-for,x-request-id');
  const text = ['HMAC-SHA256', 'POST', '/orders', 'a=1&b=2', h['x-apigw-signature-timestamp'], h['x-apigw-signature-nonce'], 'gw-key',
    h['x-apigw-signature-headers'], 'content-type:application/json', 'x-app-id:app-123', 'x-forwarded-for:203.0.113.7', 'x-request-id:req-1'].join('\n');
  expect(h['x-apigw-signature']).toBe(crypto.createHmac('sha256', SECRET).update(text).digest('base64'));
  const again = signed({ id: 'sk', type: 'HMAC', key: 'gw-key', secret: SECRET }, request());
  expect(again.headers['x-apigw-signature-nonce']).not.toBe(h['x-apigw-signature-nonce']);
});

test('headers an authorizer adds are signed too', () => {
  const out = request();
  out.headers['x-user'] = 'alice';
  signed({ id: 'sk', type: 'HMAC', key: 'gw-key', secret: SECRET }, out, { authorizerParams: [{ location: 'HEADER', name: 'X-User', value: 'alice' }] });
  expect(out.headers['x-apigw-signature-headers']).toBe('content-type,x-app-id,x-forwarded-for,x-request-id,x-user');
});

test('BASIC sets HTTP basic credentials; no key bound changes nothing', () => {
  const out = signed({ id: 'sk', type: 'BASIC', key: 'gateway', secret: 'pa:ss-word' }, request());
  expect(out.headers.authorization).toBe(`Basic ${Buffer.from('gateway:pa:ss-word').toString('base64')}`);
  expect(out.headers['x-apigw-signature']).toBeUndefined();
  const untouched = request();
  expect(signed(undefined, untouched)).toEqual(request());
});
