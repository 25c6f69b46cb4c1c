/**
 * What is measured: each scenario names the server it loads, the request wrk sends and the process
 * whose CPU time is counted. The servers are started (pinned to the server core) only when a
 * selected scenario needs them.
 */
'use strict';
const path = require('node:path');
const { startNginx } = require('./nginx');
const { startApigw, configureApis, publishMany } = require('./apigw');
const { httpGet } = require('./http-get');
const { startPinned, freePort, waitForPort, sleep } = require('./processes');

const NOAUTH_PATH = '/bench/1';
const FULL_PATH = '/full/1?mode=fast&limit=10';

/** In the order of every round. `instance` is the apigw process a scenario loads. */
const SCENARIOS = [
  { id: 'nginx', label: 'nginx proxy_pass', server: 'nginx' },
  { id: 'http-proxy', label: 'http-proxy (node)', server: 'httpProxy' },
  { id: 'apigw-noauth', label: 'apigw no-auth', server: 'apigw', instance: 'apigw', api: 'noauth' },
  { id: 'apigw-full', label: 'apigw full pipeline', server: 'apigw', instance: 'apigw', api: 'full' },
  { id: 'apigw-10k-noauth', label: 'apigw no-auth, 10k APIs', server: 'apigw', instance: 'apigw10k', api: 'noauth' },
  { id: 'apigw-10k-full', label: 'apigw full pipeline, 10k APIs', server: 'apigw', instance: 'apigw10k', api: 'full' },
  { id: 'apigw-log-noauth', label: 'apigw no-auth, access log on', server: 'apigw', instance: 'apigwLog', api: 'noauth' },
  { id: 'apigw-log-full', label: 'apigw full pipeline, access log on', server: 'apigw', instance: 'apigwLog', api: 'full' },
];

function selectScenarios(knobs) {
  return SCENARIOS.filter((s) => {
    if (knobs.only) return knobs.only.includes(s.id);
    if (s.instance === 'apigw10k' && knobs.apis === 0) return false;
    if (s.instance === 'apigwLog' && !knobs.accessLog) return false;
    return true;
  });
}

async function startHttpProxy(core, upstreamPort) {
  const port = await freePort();
  const script = path.join(__dirname, '..', 'servers', 'http-proxy.js');
  const entry = startPinned('http-proxy', core, process.execPath, [script, String(port), String(upstreamPort)]);
  await waitForPort(port, 10_000, entry);
  return { entry, port, pid: entry.pid };
}

/** Starts and configures one apigw instance; `extra` = { total, perGroup } more APIs to publish. */
async function startConfiguredApigw(name, { dir, core, upstream, accessLog, nodeArgs, extra, log }) {
  const gw = await startApigw(name, { dir, core, accessLog, nodeArgs, apiQuota: (extra?.total ?? 0) + 100 });
  log(`  started ${name}, pid ${gw.pid}${accessLog ? ' (access log on)' : ''}`);
  gw.apis = await configureApis(gw.admin, upstream);
  if (extra?.total) {
    const { published, last } = await publishMany(gw.admin, gw.apis, extra, upstream, log);
    gw.extraApis = published;
    gw.visibleMs = await timeUntilServed(gw.proxyPort, last);
    log(`    the last group published was served ${(gw.visibleMs / 1000).toFixed(1)} s after its publish answered`);
  }
  return gw;
}

/** Milliseconds from a publish's answer until the proxy serves the route (bounded: 5 minutes). */
async function timeUntilServed(port, { host, path: route, publishedAt }) {
  const deadline = publishedAt + 300_000;
  while (Date.now() < deadline) {
    const res = await httpGet(port, route, { host }).catch(() => undefined);
    if (res?.status === 200) return Date.now() - publishedAt;
    await sleep(50);
  }
  throw new Error(`${host}${route} was not served within 5 minutes of its publish`);
}

/** Starts what `scenarios` need; resolves with the servers by name and the scenarios made runnable. */
async function startServers(scenarios, knobs, { dir, upstream, log }) {
  const core = knobs.serverCore;
  const needs = (pred) => scenarios.some(pred);
  const servers = { upstream };
  const upstreamUrl = `http://127.0.0.1:${upstream.port}`;
  if (needs((s) => s.server === 'nginx')) {
    servers.nginx = await startNginx('nginx-proxy', 'proxy.conf', { dir, core, port: await freePort(), upstreamPort: upstream.port });
  }
  if (needs((s) => s.server === 'httpProxy')) servers.httpProxy = await startHttpProxy(core, upstream.port);
  const common = { dir, core, upstream: upstreamUrl, log, nodeArgs: knobs.nodeArgs };
  if (needs((s) => s.instance === 'apigw')) servers.apigw = await startConfiguredApigw('apigw', common);
  if (needs((s) => s.instance === 'apigwLog')) {
    servers.apigwLog = await startConfiguredApigw('apigw-log', { ...common, accessLog: path.join(dir, 'access.log') });
    servers.apigwLog.accessLogFile = path.join(dir, 'access.log');
  }
  if (needs((s) => s.instance === 'apigw10k')) {
    servers.apigw10k = await startConfiguredApigw('apigw-10k', { ...common, extra: { total: knobs.apis, perGroup: knobs.apisPerGroup } });
  }
  return { servers, runnable: scenarios.map((s) => bind(s, servers)) };
}

/** Adds to a scenario the URL, wrk script and environment, and the pids to read CPU time from. */
function bind(scenario, servers) {
  const upstreamPid = () => servers.upstream.workerPid;
  if (scenario.server === 'nginx') {
    const n = servers.nginx;
    return { ...scenario, url: `http://127.0.0.1:${n.port}${NOAUTH_PATH}`, script: 'plain', env: {}, proxyPid: () => n.workerPid, upstreamPid };
  }
  if (scenario.server === 'httpProxy') {
    const h = servers.httpProxy;
    return { ...scenario, url: `http://127.0.0.1:${h.port}${NOAUTH_PATH}`, script: 'plain', env: {}, proxyPid: () => h.pid, upstreamPid };
  }
  const gw = servers[scenario.instance];
  const base = { ...scenario, gateway: gw, proxyPid: () => gw.pid, upstreamPid };
  if (scenario.api === 'noauth') {
    return { ...base, url: `http://127.0.0.1:${gw.proxyPort}${NOAUTH_PATH}`, script: 'plain', env: { BENCH_HOST: gw.apis.host } };
  }
  return {
    ...base, url: `http://127.0.0.1:${gw.proxyPort}${FULL_PATH}`, script: 'signed', target: FULL_PATH,
    env: { BENCH_HOST: gw.apis.host, BENCH_PATH: FULL_PATH, BENCH_APP_KEY: gw.apis.appKey, BENCH_APP_SECRET: gw.apis.appSecret },
  };
}

module.exports = { SCENARIOS, selectScenarios, startServers, NOAUTH_PATH, FULL_PATH };
