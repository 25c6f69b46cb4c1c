/**
 * Checks the wrk scripts' pure-Lua SHA-256, HMAC-SHA256 and base64 against node:crypto on inputs of
 * every length from 0 to 200 bytes (all block and padding boundaries), before any request is signed.
 */
'use strict';
const crypto = require('node:crypto');

function input(n, seed) {
  const b = Buffer.alloc(n);
  for (let i = 1; i <= n; i++) b[i - 1] = (i * 31 + seed * 7) % 256;
  return b;
}

/** Throws unless every SELFTEST line of wrk's output matches node:crypto; returns the count checked. */
function checkSelftestOutput(text) {
  const lines = text.split('\n').filter((l) => l.startsWith('SELFTEST '));
  if (lines.length !== 201) throw new Error(`Lua self-test printed ${lines.length} of 201 lines:\n${text.slice(0, 2000)}`);
  for (const line of lines) {
    const [, len, sha, hmac, b64] = line.split(' ');
    const n = Number(len);
    const msg = input(n, 1);
    const want = {
      sha: crypto.createHash('sha256').update(msg).digest('hex'),
      hmac: crypto.createHmac('sha256', input(n % 140, 2)).update(msg).digest('base64'),
      b64: msg.toString('base64'),
    };
    if (sha !== want.sha || hmac !== want.hmac || (b64 ?? '') !== want.b64) {
      throw new Error(`Lua crypto differs from node:crypto at length ${n}: ${line}`);
    }
  }
  return lines.length;
}

module.exports = { checkSelftestOutput };
