/**
 * The canonical form of a backend request that the gateway signs and the backend recomputes
 * (docs/backend-signing.md is the specification; keep the two in step). Everything is taken exactly
 * as it goes on the wire, never decoded or re-encoded, so any HTTP stack can rebuild it from the raw
 * request line and headers.
 */

export const ALGORITHM = 'HMAC-SHA256';

export const SIGNATURE_HEADERS = {
  method: 'x-apigw-signature-method',
  key: 'x-apigw-signature-key',
  timestamp: 'x-apigw-signature-timestamp',
  nonce: 'x-apigw-signature-nonce',
  headers: 'x-apigw-signature-headers',
  signature: 'x-apigw-signature',
} as const;

export interface SignedRequest {
  method: string;
  /** Path as on the request line, without the query. */
  path: string;
  /** Raw query string without `?`, or ''. */
  query: string;
  timestamp: string;
  nonce: string;
  key: string;
  /** Lowercase names, sorted, each present in `headers`. */
  signedHeaders: readonly string[];
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

const nameOf = (pair: string): string => {
  const eq = pair.indexOf('=');
  return eq < 0 ? pair : pair.slice(0, eq);
};

/** Query pairs as sent (still percent-encoded), empty ones dropped, sorted by name then by the whole pair. */
export function canonicalQuery(raw: string): string {
  if (raw === '') return '';
  const pairs = raw.split('&').filter((p) => p !== '');
  if (pairs.length < 2) return pairs.join('&');
  return pairs.sort((a, b) => {
    const an = nameOf(a);
    const bn = nameOf(b);
    if (an !== bn) return an < bn ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }).join('&');
}

/** A header's value as a backend reads it: repeated values joined by ", ", surrounding blanks trimmed. */
export function headerValue(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value.join(', ') : value ?? '').trim();
}

export function stringToSign(r: SignedRequest): string {
  const lines = [
    ALGORITHM, r.method.toUpperCase(), r.path, canonicalQuery(r.query), r.timestamp, r.nonce, r.key, r.signedHeaders.join(','),
  ];
  for (const name of r.signedHeaders) lines.push(`${name}:${headerValue(r.headers[name])}`);
  return lines.join('\n');
}
