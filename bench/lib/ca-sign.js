/**
 * X-Ca-* request signing (HmacSHA256) in Node, for the checks made before measuring: a signed
 * request must pass, a bad parameter must be refused, a replayed nonce must be refused. Follows the
 * published scheme (docs/authentication.md), written apart from the gateway's verifier; the wrk
 * script bench/wrk/signed.lua builds the same string in Lua.
 */
'use strict';
const crypto = require('node:crypto');

const SIGNED = ['x-ca-key', 'x-ca-nonce', 'x-ca-signature-method', 'x-ca-timestamp'];

function pathAndParameters(target) {
  const [path, query = ''] = target.split('?');
  if (!query) return path;
  const params = new URLSearchParams(query);
  const keys = [...new Set([...params.keys()])].sort();
  return `${path}?${keys.map((k) => (params.get(k) === '' ? k : `${k}=${params.get(k)}`)).join('&')}`;
}

/** Headers of a signed GET of `target` (path and query); `nonce` defaults to a random one. */
function signedHeaders({ host, target, appKey, appSecret, nonce = crypto.randomUUID(), timestamp = Date.now() }) {
  const headers = {
    host, accept: 'application/json',
    'x-ca-key': appKey, 'x-ca-nonce': nonce, 'x-ca-signature-method': 'HmacSHA256', 'x-ca-timestamp': String(timestamp),
    'x-ca-signature-headers': SIGNED.join(','),
  };
  const stringToSign = `GET\n${headers.accept}\n\n\n\n${SIGNED.map((h) => `${h}:${headers[h]}\n`).join('')}${pathAndParameters(target)}`;
  headers['x-ca-signature'] = crypto.createHmac('sha256', appSecret).update(stringToSign, 'utf8').digest('base64');
  return headers;
}

module.exports = { signedHeaders };
