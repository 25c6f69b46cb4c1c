/**
 * The signer of one API's backend requests, built once per configuration from its signature key:
 * HMAC adds the X-Apigw-Signature-* headers over the canonical request; BASIC sets HTTP basic
 * credentials. What can be precomputed (key object, header list, basic credentials) is.
 */
import crypto from 'node:crypto';
import type { ApiDefinition, SignatureKeyRule } from '../../../shared/runtime-config';
import type { CallContext } from '../../pipeline/context';
import type { OutgoingRequest } from '../outgoing';
import { ALGORITHM, SIGNATURE_HEADERS as H, stringToSign } from './canonical';

export type Signer = (ctx: CallContext, out: OutgoingRequest) => void;

/**
 * Always signed when present: what the gateway vouches for (request id, client address) and what
 * describes the body. Headers the API's backend parameters set (constants, system parameters such as
 * the app id or source IP, mapped request parameters) and an authorizer's headers are added, since
 * backends trust exactly those.
 */
const BASE_SIGNED = ['content-md5', 'content-type', 'x-forwarded-for', 'x-request-id'];
const NEVER_SIGNED = new Set<string>([...Object.values(H), 'host', 'connection', 'content-length', 'transfer-encoding']);

function candidateHeaders(def: ApiDefinition): string[] {
  const mapped = def.backend_parameters.filter((p) => p.location === 'HEADER').map((p) => p.name.toLowerCase());
  return [...new Set([...BASE_SIGNED, ...mapped])].filter((n) => !NEVER_SIGNED.has(n)).sort();
}

function signedHeaders(candidates: readonly string[], ctx: CallContext, out: OutgoingRequest): string[] {
  const names = candidates.filter((n) => out.headers[n] !== undefined);
  const extra = ctx.authorizerParams?.filter((p) => p.location === 'HEADER').map((p) => p.name.toLowerCase());
  if (!extra?.length) return names;
  return [...new Set([...names, ...extra])].filter((n) => out.headers[n] !== undefined && !NEVER_SIGNED.has(n)).sort();
}

function hmacSigner(rule: SignatureKeyRule, def: ApiDefinition): Signer {
  const secret = crypto.createSecretKey(Buffer.from(rule.secret, 'utf8'));
  const candidates = candidateHeaders(def);
  return (ctx, out) => {
    const q = out.path.indexOf('?');
    const names = signedHeaders(candidates, ctx, out);
    const timestamp = String(Date.now());
    const nonce = crypto.randomUUID();
    const text = stringToSign({
      method: out.method, path: q < 0 ? out.path : out.path.slice(0, q), query: q < 0 ? '' : out.path.slice(q + 1),
      timestamp, nonce, key: rule.key, signedHeaders: names, headers: out.headers,
    });
    const h = out.headers;
    h[H.method] = ALGORITHM;
    h[H.key] = rule.key;
    h[H.timestamp] = timestamp;
    h[H.nonce] = nonce;
    h[H.headers] = names.join(',');
    h[H.signature] = crypto.createHmac('sha256', secret).update(text, 'utf8').digest('base64');
  };
}

function basicSigner(rule: SignatureKeyRule): Signer {
  const credentials = `Basic ${Buffer.from(`${rule.key}:${rule.secret}`, 'utf8').toString('base64')}`;
  return (_ctx, out) => { out.headers.authorization = credentials; };
}

export function compileSigner(rule: SignatureKeyRule, def: ApiDefinition): Signer {
  return rule.type === 'BASIC' ? basicSigner(rule) : hmacSigner(rule, def);
}
