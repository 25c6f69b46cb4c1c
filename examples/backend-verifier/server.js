/**
 * A tiny backend that answers only calls signed by apigw, and says who signed them.
 *
 *   APIGW_SIGNATURE_KEY=gw-key APIGW_SIGNATURE_SECRET=backend-secret-0123456789 PORT=9000 node server.js
 *
 * Bind that signature key to an API whose backend is http://127.0.0.1:9000, then call the API through
 * the gateway: 200. Call this server directly: 401.
 */
'use strict';
const http = require('node:http');
const { createVerifier } = require('./verifier');

function createVerifiedServer(options) {
  const verify = createVerifier(options);
  return http.createServer((req, res) => {
    req.resume(); // the body is not covered by the signature; drain it
    const result = verify(req);
    const status = result.ok ? 200 : 401;
    const body = result.ok
      ? { verified: true, key: result.key, signed_headers: result.signedHeaders, request_id: req.headers['x-request-id'] }
      : { verified: false, reason: result.reason };
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
}

if (require.main === module) {
  const key = process.env.APIGW_SIGNATURE_KEY;
  const secret = process.env.APIGW_SIGNATURE_SECRET;
  if (!key || !secret) {
    console.error('set APIGW_SIGNATURE_KEY and APIGW_SIGNATURE_SECRET');
    process.exit(2);
  }
  const port = Number(process.env.PORT || 9000);
  createVerifiedServer({ secrets: { [key]: secret } }).listen(port, () => console.log(`verifying backend on :${port}`));
}

module.exports = { createVerifiedServer };
