/**
 * Turns the rounds into the report: medians per scenario, the target ratios, and a markdown table.
 * A ratio is the median over rounds of that round's ratio (both sides measured a minute apart, so
 * slow drift of the machine cancels out). Its CPU form, (reference µs + upstream µs) / (measured µs
 * + upstream µs) per request, is what the RPS ratio would be on a core of our own: steadier on a
 * busy machine.
 */
'use strict';

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The targets of the issue: [name, numerator id, denominator id, goal, kind] (kind 'min' or 'within'). */
const TARGETS = [
  ['apigw full ÷ nginx', 'apigw-full', 'nginx', 0.45, 'min'],
  ['apigw full ÷ http-proxy', 'apigw-full', 'http-proxy', 1.4, 'min'],
  ['apigw no-auth ÷ nginx', 'apigw-noauth', 'nginx', 0.5, 'min'],
  ['apigw full ÷ apigw no-auth', 'apigw-full', 'apigw-noauth', 0.9, 'min'],
  ['10k APIs: full ÷ nginx', 'apigw-10k-full', 'nginx', 0.45, 'min'],
  ['10k APIs: full ÷ http-proxy', 'apigw-10k-full', 'http-proxy', 1.4, 'min'],
  ['10k APIs: no-auth ÷ nginx', 'apigw-10k-noauth', 'nginx', 0.5, 'min'],
  ['10k APIs: full ÷ no-auth', 'apigw-10k-full', 'apigw-10k-noauth', 0.9, 'min'],
  ['10k APIs ÷ 2 APIs, no-auth', 'apigw-10k-noauth', 'apigw-noauth', 0.05, 'within'],
  ['10k APIs ÷ 2 APIs, full', 'apigw-10k-full', 'apigw-full', 0.05, 'within'],
  ['access log on ÷ off, no-auth', 'apigw-log-noauth', 'apigw-noauth', undefined, 'info'],
  ['access log on ÷ off, full', 'apigw-log-full', 'apigw-full', undefined, 'info'],
];

function summarise(scenarios, rounds) {
  return scenarios.map((s) => {
    const runs = rounds.map((r) => r[s.id]).filter(Boolean);
    return {
      id: s.id, label: s.label, runs,
      rps: median(runs.map((r) => r.rps)),
      p50Ms: median(runs.map((r) => r.p50Ms)),
      p99Ms: median(runs.map((r) => r.p99Ms)),
      cpuUs: median(runs.map((r) => r.proxyCpuUsPerReq)),
      upstreamCpuUs: median(runs.map((r) => r.upstreamCpuUsPerReq)),
      cpuShare: median(runs.map((r) => r.proxyCpuShare)),
      wrkShare: median(runs.map((r) => r.wrkCpuShare)),
      othersShare: median(runs.map((r) => r.othersShare)),
      requests: runs.reduce((a, r) => a + r.requests, 0),
    };
  });
}

function ratios(rounds) {
  const out = [];
  for (const [name, num, den, goal, kind] of TARGETS) {
    const pairs = rounds.filter((r) => r[num] && r[den]).map((r) => [r[num], r[den]]);
    if (pairs.length === 0) continue;
    const rps = median(pairs.map(([a, b]) => a.rps / b.rps));
    const cpu = median(pairs.map(([a, b]) => (b.proxyCpuUsPerReq + b.upstreamCpuUsPerReq) / (a.proxyCpuUsPerReq + a.upstreamCpuUsPerReq)));
    let verdict = '';
    if (kind === 'min') verdict = rps >= goal ? 'met' : `MISSED by ${((1 - rps / goal) * 100).toFixed(0)}%`;
    if (kind === 'within') verdict = Math.abs(1 - rps) <= goal ? 'met' : (rps > 1 ? 'met (faster)' : `MISSED by ${((1 - goal - rps) * 100).toFixed(1)} points`);
    const goalText = kind === 'min' ? `≥ ${goal}` : kind === 'within' ? `1 ± ${goal}` : '(report)';
    out.push({ name, rps, cpu, goal: goalText, verdict });
  }
  return out;
}

const f = (x, digits) => (Number.isFinite(x) ? x.toFixed(digits) : '–');

function markdown({ summary, targets, knobs, notes }) {
  const lines = [];
  lines.push(`| scenario | RPS (median) | RPS per round | p50 ms | p99 ms | proxy CPU µs/req | upstream CPU µs/req | proxy core use | unattributed server core use | wrk core use |`);
  lines.push('| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const s of summary) {
    lines.push(`| ${s.label} | ${f(s.rps, 0)} | ${s.runs.map((r) => f(r.rps, 0)).join(' / ')} | ${f(s.p50Ms, 2)} | ${f(s.p99Ms, 2)} | ${f(s.cpuUs, 1)} | ${f(s.upstreamCpuUs, 1)} | ${f(s.cpuShare * 100, 0)}% | ${f(s.othersShare * 100, 0)}% | ${f(s.wrkShare * 100, 0)}% |`);
  }
  lines.push('');
  lines.push('| ratio | RPS | from CPU | goal | verdict |');
  lines.push('| --- | ---: | ---: | --- | --- |');
  for (const t of targets) lines.push(`| ${t.name} | ${f(t.rps, 2)} | ${f(t.cpu, 2)} | ${t.goal} | ${t.verdict} |`);
  lines.push('');
  lines.push(`${knobs.rounds} interleaved rounds × ${knobs.seconds} s per scenario, ${knobs.connections} keep-alive connections, ` +
    `wrk ${knobs.threads} thread on core ${knobs.clientCore}, every server on core ${knobs.serverCore}. ` +
    '"Unattributed" is server-core time of neither the proxy nor the upstream: kernel network work (softirq) and other processes.');
  for (const n of notes) lines.push(`- ${n}`);
  return lines.join('\n');
}

module.exports = { summarise, ratios, markdown, median, TARGETS };
