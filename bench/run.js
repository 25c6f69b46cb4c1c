#!/usr/bin/env node
/**
 * make bench: apigw against nginx and a plain http-proxy, side by side in one run. Every server is
 * pinned to one core and wrk to the other; scenarios are interleaved round by round and the median
 * is reported with p50, p99, the target ratios and each proxy's CPU µs per request. All processes
 * started here are stopped on exit, and every wait and loop is bounded. See bench/README.md.
 *
 *   npm run build -w service && node bench/run.js      (or: make bench)
 */
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');
const { AuthNotActive, checkScenario } = require('./lib/checks');
const { startNginx } = require('./lib/nginx');
const { freePort, stopAll, killAllNow, startPinned, waitExit } = require('./lib/processes');
const { markdown, ratios, summarise } = require('./lib/report');
const { selectScenarios, startServers } = require('./lib/scenarios');
const { checkSelftestOutput } = require('./lib/selftest');
const { runWrk, WRK_DIR } = require('./lib/wrk');

const log = (line) => process.stderr.write(`${line}\n`);

function seconds(raw, fallback) {
  if (!raw) return fallback;
  const m = /^(\d+(?:\.\d+)?)(s|m)?$/.exec(raw.trim());
  if (!m) throw new Error(`not a duration: "${raw}" (use e.g. 10s or 1m)`);
  return Number(m[1]) * (m[2] === 'm' ? 60 : 1);
}

function integer(name, fallback, min = 0) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  return v;
}

function readKnobs(env = process.env) {
  return {
    seconds: seconds(env.BENCH_DURATION, 10),
    warmup: seconds(env.BENCH_WARMUP, 3),
    rounds: integer('BENCH_ROUNDS', 3, 1),
    connections: integer('BENCH_CONNECTIONS', 50, 1),
    threads: integer('BENCH_THREADS', 1, 1),
    apis: integer('BENCH_APIS', 10000),
    apisPerGroup: integer('BENCH_APIS_PER_GROUP', 1000, 1),
    accessLog: env.BENCH_ACCESS_LOG !== '0',
    only: env.BENCH_ONLY ? env.BENCH_ONLY.split(',').map((s) => s.trim()) : undefined,
    serverCore: integer('BENCH_SERVER_CORE', 0),
    clientCore: integer('BENCH_CLIENT_CORE', 1),
    output: env.BENCH_OUTPUT || undefined,
    cpuProfileDir: env.BENCH_CPU_PROFILE ? path.resolve(env.BENCH_CPU_PROFILE) : undefined,
    maxMinutes: integer('BENCH_MAX_MINUTES', 60, 1),
    strict: env.BENCH_STRICT === '1',
  };
}

function preflight(knobs) {
  for (const tool of ['wrk', 'nginx', 'taskset']) {
    try { execFileSync('sh', ['-c', `command -v ${tool}`]); } catch { throw new Error(`${tool} is not installed (Debian: apt-get install ${tool === 'taskset' ? 'util-linux' : tool})`); }
  }
  try { require.resolve('http-proxy'); } catch { throw new Error('http-proxy is not installed: run `npm install` (make bench does)'); }
  if (!fs.existsSync(path.join(__dirname, '..', 'service', 'dist', 'cli.js'))) throw new Error('apigw is not built: run `npm run build -w service` (make bench does)');
  const cores = os.availableParallelism();
  if (cores < 2) log(`warning: ${cores} core: wrk and the servers will share it, and the figures mean little`);
  return { cores };
}

async function selftest(upstream, knobs) {
  const entry = startPinned('wrk selftest', knobs.clientCore, 'wrk', ['-t1', '-c1', '-d1s', '-s', path.join(WRK_DIR, 'selftest.lua'), `http://127.0.0.1:${upstream.port}/`], {
    env: { BENCH_WRK_DIR: WRK_DIR }, stdout: 'pipe',
  });
  await waitExit(entry, 30_000);
  return checkSelftestOutput(entry.stdout);
}

/** One line saying what the figures were taken on. */
function environment(knobs) {
  const version = (cmd, args) => {
    const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 5000 });
    return `${r.stdout ?? ''}${r.stderr ?? ''}`;
  };
  const nginx = /nginx\/[\d.]+/.exec(version('nginx', ['-v']))?.[0] ?? 'nginx';
  const wrk = /wrk [^\s]+/.exec(version('wrk', ['-v']))?.[0] ?? 'wrk';
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ${os.cpus().length} × ${cpu}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} at start; ` +
    `node ${process.version}, ${nginx}, ${wrk}; ${knobs.rounds} rounds × ${knobs.seconds} s, warm-up ${knobs.warmup} s`;
}

function failOnErrors(result, what) {
  if (result.non2xx !== 0 || result.socketErrors !== 0 || result.requests === 0) {
    throw new Error(`${what}: ${result.non2xx} non-2xx responses and ${result.socketErrors} socket errors in ${result.requests} requests:\n${result.text}`);
  }
}

/** Warm-up (JIT, connection pools), then the interleaved rounds: A B C D … A B C D … */
async function measure(scenarios, knobs, runId) {
  const load = { core: knobs.clientCore, serverCore: knobs.serverCore, connections: knobs.connections, threads: knobs.threads, runId };
  if (knobs.warmup > 0) {
    for (const s of scenarios) failOnErrors(await runWrk(s, { ...load, seconds: knobs.warmup, runId: `${runId}w` }), `warm-up of ${s.id}`);
    log(`  warmed up (${knobs.warmup} s each)`);
  }
  const rounds = [];
  for (let r = 0; r < knobs.rounds; r++) {
    const round = {};
    for (const s of scenarios) {
      const result = await runWrk(s, { ...load, seconds: knobs.seconds, runId: `${runId}r${r}` });
      failOnErrors(result, `round ${r + 1} of ${s.id}`);
      round[s.id] = result;
      log(`  round ${r + 1}/${knobs.rounds} ${s.id.padEnd(18)} ${result.rps.toFixed(0).padStart(7)} req/s  p50 ${result.p50Ms.toFixed(2)} ms  p99 ${result.p99Ms.toFixed(2)} ms  ${result.proxyCpuUsPerReq.toFixed(1)} µs CPU/req  wrk ${(result.wrkCpuShare * 100).toFixed(0)}%  unattributed ${(result.othersShare * 100).toFixed(0)}%`);
    }
    rounds.push(round);
  }
  return rounds;
}

/** Checks every scenario; resolves with those to measure (a build without signature checks skips the full pipeline). */
async function checkAll(runnable, knobs, runId, notes) {
  const measurable = [];
  for (const s of runnable) {
    try {
      log(`  check ${s.id}: ${await checkScenario(s, { core: knobs.clientCore, serverCore: knobs.serverCore, runId: `${runId}c` })}`);
      measurable.push(s);
    } catch (error) {
      if (!(error instanceof AuthNotActive)) throw error;
      notes.push(`${s.label}: not measured — ${error.message}`);
      log(`  ${s.id}: NOT MEASURED — ${error.message}`);
    }
  }
  return measurable;
}

/** Lines in a file, counted in 1 MiB reads: a full run's access log outgrows the longest string V8 can hold. */
function countLines(file) {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  let lines = 0;
  try {
    for (let read = fs.readSync(fd, buf); read > 0; read = fs.readSync(fd, buf)) {
      const chunk = buf.subarray(0, read);
      for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) lines++;
    }
  } finally {
    fs.closeSync(fd);
  }
  return lines;
}

function accessLogNote(servers) {
  const gw = servers.apigwLog;
  if (!gw) return undefined;
  const lines = countLines(gw.accessLogFile);
  return `access log: ${lines} JSON lines written to a file by the access-log instance (stdout redirected; batched lines through pino's async destination)`;
}

async function main() {
  const knobs = readKnobs();
  const hardStop = setTimeout(() => { log(`bench: stopped after BENCH_MAX_MINUTES=${knobs.maxMinutes}`); killAllNow(); removeWorkDir(); process.exit(3); }, knobs.maxMinutes * 60_000);
  hardStop.unref();
  const { cores } = preflight(knobs);
  let scenarios = selectScenarios(knobs);
  if (scenarios.length === 0) throw new Error(`BENCH_ONLY selects no scenario`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-bench-'));
  workDir = dir;
  fs.chmodSync(dir, 0o755); // nginx workers run as nobody
  const runId = Date.now().toString(36);
  const notes = [environment(knobs)];
  let failed = true;
  try {
    log(`bench: ${scenarios.map((s) => s.id).join(', ')}; servers on core ${knobs.serverCore}, wrk on core ${knobs.clientCore} (${cores} cores), work dir ${dir}`);
    const upstream = await startNginx('upstream', 'upstream.conf', { dir, core: knobs.serverCore, port: await freePort() });
    log(`  Lua SHA-256 / HMAC / base64 self-test: ${await selftest(upstream, knobs)} vectors match node:crypto`);
    const nodeArgs = knobs.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${knobs.cpuProfileDir}`] : [];
    const { servers, runnable } = await startServers(scenarios, { ...knobs, nodeArgs }, { dir, upstream, log });
    scenarios = await checkAll(runnable, knobs, runId, notes);
    const big = servers.apigw10k;
    if (big) {
      notes.push(`the 10k instance serves ${big.extraApis} published APIs (${knobs.apisPerGroup} per group; the measured group holds ${Math.min(knobs.apisPerGroup, knobs.apis) + 2}); ` +
        `the last group published was served ${(big.visibleMs / 1000).toFixed(1)} s after its publish call answered`);
    }
    const rounds = await measure(scenarios, knobs, runId);
    const note = accessLogNote(servers);
    if (note) notes.push(note);
    const report = markdown({ summary: summarise(scenarios, rounds), targets: ratios(rounds), knobs, notes });
    process.stdout.write(`\n${report}\n`);
    if (knobs.output) fs.writeFileSync(knobs.output, `${report}\n`);
    const missed = ratios(rounds).some((t) => t.verdict.startsWith('MISSED'));
    failed = false;
    return knobs.strict && missed ? 1 : 0;
  } finally {
    await stopAll();
    if (failed) log(`bench: logs kept in ${dir}`);
    else removeWorkDir();
  }
}

/** The run's temporary directory, removed on every way out but a failure (its logs are kept). */
let workDir;
const removeWorkDir = () => { if (workDir) fs.rmSync(workDir, { recursive: true, force: true }); };

process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    log(`bench: ${signal}, stopping`);
    stopAll().finally(() => { removeWorkDir(); process.exit(130); });
  });
}
main().then((code) => process.exit(code), (error) => {
  log(`bench failed: ${error.stack ?? error}`);
  stopAll().finally(() => process.exit(1));
});
