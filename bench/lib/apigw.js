/**
 * apigw as the benchmark runs it: the built service (`service/bin/apigw.js serve`, with the node
 * flags of its shebang line) on a fresh SQLite data directory, pinned to the server core, configured
 * only through its management API with a token from `apigw token create`, exactly as an operator would.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { httpRequest } = require('./http-get');
const { startPinned, freePort, waitForPort, sleep } = require('./processes');

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'service', 'bin', 'apigw.js');
const TENANT = 'bench';
/** The node flags apigw ships with (its shebang line): the bench starts node itself, to pin it and pick its binary. */
const SHIPPED_NODE_FLAGS = fs.readFileSync(BIN, 'utf8').split('\n', 1)[0].split(/\s+/).filter((word) => word.startsWith('--'));

/**
 * Starts one apigw process. `accessLog`: where the JSON access log (stdout) goes, or false.
 * `nodeArgs`: extra node flags (e.g. --cpu-prof). Resolves with { entry, pid, proxyPort, admin }.
 */
async function startApigw(name, { dir, core, accessLog = false, nodeArgs = [], apiQuota = 20000, groupQuota = 1000 }) {
  const dataDir = path.join(dir, `${name}-data`);
  fs.mkdirSync(dataDir, { recursive: true });
  const [adminPort, proxyPort] = [await freePort(), await freePort()];
  const env = {
    APIGW_DATA_DIR: dataDir,
    APIGW_ADMIN_PORT: String(adminPort),
    APIGW_PROXY_PORT: String(proxyPort),
    APIGW_PROXY_HOST: '127.0.0.1',
    APIGW_PROXY_TLS_PORT: '0',
    APIGW_ACCESS_LOG: accessLog ? 'true' : 'false',
    APIGW_LOG_LEVEL: 'warn',
    // The no-auth API measures the bare pipeline: no default per-second limit (0 disables it; the
    // full-pipeline API has its own bound throttling policy, which is counted on every call).
    APIGW_DEFAULT_RATE_LIMIT: '0',
    APIGW_QUOTA_APIS_PER_TENANT: String(apiQuota),
    APIGW_QUOTA_GROUPS_PER_TENANT: String(groupQuota),
    APIGW_MAX_IMPORT_BYTES: String(32 * 1024 * 1024),
    DATABASE_URL: '',
    REDIS_URL: '',
  };
  // Creating the token first also generates the data directory's keys, which `serve` then reads.
  const token = execFileSync(process.execPath, [BIN, 'token', 'create', '--tenant', TENANT], { env: { ...process.env, ...env } }).toString().trim();
  const entry = startPinned(name, core, process.execPath, [...SHIPPED_NODE_FLAGS, ...nodeArgs, BIN, 'serve'], {
    env, cwd: dir, stdout: accessLog || 'ignore',
  });
  if (nodeArgs.length) entry.graceMs = 30_000;
  await waitForPort(adminPort, 60_000, entry);
  await waitForPort(proxyPort, 60_000, entry);
  return { name, entry, pid: entry.pid, proxyPort, admin: adminClient(adminPort, token) };
}

function adminClient(port, token) {
  return async function admin(method, urlPath, body, { timeoutMs = 60_000 } = {}) {
    const res = await httpRequest(port, method, `/v1${urlPath}`, {
      authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    }, body === undefined ? undefined : JSON.stringify(body), timeoutMs);
    if (res.status >= 300) throw new Error(`${method} ${urlPath} → ${res.status} ${res.body.slice(0, 2000)}`);
    return res.body ? JSON.parse(res.body) : undefined;
  };
}

/** The full pipeline's API: app signature, validated and mapped parameters (see README.md). */
function fullApi(groupId, upstream) {
  return {
    group_id: groupId, name: 'bench-full', description: 'make bench: the full pipeline',
    request: { method: 'GET', path: '/full/{id}' },
    auth_type: 'APP',
    parameters: [
      { name: 'id', location: 'PATH', type: 'INTEGER', required: true, minimum: 1, maximum: 1000000000 },
      { name: 'mode', location: 'QUERY', type: 'STRING', required: true, enum: ['fast', 'thorough'] },
      { name: 'limit', location: 'QUERY', type: 'INTEGER', minimum: 1, maximum: 100, default_value: '10' },
    ],
    backend: { type: 'HTTP', address: upstream, path: '/mapped/items', method: 'GET', timeout_ms: 5000 },
    backend_parameters: [
      { name: 'X-Item-Id', location: 'HEADER', origin: 'REQUEST', value: 'id' },
      { name: 'm', location: 'QUERY', origin: 'REQUEST', value: 'mode' },
      { name: 'limit', location: 'QUERY', origin: 'REQUEST', value: 'limit' },
      { name: 'X-Source', location: 'HEADER', origin: 'CONSTANT', value: 'bench' },
      { name: 'X-Gateway-Request-Id', location: 'HEADER', origin: 'SYSTEM', value: 'request_id' },
    ],
  };
}

/**
 * Declares the two benchmarked APIs and publishes them in RELEASE: GET /bench/{id} without auth,
 * and GET /full/{id} with the full pipeline (plus a throttling policy bound with a limit that never
 * triggers, an app and its authorization). Resolves with what the wrk scripts need.
 */
async function configureApis(admin, upstream) {
  const stageId = (await admin('GET', '/stages?name=RELEASE')).items[0].id;
  const group = await admin('POST', '/groups', { name: 'bench', description: 'make bench' });
  const noAuth = await admin('POST', '/apis', {
    group_id: group.id, name: 'bench-noauth', request: { method: 'GET', path: '/bench/{id}' },
    parameters: [{ name: 'id', location: 'PATH', required: true }],
    backend: { type: 'HTTP', address: upstream, path: '/', method: 'GET', timeout_ms: 5000 },
  });
  const full = await admin('POST', '/apis', fullApi(group.id, upstream));
  for (const api of [noAuth, full]) await admin('POST', '/deployments', { api_id: api.id, stage_id: stageId });
  const policy = await admin('POST', '/throttling-policies', { name: 'bench-never', time_unit: 'SECOND', api_limit: 100_000_000 });
  await admin('POST', '/throttling-bindings', { policy_id: policy.id, api_id: full.id, stage_id: stageId });
  const app = await admin('POST', '/apps', { name: 'bench-client' });
  await admin('POST', '/app-authorizations', { app_id: app.id, api_id: full.id, stage_id: stageId });
  return { stageId, groupId: group.id, host: group.subdomain, appKey: app.app_key, appSecret: app.app_secret };
}

/**
 * An OpenAPI 3 document of `count` APIs: paths of 100 services × resources × four methods and, in
 * the benchmarked group, siblings under the measured /bench and /full prefixes, so route lookups of
 * the two measured APIs walk a crowded table.
 */
function generatedDocument(count, upstream, siblings) {
  const paths = {};
  const methods = ['get', 'post', 'put', 'delete'];
  const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
  let made = 0;
  for (let i = 0; made < count; i++) {
    const sibling = siblings && i < 100;
    const key = sibling ? `/${i % 2 ? 'full' : 'bench'}/{id}/part${i}` : `/svc${i % 100}/res${Math.floor(i / 100)}/{id}`;
    const item = { parameters: idParam };
    for (const m of methods) {
      if (made === count) break;
      item[m] = { operationId: `gen_${i}_${m}`, responses: { 200: { description: 'ok' } } };
      made++;
    }
    paths[key] = item;
  }
  return {
    openapi: '3.0.3', info: { title: 'make bench: generated APIs', version: '1' },
    'x-apigw-backend': { type: 'HTTP', address: upstream, path: '/' },
    paths,
  };
}

/**
 * Publishes `total` more APIs in RELEASE: the first `perGroup` imported into the benchmarked group,
 * the rest into further groups of `perGroup` (importing is quadratic in a group's size today, see
 * README.md), each group then published with POST /groups/{id}/publish. Resolves with the count and
 * a route of the last group published (to time how long the proxy takes to serve it).
 */
async function publishMany(admin, { groupId, host, stageId }, { total, perGroup }, upstream, log) {
  const started = Date.now();
  let published = 0;
  let last = { host, path: '/bench/1/part0' };
  for (let done = 0, n = 0; done < total; n++) {
    const count = Math.min(perGroup, total - done);
    const group = n === 0 ? { id: groupId, subdomain: host } : await admin('POST', '/groups', { name: `bench-extra-${n}` });
    const target = group.id;
    const t = Date.now();
    const imported = await admin('POST', `/groups/${target}/import`, { document: generatedDocument(count, upstream, n === 0) }, { timeoutMs: 1_800_000 });
    const items = await admin('POST', `/groups/${target}/publish`, { stage_id: stageId, description: 'make bench' }, { timeoutMs: 1_800_000 });
    published += items.items.length;
    done += imported.items.length;
    last = { host: group.subdomain, path: n === 0 ? '/bench/1/part0' : '/svc0/res0/1', publishedAt: Date.now() };
    log(`    group ${n + 1}: imported ${imported.items.length} and published ${items.items.length} APIs in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  log(`    ${published} APIs published in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return { published, last };
}

/** Polls (bounded) until `probe` resolves true: the proxy picks up publishes within about a second. */
async function waitUntil(what, probe, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try { if (await probe()) return; } catch (error) { last = error; }
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

module.exports = { startApigw, configureApis, publishMany, waitUntil, TENANT };
