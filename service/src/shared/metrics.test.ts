/** The process metrics must not keep an idle gateway busy: counted in a child process of its own. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Voluntary context switches of the main thread during one idle second, after createMetrics(). */
function idleWakeUps(): number {
  const script = `
    const fs = require('node:fs');
    const switches = () => Number(/voluntary_ctxt_switches:\\s+(\\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]);
    require(${JSON.stringify(path.join(__dirname, 'metrics.ts'))}).createMetrics();
    const keepAlive = setInterval(() => undefined, 60000);
    setTimeout(() => {
      const before = switches();
      setTimeout(() => { console.log(switches() - before); clearInterval(keepAlive); }, 1000);
    }, 300);
  `;
  const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { encoding: 'utf8', timeout: 20000 });
  return Number(out.trim());
}

test('an idle process wakes up about ten times a second, not a hundred (event-loop lag sampling)', () => {
  const wakeUps = idleWakeUps();
  expect(wakeUps).toBeGreaterThan(0); // the count is real: the sampling timer itself wakes it
  expect(wakeUps).toBeLessThan(40); // prom-client's 10 ms default: ~100
});
