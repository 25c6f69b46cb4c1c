/**
 * Checks made before anything is measured, so a fast error page is never mistaken for speed: every
 * scenario answers 200 through its proxy; the full-pipeline API refuses unsigned calls, invalid
 * parameters and replayed nonces, passes a signed call, maps its parameters and counts it against
 * the bound throttling policy (seen in debug mode); and the wrk Lua signer is accepted by the real
 * gateway.
 */
'use strict';
const { signedHeaders } = require('./ca-sign');
const { httpGet } = require('./http-get');
const { runWrk } = require('./wrk');
const { waitUntil } = require('./apigw');

class AuthNotActive extends Error {}

function portOf(url) {
  return Number(new URL(url).port);
}

/** Waits (bounded: publishing thousands of APIs takes a while to reach the proxy) for a 200. */
async function answers200(scenario, headers, path) {
  const port = portOf(scenario.url);
  let last;
  await waitUntil(`${scenario.id} to answer 200 on ${path}`, async () => {
    last = await httpGet(port, path, headers);
    return last.status === 200;
  }, 180_000).catch((error) => {
    throw new Error(`${error.message} (last answer: ${last ? `${last.status} ${last.body.slice(0, 300)}` : 'none'})`);
  });
  return last;
}

async function checkFullPipeline(scenario, load) {
  const port = portOf(scenario.url);
  const { host, appKey, appSecret } = scenario.gateway.apis;
  const sign = (target, nonce) => signedHeaders({ host, target, appKey, appSecret, nonce });
  const ok = sign(scenario.target);
  const passed = await answers200(scenario, ok, scenario.target);
  const saw = String(passed.headers['x-upstream-saw'] ?? '');
  if (!/^item=1 m=fast limit=10 source=bench rid=\S+$/.test(saw)) throw new Error(`${scenario.id}: parameter mapping not as configured: upstream saw "${saw}"`);
  const unsigned = await httpGet(port, scenario.target, { host });
  if (unsigned.status === 200) throw new AuthNotActive(`${scenario.id}: an unsigned call was answered 200: this build verifies no app signatures`);
  if (unsigned.status !== 401) throw new Error(`${scenario.id}: unsigned call answered ${unsigned.status}, expected 401: ${unsigned.body}`);
  const replay = await httpGet(port, scenario.target, ok);
  if (replay.status < 400) throw new Error(`${scenario.id}: a replayed nonce was answered ${replay.status}`);
  const badTarget = scenario.target.replace('mode=fast', 'mode=bogus');
  const bad = await httpGet(port, badTarget, sign(badTarget));
  if (bad.status !== 400) throw new Error(`${scenario.id}: an invalid enum value answered ${bad.status}, expected 400: ${bad.body}`);
  const debug = await httpGet(port, scenario.target, { ...sign(scenario.target), 'x-apig-mode': 'debug' });
  const left = Number(debug.headers['x-apig-ratelimit-api-remaining']);
  if (debug.status !== 200 || !(left > 0 && left < 100_000_000)) {
    throw new Error(`${scenario.id}: the bound throttling policy does not count calls (debug answer ${debug.status}, API remaining "${debug.headers['x-apig-ratelimit-api-remaining']}")`);
  }
  const lua = await runWrk(scenario, { ...load, connections: 1, threads: 1, seconds: 1 });
  if (lua.requests === 0 || lua.non2xx !== 0) {
    throw new Error(`${scenario.id}: the wrk Lua signer was refused (${lua.non2xx} of ${lua.requests} non-2xx)`);
  }
  return `unsigned ${unsigned.status}, replay ${replay.status}, bad enum ${bad.status}, signed 200 (upstream saw "${saw}"; ` +
    `throttling: ${left} left this second), Lua signer ${lua.requests}/${lua.requests} 200`;
}

/** Checks one scenario; resolves with a one-line account of what was verified. */
async function checkScenario(scenario, load) {
  if (scenario.api === 'full') return checkFullPipeline(scenario, load);
  const headers = scenario.env.BENCH_HOST ? { host: scenario.env.BENCH_HOST } : {};
  const url = new URL(scenario.url);
  const res = await answers200(scenario, headers, url.pathname + url.search);
  if (res.body !== 'ok\n') throw new Error(`${scenario.id}: unexpected body ${JSON.stringify(res.body)}`);
  return '200 ok';
}

module.exports = { checkScenario, AuthNotActive };
