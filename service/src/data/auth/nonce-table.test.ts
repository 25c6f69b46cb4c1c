/** The nonce store's flat tables: agree with a Map under random use, keep runs intact on delete, wrap and grow. */
import { FingerprintQueue, FingerprintTable, NonceHasher, type Fingerprint } from './nonce-table';

const fp = (scope: number, hi: number, lo: number): Fingerprint => ({ scope, hi, lo });
const keyOf = (f: Fingerprint) => `${f.scope}/${f.hi}/${f.lo}`;

test('entries that share a home slot are all found, and stay found as others around them are deleted', () => {
  const table = new FingerprintTable(64);
  // Same low bits (home slot 5 of 1024 slots), different fingerprints: one run of four.
  const run = [fp(1, 1, 5), fp(1, 2, 5), fp(2, 1, 5 + 1024), fp(1, 3, 5 + 2048)];
  run.forEach((f, i) => table.set(f, 100 + i));
  table.set(fp(1, 9, 6), 200); // home 6, pushed behind the run
  expect(run.map((f) => table.get(f))).toEqual([100, 101, 102, 103]);
  table.delete(run[1]);
  expect(table.get(run[1])).toBeUndefined();
  expect([table.get(run[0]), table.get(run[2]), table.get(run[3]), table.get(fp(1, 9, 6))]).toEqual([100, 102, 103, 200]);
  table.delete(run[0]);
  table.set(run[2], 300); // an update, not a second entry
  expect(table.size).toBe(3);
  expect([table.get(run[2]), table.get(run[3]), table.get(fp(1, 9, 6))]).toEqual([300, 103, 200]);
  expect(table.get(fp(3, 1, 5))).toBeUndefined(); // another scope is another nonce
});

test('random inserts, updates and deletes (with colliding homes and a wrapping run) agree with a Map', () => {
  const table = new FingerprintTable(1 << 14);
  const reference = new Map<string, [Fingerprint, number]>();
  let seed = 12345;
  const rand = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  for (let step = 0; step < 20_000; step++) {
    // Few distinct low values near the table's end, so runs collide and wrap past slot 0.
    const f = fp(1 + rand(2), rand(50), 1020 + rand(8) + (rand(4) << 16));
    const op = rand(3);
    if (op === 2) {
      table.delete(f);
      reference.delete(keyOf(f));
    } else if (reference.size < 3000) {
      table.set(f, step);
      reference.set(keyOf(f), [f, step]);
    }
    if (step % 1000 === 0 || step === 19_999) {
      expect(table.size).toBe(reference.size);
      for (const [f2, expiry] of reference.values()) expect(table.get(f2)).toBe(expiry);
    }
  }
});

test('the table grows past its first size and keeps every entry', () => {
  const table = new FingerprintTable(1 << 16);
  for (let i = 1; i <= 20_000; i++) table.set(fp(1, i, Math.imul(i, 0x9e3779b1)), i);
  expect(table.size).toBe(20_000);
  for (let i = 1; i <= 20_000; i += 997) expect(table.get(fp(1, i, Math.imul(i, 0x9e3779b1)))).toBe(i);
});

test('the queue hands entries back in order across wrap-around and growth', () => {
  const queue = new FingerprintQueue();
  const out = fp(0, 0, 0);
  let next = 0;
  let taken = 0;
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < 700 * (round + 1); i++, next++) queue.push(fp(1, next, next * 7), next);
    for (let i = 0; i < 600 * (round + 1); i++, taken++) {
      expect(queue.peekExpiry()).toBe(taken);
      expect(queue.shift(out)).toBe(taken);
      expect(out).toEqual(fp(1, taken, taken * 7));
    }
  }
  expect(queue.length).toBe(next - taken);
});

test('fingerprints depend on the scope and on every character, and on the process seed', () => {
  const hasher = new NonceHasher();
  const of = (h: NonceHasher, scope: number, nonce: string) => {
    const f = fp(0, 0, 0);
    h.fingerprint(scope, nonce, f);
    return f;
  };
  expect(of(hasher, 1, 'abc')).toEqual(of(hasher, 1, 'abc'));
  const distinct = new Set([of(hasher, 1, 'abc'), of(hasher, 2, 'abc'), of(hasher, 1, 'abd'), of(hasher, 1, 'abc\0'), of(hasher, 1, 'bac')].map(keyOf));
  expect(distinct.size).toBe(5);
  expect(keyOf(of(new NonceHasher(), 1, 'abc'))).not.toBe(keyOf(of(hasher, 1, 'abc')));
  // 100,000 UUID-like nonces: no two share a 64-bit fingerprint.
  const seen = new Set<string>();
  for (let i = 0; i < 100_000; i++) seen.add(keyOf(of(hasher, 1, `5f0c2a1e-${i.toString(16).padStart(4, '0')}-4c1d-9e3a-0242ac120002`)));
  expect(seen.size).toBe(100_000);
});
