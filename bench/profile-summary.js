#!/usr/bin/env node
/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): the functions with the most self time, and the
 * self time grouped by where the code lives (apigw's own modules, node internals, dependencies).
 *   node bench/profile-summary.js PROFILE.cpuprofile [TOP=30]
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [file, topRaw] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/profile-summary.js PROFILE.cpuprofile [TOP]\n');
  process.exit(2);
}
const top = Number(topRaw) || 30;
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));

// Self time per node: each sample names the node running then; timeDeltas[i] is the time before it.
const selfUs = new Map();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

function where(url) {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const i = url.lastIndexOf('node_modules/');
  if (i >= 0) return url.slice(i + 13).split('/').slice(0, url.slice(i + 13).startsWith('@') ? 2 : 1).join('/');
  const dist = url.indexOf('/service/dist/');
  if (dist >= 0) return `apigw ${url.slice(dist + 14).split('/').slice(0, -1).join('/') || '.'}`;
  return path.basename(url);
}

const byFunction = new Map();
const byPlace = new Map();
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0;
  if (us === 0) continue;
  const cf = node.callFrame;
  const name = `${cf.functionName || '(anonymous)'}  ${cf.url ? `${cf.url.replace(/^.*\/(node_modules|service\/dist)\//, '$1/')}:${cf.lineNumber + 1}` : ''}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + us);
  const place = where(cf.url);
  byPlace.set(place, (byPlace.get(place) ?? 0) + us);
}

// Inclusive time of apigw's own functions (self + everything they call), counted once per call path.
const children = new Map(profile.nodes.map((n) => [n.id, n.children ?? []]));
const nodeById = new Map(profile.nodes.map((n) => [n.id, n]));
const inclusive = new Map();
function visit(id, open) {
  const node = nodeById.get(id);
  const cf = node.callFrame;
  const own = cf.url.includes('/service/dist/') ? `${cf.functionName || '(anonymous)'}  ${cf.url.replace(/^.*\/service\/dist\//, '')}:${cf.lineNumber + 1}` : undefined;
  const fresh = own && !open.has(own);
  if (fresh) open.add(own);
  let us = selfUs.get(id) ?? 0;
  for (const child of children.get(id)) us += visit(child, open);
  if (fresh) {
    inclusive.set(own, (inclusive.get(own) ?? 0) + us);
    open.delete(own);
  }
  return us;
}
visit(profile.nodes[0].id, new Set());

const pct = (us) => `${((us / total) * 100).toFixed(1).padStart(5)}%`;
const rows = (map, n) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
process.stdout.write(`${(total / 1e6).toFixed(1)} s of samples in ${path.basename(file)}\n\nTop self time by function:\n`);
for (const [name, us] of rows(byFunction, top)) process.stdout.write(`  ${pct(us)}  ${name}\n`);
process.stdout.write('\nTop inclusive time, apigw functions:\n');
for (const [name, us] of rows(inclusive, top)) process.stdout.write(`  ${pct(us)}  ${name}\n`);
process.stdout.write('\nSelf time by place:\n');
for (const [place, us] of rows(byPlace, 25)) process.stdout.write(`  ${pct(us)}  ${place}\n`);
