/**
 * A client for the X-Ca-* app signature of Alibaba Cloud API Gateway, written from the public
 * description of the scheme (help.aliyun.com "Signature mechanism", the aliyun api-gateway SDKs) and
 * deliberately not from — nor importing — the gateway's verifier, so that the end-to-end tests
 * prove compatibility with the scheme rather than agreement of the gateway with itself.
 *
 *   stringToSign = METHOD \n Accept \n Content-MD5 \n Content-Type \n Date \n
 *                  (lowercase-name ":" value \n, for each signed header sorted by name)
 *                  path [ "?" sorted key[=value] joined by "&" over query + form parameters ]
 *   X-Ca-Signature = Base64(HMAC-SHA256 or HMAC-SHA1(appSecret, stringToSign))
 *
 * Like the SDKs, it signs every `x-ca-*` header it sends unless told which headers to sign.
 */
import crypto from 'node:crypto';

export interface SignOptions {
  method: string;
  /** Path and optional query string, exactly as it will be sent. */
  url: string;
  headers?: Record<string, string>;
  body?: string;
  appKey: string;
  appSecret: string;
  signatureMethod?: 'HmacSHA256' | 'HmacSHA1';
  /** Milliseconds since the epoch; now by default. */
  timestamp?: number;
  /** A fresh UUID by default. */
  nonce?: string;
  /** Header names to sign instead of every x-ca-* header (lowercase). */
  signHeaders?: string[];
  /** Add Content-MD5 of the body (the SDKs do for non-form bodies). */
  contentMd5?: boolean;
}

export interface SignedRequest {
  /** The caller's headers plus the X-Ca-* ones, ready to send. */
  headers: Record<string, string>;
  stringToSign: string;
}

const SPECIAL = ['x-ca-signature', 'x-ca-signature-headers', 'accept', 'content-md5', 'content-type', 'date'];

/** Decodes `a=1&b=&c` the way an HTML form would be; first value of a repeated name kept. */
function parseParameters(text: string, into: Map<string, string>, override: boolean): void {
  const seen = new Set<string>();
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    const name = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decode(pair.slice(eq + 1));
    if (seen.has(name)) continue;
    seen.add(name);
    if (override || !into.has(name)) into.set(name, value);
  }
}

export interface StringToSignParts {
  method: string;
  url: string;
  /** Lowercase names. */
  headers: Record<string, string>;
  signHeaders: string[];
  body?: string;
}

export function stringToSign(parts: StringToSignParts): string {
  const h = parts.headers;
  const [path, query = ''] = parts.url.split(/\?(.*)/s);
  const params = new Map<string, string>();
  parseParameters(query, params, false);
  if (parts.body !== undefined && (h['content-type'] ?? '').toLowerCase().includes('application/x-www-form-urlencoded')) {
    parseParameters(parts.body, params, true);
  }
  const sortedNames = [...params.keys()].sort();
  const resource = sortedNames.length === 0 ? path
    : `${path}?${sortedNames.map((name) => (params.get(name) ? `${name}=${params.get(name)}` : name)).join('&')}`;
  const lines = [parts.method.toUpperCase(), h['accept'] ?? '', h['content-md5'] ?? '', h['content-type'] ?? '', h['date'] ?? ''];
  const signed = [...parts.signHeaders].sort().map((name) => `${name}:${h[name] ?? ''}\n`).join('');
  return `${lines.join('\n')}\n${signed}${resource}`;
}

export function signRequest(o: SignOptions): SignedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(o.headers ?? {})) headers[name.toLowerCase()] = value;
  headers['x-ca-key'] = o.appKey;
  headers['x-ca-timestamp'] = String(o.timestamp ?? Date.now());
  headers['x-ca-nonce'] = o.nonce ?? crypto.randomUUID();
  headers['x-ca-signature-method'] = o.signatureMethod ?? 'HmacSHA256';
  if (o.contentMd5 && o.body !== undefined) headers['content-md5'] = crypto.createHash('md5').update(o.body, 'utf8').digest('base64');
  const signHeaders = (o.signHeaders ?? Object.keys(headers).filter((name) => name.startsWith('x-ca-')))
    .map((name) => name.toLowerCase()).filter((name) => !SPECIAL.includes(name));
  headers['x-ca-signature-headers'] = signHeaders.join(',');
  const text = stringToSign({ method: o.method, url: o.url, headers, signHeaders, body: o.body });
  const algorithm = (o.signatureMethod ?? 'HmacSHA256') === 'HmacSHA1' ? 'sha1' : 'sha256';
  headers['x-ca-signature'] = crypto.createHmac(algorithm, o.appSecret).update(text, 'utf8').digest('base64');
  return { headers, stringToSign: text };
}
