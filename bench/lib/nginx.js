/**
 * The two nginx instances: the tiny upstream (`return 200`) and the reference proxy (`proxy_pass`
 * with upstream keep-alive). Each is one master and one worker, pinned to the server core; the
 * worker's pid is what CPU time is read from.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { startPinned, childPids, waitForPort, sleep } = require('./processes');

const TEMPLATES = path.join(__dirname, '..', 'nginx');

function render(template, values) {
  return fs.readFileSync(path.join(TEMPLATES, template), 'utf8').replace(/\{\{([A-Z_]+)\}\}/g, (_, k) => {
    if (values[k] === undefined) throw new Error(`${template}: no value for {{${k}}}`);
    return String(values[k]);
  });
}

async function workerOf(entry) {
  for (let i = 0; i < 50; i++) {
    const workers = childPids(entry.pid);
    if (workers.length === 1) return workers[0];
    await sleep(100);
  }
  throw new Error(`${entry.name}: expected one worker process`);
}

/** Starts nginx from `template` (upstream.conf or proxy.conf); resolves with { entry, port, workerPid }. */
async function startNginx(name, template, { dir, core, port, upstreamPort }) {
  const values = { DIR: dir, NAME: name, PORT: port, UPSTREAM_PORT: upstreamPort };
  fs.writeFileSync(path.join(dir, `${name}-common.conf`), render('common.conf', values));
  const conf = path.join(dir, `${name}.conf`);
  fs.writeFileSync(conf, render(template, values));
  const entry = startPinned(name, core, 'nginx', ['-p', dir, '-e', path.join(dir, `${name}-error.log`), '-c', conf]);
  await waitForPort(port, 10_000, entry);
  const workerPid = await workerOf(entry);
  entry.extraPids = [workerPid];
  return { entry, port, workerPid };
}

module.exports = { startNginx };
