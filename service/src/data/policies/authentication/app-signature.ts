/**
 * Verifies an X-Ca-* app signature: known key, supported method, timestamp inside the window,
 * HMAC over the string to sign (form bodies and Content-MD5 read first, within the body limit),
 * then the nonce — recorded only once the signature holds, so nobody can burn another app's nonces.
 * On a signature mismatch the server's string to sign is echoed (newlines as `#`) in
 * X-Ca-Error-Message, as Alibaba's gateway does: it holds only what the caller sent, never a secret.
 */
import crypto from 'node:crypto';
import type { RuntimeApp } from '../../../shared/runtime-config';
import type { AppIndex } from '../../auth';
import { hasBody, readBody } from '../../auth/body';
import { NONCE_WINDOW_MS } from '../../auth/nonce-store';
import { failure, type CallContext, type Decision, type GatewayFailure } from '../../pipeline/context';
import type { DataServices } from '../../services';
import { buildStringToSign, signedHeaderNames } from './string-to-sign';

/** The HMAC digest X-Ca-Signature-Method names (HmacSHA256 when absent), or undefined. Compared, not looked up: the header is a fresh string per request. */
function algorithmOf(method: string | undefined): string | undefined {
  if (!method || method === 'HmacSHA256') return 'sha256';
  return method === 'HmacSHA1' ? 'sha1' : undefined;
}
const TIMESTAMP = /^\d{1,15}$/;
const FORM = 'application/x-www-form-urlencoded';
const MAX_NONCE_LENGTH = 128;
const UNPRINTABLE = /[^\x20-\x7e]/g;
const MAX_ECHO = 2048;

const MISSING = failure('AUTH_MISSING', 'X-Ca-Key and X-Ca-Signature are required');
const UNKNOWN_KEY = failure('AUTH_INVALID', 'The app key (X-Ca-Key) is not valid');
const BAD_METHOD = failure('AUTH_INVALID', 'X-Ca-Signature-Method must be HmacSHA256 or HmacSHA1');
const NO_TIMESTAMP = failure('AUTH_MISSING', 'X-Ca-Timestamp (milliseconds since the epoch) is required');
const BAD_TIMESTAMP = failure('AUTH_INVALID', 'X-Ca-Timestamp must be milliseconds since the epoch');
const EXPIRED = failure('TIMESTAMP_EXPIRED', 'X-Ca-Timestamp is more than 15 minutes away from the gateway clock');
const NO_NONCE = failure('AUTH_MISSING', `X-Ca-Nonce (at most ${MAX_NONCE_LENGTH} characters) is required`);
const UNSIGNED = failure('SIGNATURE_INVALID', 'X-Ca-Signature-Headers must include x-ca-timestamp and x-ca-nonce');
const BAD_MD5 = failure('SIGNATURE_INVALID', 'Content-MD5 does not match the request body');
const REPLAYED = failure('NONCE_REPLAYED', 'X-Ca-Nonce was already used');

interface Claim {
  app: RuntimeApp;
  algorithm: string;
  signature: string;
  timestamp: number;
  nonce: string;
  signedHeaders: readonly string[];
}

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The header checks that need no HMAC: cheapest refusals first. */
function readClaim(ctx: CallContext, apps: AppIndex, now: number): Claim | GatewayFailure {
  const h = ctx.req.headers;
  const key = one(h['x-ca-key']);
  const signature = one(h['x-ca-signature']);
  if (!key || !signature) return MISSING;
  const app = apps.byKey.get(key);
  if (!app) return UNKNOWN_KEY;
  const algorithm = algorithmOf(one(h['x-ca-signature-method']));
  if (!algorithm) return BAD_METHOD;
  const stamp = one(h['x-ca-timestamp']);
  if (!stamp) return NO_TIMESTAMP;
  if (!TIMESTAMP.test(stamp)) return BAD_TIMESTAMP;
  const timestamp = Number(stamp);
  if (Math.abs(now - timestamp) > NONCE_WINDOW_MS) return EXPIRED;
  const nonce = one(h['x-ca-nonce']);
  if (!nonce || nonce.length > MAX_NONCE_LENGTH) return NO_NONCE;
  const signedHeaders = signedHeaderNames(h['x-ca-signature-headers']);
  // Unsigned, the timestamp and nonce could be replaced by anyone replaying the request.
  if (!signedHeaders.includes('x-ca-timestamp') || !signedHeaders.includes('x-ca-nonce')) return UNSIGNED;
  return { app, algorithm, signature, timestamp, nonce, signedHeaders };
}

function isForm(ctx: CallContext): boolean {
  const type = ctx.req.headers['content-type'];
  return type !== undefined && type.toLowerCase().includes(FORM);
}

/** Each app's secret as a KeyObject, made once per configuration: createHmac then skips encoding the key string per request. */
const secretKeys = new WeakMap<RuntimeApp, crypto.KeyObject>();

function secretKeyOf(app: RuntimeApp): crypto.KeyObject {
  let key = secretKeys.get(app);
  if (!key) {
    key = crypto.createSecretKey(Buffer.from(app.secret, 'utf8'));
    secretKeys.set(app, key);
  }
  return key;
}

/**
 * Compares base64 texts without decoding the caller's (cheaper than Buffer + timingSafeEqual on the
 * hot path) and without an early exit, so the time taken does not tell how much of a guess was right.
 */
function signatureMatches(claim: Claim, stringToSign: string): boolean {
  const expected = crypto.createHmac(claim.algorithm, secretKeyOf(claim.app)).update(stringToSign, 'utf8').digest('base64');
  const given = claim.signature;
  if (given.length !== expected.length) return false;
  let difference = 0;
  for (let i = 0; i < expected.length; i++) difference |= given.charCodeAt(i) ^ expected.charCodeAt(i);
  return difference === 0;
}

function mismatch(stringToSign: string): Decision {
  const echo = stringToSign.replaceAll('\n', '#').replace(UNPRINTABLE, '?').slice(0, MAX_ECHO);
  return failure('SIGNATURE_INVALID', undefined, { 'x-ca-error-message': `Server StringToSign:\`${echo}\`` });
}

function admit(ctx: CallContext, app: RuntimeApp, fresh: boolean): Decision {
  if (!fresh) return REPLAYED;
  ctx.app = app;
  return undefined;
}

/** Everything after the header checks: Content-MD5, the HMAC, then the nonce. */
function verify(claim: Claim, ctx: CallContext, services: DataServices, body?: Buffer): Decision | Promise<Decision> {
  const md5 = one(ctx.req.headers['content-md5']);
  if (md5 && crypto.createHash('md5').update(body ?? '').digest('base64') !== md5) return BAD_MD5;
  const form = body && isForm(ctx) ? new URLSearchParams(body.toString('utf8')) : undefined;
  const stringToSign = buildStringToSign({
    method: ctx.method, headers: ctx.req.headers, signedHeaders: claim.signedHeaders, path: ctx.path, query: ctx.query, form,
  });
  if (!signatureMatches(claim, stringToSign)) return mismatch(stringToSign);
  const fresh = services.auth.nonces.claim(claim.app.key, claim.nonce, claim.timestamp, services.now());
  return typeof fresh === 'boolean' ? admit(ctx, claim.app, fresh) : fresh.then((ok) => admit(ctx, claim.app, ok));
}

export function createSignatureCheck(apps: AppIndex, services: DataServices): (ctx: CallContext) => Decision | Promise<Decision> {
  return (ctx) => {
    const claim = readClaim(ctx, apps, services.now());
    if ('code' in claim) return claim;
    const needsBody = (isForm(ctx) || ctx.req.headers['content-md5'] !== undefined) && hasBody(ctx.req);
    if (!needsBody) return verify(claim, ctx, services);
    return readBody(ctx.req, services.options.maxBodyBytes).then((body) => {
      if (!Buffer.isBuffer(body)) return body;
      ctx.body = body;
      return verify(claim, ctx, services, body);
    });
  };
}
