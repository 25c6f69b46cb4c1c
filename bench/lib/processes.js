/**
 * Child processes of the benchmark: started pinned to a core with taskset, remembered, and all
 * stopped when the driver exits for any reason (normal end, error, Ctrl-C, SIGTERM, time limit).
 * Also reads a process's CPU time from /proc/<pid>/stat, and waits (boundedly) for ports.
 */
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
const children = new Set();

/**
 * Starts `command args` pinned to `core` (taskset -c; taskset execs the command, so the pid is the
 * command's). `stdout` is 'ignore', 'pipe' (kept in entry.stdout) or a file path (appended); stderr
 * is kept in memory (last 8 KB) for error messages.
 */
function startPinned(name, core, command, args, { env, cwd, stdout = 'ignore' } = {}) {
  const out = stdout === 'ignore' || stdout === 'pipe' ? stdout : fs.openSync(stdout, 'a');
  const child = spawn('taskset', ['-c', String(core), command, ...args], {
    env: { ...process.env, ...env }, cwd, stdio: ['ignore', out, 'pipe'],
  });
  if (typeof out === 'number') fs.closeSync(out);
  const entry = { name, child, pid: child.pid, stdout: '', stderr: '', exited: false };
  if (stdout === 'pipe') child.stdout.on('data', (d) => { entry.stdout += d; });
  child.stderr.on('data', (d) => { entry.stderr = (entry.stderr + d).slice(-8192); });
  child.on('exit', (code, signal) => { entry.exited = true; entry.exit = { code, signal }; children.delete(entry); });
  // 'close' comes after the output streams are drained (needed when stdout is piped).
  entry.closed = new Promise((resolve) => child.once('close', resolve));
  children.add(entry);
  return entry;
}

/** Stops one started process: SIGTERM, then SIGKILL after `graceMs` (a CPU profile needs time to be written). */
async function stop(entry, graceMs = entry.graceMs ?? 3000) {
  if (entry.exited) return;
  const gone = new Promise((resolve) => entry.child.once('exit', resolve));
  try { entry.child.kill('SIGTERM'); } catch { /* already gone */ }
  const timer = setTimeout(() => { try { entry.child.kill('SIGKILL'); } catch { /* gone */ } }, graceMs);
  await gone;
  clearTimeout(timer);
}

async function stopAll() {
  await Promise.all([...children].map((e) => stop(e)));
}

/**
 * Last resort on process exit: synchronous, so it also runs from process.on('exit'). Children that
 * a SIGKILLed parent would orphan (nginx workers) are listed in entry.extraPids and killed too.
 */
function killAllNow() {
  for (const e of children) {
    for (const pid of e.extraPids ?? []) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
    try { e.child.kill('SIGKILL'); } catch { /* gone */ }
  }
}

/** utime + stime of a process (all its threads), in microseconds. */
function cpuMicros(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // fields 14 and 15 of proc(5)
  return (ticks * 1e6) / CLOCK_TICKS;
}

/** CPU time of this process's finished (reaped) children, in microseconds: wrk's, once it exited. */
function reapedChildrenCpuMicros() {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1e6) / CLOCK_TICKS; // cutime, cstime
}

/** Busy and total time of one core since boot (ticks), from /proc/stat. */
function coreTicks(core) {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n').find((l) => l.startsWith(`cpu${core} `));
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

/** Direct children of a process (nginx master → worker). */
function childPids(pid) {
  const text = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return text ? text.split(/\s+/).map(Number) : [];
}

/** A port that was free a moment ago on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resolves once something accepts connections on 127.0.0.1:port; fails after `timeoutMs`. */
async function waitForPort(port, timeoutMs, entry) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (entry?.exited) throw new Error(`${entry.name} exited (${JSON.stringify(entry.exit)}): ${entry.stderr}`);
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await sleep(100);
  }
  throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms${entry ? ` (${entry.name}: ${entry.stderr})` : ''}`);
}

/** Waits for a started process to exit (bounded): resolves with its exit, kills it on time-out. */
async function waitExit(entry, timeoutMs) {
  let timer;
  const timedOut = new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); });
  const result = await Promise.race([entry.closed.then(() => 'exit'), timedOut]);
  clearTimeout(timer);
  if (result === 'timeout') {
    await stop(entry, 1000);
    throw new Error(`${entry.name} did not finish within ${timeoutMs} ms`);
  }
  return entry.exit;
}

module.exports = { startPinned, stop, stopAll, killAllNow, waitExit, cpuMicros, reapedChildrenCpuMicros, coreTicks, childPids, freePort, waitForPort, sleep, CLOCK_TICKS };
