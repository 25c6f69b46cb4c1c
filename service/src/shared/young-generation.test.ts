import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { YOUNG_GENERATION_FLOOR_MB, hasYoungGenerationFloor } from './young-generation';

const run = promisify(execFile);

/**
 * Grows the young generation with short-lived garbage, then stays quiet (a little allocation, as an
 * idle gateway's timers make). After 5 s it scavenges every 0.5 s until the young generation has
 * shrunk below a quarter of the floor, at most 12 times (V8 judges the allocation rate from the samples
 * its collections take, so how many quiet scavenges it needs varies with the machine's load): prints
 * the sizes in MiB.
 */
const QUIET_THEN_SCAVENGE = `
const v8 = require('node:v8');
const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576;
let batch = [];
for (let i = 0; i < 3e6; i++) { batch.push({ i, s: 'x' + i }); if (batch.length > 20000) batch = []; }
batch = [];
const grown = young();
let trickle;
const timer = setInterval(() => { trickle = new Array(100).fill(1); }, 50);
let scavenges = 0;
function scavenge() {
  gc({ type: 'minor' });
  const after = young();
  if (after < ${YOUNG_GENERATION_FLOOR_MB / 4} || ++scavenges === 12) {
    clearInterval(timer);
    console.log(JSON.stringify({ grown, after }));
  } else setTimeout(scavenge, 500);
}
setTimeout(scavenge, 5000);
`;

async function quietThenScavenge(flags: string[]): Promise<{ grown: number; after: number }> {
  const { stdout } = await run(process.execPath, [...flags, '--expose-gc', '-e', QUIET_THEN_SCAVENGE]);
  return JSON.parse(stdout);
}

test('V8 shrinks an idle young generation to a sliver, unless node starts with the floor', async () => {
  const [bare, floored] = await Promise.all([
    quietThenScavenge([]),
    quietThenScavenge([`--min-semi-space-size=${YOUNG_GENERATION_FLOOR_MB}`]),
  ]);
  expect(bare.grown).toBeGreaterThanOrEqual(YOUNG_GENERATION_FLOOR_MB);
  expect(bare.after).toBeLessThan(YOUNG_GENERATION_FLOOR_MB / 4);
  expect(floored.after).toBeGreaterThanOrEqual(YOUNG_GENERATION_FLOOR_MB);
}, 30_000);

test('the floor is read from node arguments in either spelling, and must reach the size', () => {
  expect(hasYoungGenerationFloor([`--min-semi-space-size=${YOUNG_GENERATION_FLOOR_MB}`])).toBe(true);
  expect(hasYoungGenerationFloor(['--inspect', `--min_semi_space_size=${YOUNG_GENERATION_FLOOR_MB * 2}`])).toBe(true);
  expect(hasYoungGenerationFloor([`--min-semi-space-size=${YOUNG_GENERATION_FLOOR_MB - 1}`])).toBe(false);
  expect(hasYoungGenerationFloor(['--max-semi-space-size=64'])).toBe(false);
  expect(hasYoungGenerationFloor([])).toBe(false);
});
