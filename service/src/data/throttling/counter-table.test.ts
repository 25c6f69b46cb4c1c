import { CounterTable } from './counter-table';
import { ALLOWED, type CountBatch } from './index';

const PERIOD = 60_000;

/** Keys as "scope:id" (a key without a colon is a scope with the empty id, like an API counter). */
function batch(keys: string[], limits: number[], now: number): CountBatch {
  const window = Math.floor(now / PERIOD);
  const split = keys.map((k) => (k.includes(':') ? [k.slice(0, k.indexOf(':') + 1), k.slice(k.indexOf(':') + 1)] : [k, '']));
  return { n: keys.length, scopes: split.map((s) => s[0]), ids: split.map((s) => s[1]), limits, window, resetAt: (window + 1) * PERIOD, now };
}

let table: CounterTable;
afterEach(() => table.close());

test('a key is allowed exactly limit times per window, and counts again in the next window', () => {
  table = new CounterTable();
  const t0 = 10 * PERIOD;
  const answers = Array.from({ length: 5 }, () => table.take(batch(['a'], [3], t0 + 5)));
  expect(answers).toEqual([ALLOWED, ALLOWED, ALLOWED, 0, 0]);
  expect(table.take(batch(['a'], [3], t0 + PERIOD - 1))).toBe(0);
  expect(table.take(batch(['a'], [3], t0 + PERIOD))).toBe(ALLOWED);
});

test('all keys are counted or none: a refused call does not use up the other limits', () => {
  table = new CounterTable();
  const now = 5 * PERIOD;
  const counts: number[] = [];
  expect(table.take(batch(['api', 'app:x'], [10, 1], now), counts)).toBe(ALLOWED);
  expect(counts).toEqual([1, 1]);
  expect(table.take(batch(['api', 'app:x'], [10, 1], now), counts)).toBe(1);
  expect(counts).toEqual([1, 1]);
  expect(table.take(batch(['api', 'app:y'], [10, 1], now), counts)).toBe(ALLOWED);
  expect(counts).toEqual([2, 1]);
});

test('the first key at its limit is reported, with every count', () => {
  table = new CounterTable();
  const now = 7 * PERIOD;
  table.take(batch(['a', 'b', 'c'], [5, 1, 1], now));
  const counts: number[] = [];
  expect(table.take(batch(['a', 'b', 'c'], [5, 1, 1], now), counts)).toBe(1);
  expect(counts).toEqual([1, 1, 1]);
});

test('the sweep drops ended windows; a full table still tracks API keys and existing counters', () => {
  const overflow = jest.fn();
  table = new CounterTable({ maxEntries: 3, onOverflow: overflow });
  const now = 3 * PERIOD;
  table.take(batch(['api', 'ip:1'], [100, 1], now));
  table.take(batch(['api', 'ip:2'], [100, 1], now));
  expect(table.take(batch(['api', 'ip:3'], [100, 1], now))).toBe(ALLOWED);
  expect(table.take(batch(['api', 'ip:3'], [100, 1], now))).toBe(ALLOWED); // untracked: API limit only
  expect(overflow).toHaveBeenCalledTimes(1);
  expect(table.take(batch(['api', 'ip:1'], [100, 1], now))).toBe(1); // still exact
  expect(table.take(batch(['api2'], [1], now))).toBe(ALLOWED);
  expect(table.take(batch(['api2'], [1], now))).toBe(0);
  expect(table.size).toBe(4);
  table.take(batch(['x'], [1], now + PERIOD));
  table.sweep();
  expect(table.size).toBe(1);
});
