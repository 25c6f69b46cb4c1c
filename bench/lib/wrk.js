/**
 * One measurement: wrk pinned to the client core against one scenario, with the CPU time of the
 * proxy process (and of the upstream) read from /proc before and after, so CPU µs per request is
 * known even when other work on the machine disturbs requests per second.
 */
'use strict';
const path = require('node:path');
const { startPinned, waitExit, cpuMicros, reapedChildrenCpuMicros, coreTicks } = require('./processes');

const WRK_DIR = path.join(__dirname, '..', 'wrk');

/**
 * A scenario: { id, url, script ('plain' | 'signed' | path), env (for the Lua script), proxyPid,
 * upstreamPid }. `load`: { core, connections, threads, seconds, runId }.
 */
async function runWrk(scenario, load) {
  const script = scenario.script.includes('/') ? scenario.script : path.join(WRK_DIR, `${scenario.script}.lua`);
  const args = ['-t', String(load.threads), '-c', String(load.connections), '-d', `${load.seconds}s`, '--timeout', '5s', '-s', script, scenario.url];
  const env = { BENCH_WRK_DIR: WRK_DIR, BENCH_RUN_ID: load.runId, ...scenario.env };
  const before = readCpu(scenario, load);
  const started = process.hrtime.bigint();
  const entry = startPinned(`wrk ${scenario.id}`, load.core, 'wrk', args, { env, stdout: 'pipe' });
  const exit = await waitExit(entry, (load.seconds + 30) * 1000);
  const wallUs = Number(process.hrtime.bigint() - started) / 1000;
  const after = readCpu(scenario, load);
  if (exit.code !== 0) throw new Error(`wrk for ${scenario.id} failed (${JSON.stringify(exit)}): ${entry.stderr}${entry.stdout}`);
  const line = entry.stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (!line) throw new Error(`wrk for ${scenario.id} printed no result:\n${entry.stdout}\n${entry.stderr}`);
  const r = JSON.parse(line.slice('BENCH_RESULT '.length));
  const socketErrors = r.connect_errors + r.read_errors + r.write_errors + r.timeouts;
  return {
    id: scenario.id,
    requests: r.requests,
    rps: r.requests / (r.duration_us / 1e6),
    p50Ms: r.p50_us / 1000,
    p99Ms: r.p99_us / 1000,
    non2xx: r.non2xx,
    socketErrors,
    proxyCpuUsPerReq: (after.proxy - before.proxy) / Math.max(1, r.requests),
    proxyCpuShare: (after.proxy - before.proxy) / wallUs,
    upstreamCpuUsPerReq: (after.upstream - before.upstream) / Math.max(1, r.requests),
    wrkCpuShare: (after.wrk - before.wrk) / wallUs,
    // Busy share of the server core not explained by the proxy and the upstream: other processes.
    othersShare: Math.max(0, (after.core.busy - before.core.busy) / Math.max(1, after.core.total - before.core.total)
      - (after.proxy - before.proxy + after.upstream - before.upstream) / wallUs),
    text: entry.stdout,
  };
}

function readCpu(scenario, load) {
  return {
    proxy: cpuMicros(scenario.proxyPid()), upstream: cpuMicros(scenario.upstreamPid()),
    wrk: reapedChildrenCpuMicros(), core: coreTicks(load.serverCore),
  };
}

module.exports = { runWrk, WRK_DIR };
