/**
 * Verifies that a request came through apigw, signed with a backend signature key (HMAC scheme of
 * docs/backend-signing.md). Plain Node.js, no dependencies: copy this file into your backend.
 *
 *   const { createVerifier } = require('./verifier');
 *   const verify = createVerifier({ secrets: { 'my-key': process.env.APIGW_SIGNATURE_SECRET } });
 *   const result = verify(req); // req: { method, url, headers } — a node:http IncomingMessage works
 *   if (!result.ok) { res.writeHead(401); return res.end(result.reason); }
 */
'use strict';
const crypto = require('node:crypto');

const ALGORITHM = 'HMAC-SHA256';
const H = {
  method: 'x-apigw-signature-method',
  key: 'x-apigw-signature-key',
  timestamp: 'x-apigw-signature-timestamp',
  nonce: 'x-apigw-signature-nonce',
  headers: 'x-apigw-signature-headers',
  signature: 'x-apigw-signature',
};

const nameOf = (pair) => (pair.includes('=') ? pair.slice(0, pair.indexOf('=')) : pair);

/** Query pairs exactly as received, empty ones dropped, sorted by name and then by the whole pair. */
function canonicalQuery(raw) {
  const pairs = raw.split('&').filter((p) => p !== '');
  pairs.sort((a, b) => {
    const an = nameOf(a);
    const bn = nameOf(b);
    if (an !== bn) return an < bn ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return pairs.join('&');
}

function headerValue(value) {
  return (Array.isArray(value) ? value.join(', ') : value === undefined ? '' : String(value)).trim();
}

/** The string the gateway signed, rebuilt from what this backend received. */
function stringToSign(req, signedHeaders) {
  const url = req.url || '/';
  const q = url.indexOf('?');
  const h = req.headers;
  const lines = [
    ALGORITHM, String(req.method).toUpperCase(), q < 0 ? url : url.slice(0, q), canonicalQuery(q < 0 ? '' : url.slice(q + 1)),
    headerValue(h[H.timestamp]), headerValue(h[H.nonce]), headerValue(h[H.key]), signedHeaders.join(','),
  ];
  for (const name of signedHeaders) lines.push(`${name}:${headerValue(h[name])}`);
  return lines.join('\n');
}

function sameSignature(expected, given) {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** Remembers nonces until their timestamp leaves the accepted window. */
function nonceMemory(windowMs) {
  const seen = new Map();
  return (nonce, timestamp, now) => {
    for (const [n, expires] of seen) {
      if (expires > now) break; // insertion order is roughly time order
      seen.delete(n);
    }
    if (seen.has(nonce)) return false;
    seen.set(nonce, timestamp + windowMs);
    return true;
  };
}

/**
 * options.secrets: { key: secret } or (key) => secret | undefined.
 * options.maxSkewMs: accepted distance between the signature timestamp and now (default 5 minutes).
 * options.rejectReplays: remember nonces and refuse a second use (default true; per process).
 * options.requiredHeaders: lowercase header names that must be among the signed ones (e.g. x-app-id).
 */
function createVerifier(options) {
  const table = options.secrets;
  const lookup = typeof table === 'function' ? table : (key) => (Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined);
  const maxSkewMs = options.maxSkewMs === undefined ? 5 * 60 * 1000 : options.maxSkewMs;
  const fresh = options.rejectReplays === false ? null : nonceMemory(maxSkewMs);
  const required = options.requiredHeaders || [];
  const fail = (reason) => ({ ok: false, reason });

  return function verify(req, now = Date.now()) {
    const h = req.headers;
    const key = h[H.key];
    const signature = h[H.signature];
    const timestamp = headerValue(h[H.timestamp]);
    if (typeof key !== 'string' || typeof signature !== 'string' || timestamp === '') return fail('missing signature headers');
    if (h[H.method] !== undefined && h[H.method] !== ALGORITHM) return fail('unsupported signature method');
    const secret = lookup(key);
    if (!secret) return fail('unknown signature key');
    if (!/^\d{1,15}$/.test(timestamp) || Math.abs(now - Number(timestamp)) > maxSkewMs) return fail('timestamp outside the accepted window');
    const listed = headerValue(h[H.headers]);
    const signedHeaders = listed === '' ? [] : listed.split(',');
    const missing = required.find((name) => !signedHeaders.includes(name));
    if (missing) return fail(`header ${missing} is not signed`);
    const expected = crypto.createHmac('sha256', secret).update(stringToSign(req, signedHeaders), 'utf8').digest('base64');
    if (!sameSignature(expected, signature)) return fail('signature mismatch');
    const nonce = headerValue(h[H.nonce]);
    if (fresh && nonce !== '' && !fresh(nonce, Number(timestamp), now)) return fail('nonce already used');
    return { ok: true, key, signedHeaders };
  };
}

/** For keys of type BASIC: the gateway sends `Authorization: Basic base64(key:secret)`. */
function verifyBasic(req, key, secret) {
  const expected = `Basic ${Buffer.from(`${key}:${secret}`, 'utf8').toString('base64')}`;
  return sameSignature(expected, headerValue(req.headers.authorization));
}

module.exports = { createVerifier, verifyBasic, stringToSign, canonicalQuery };
