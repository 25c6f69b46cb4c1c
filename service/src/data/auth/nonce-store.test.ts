/** The in-memory nonce store: replays refused inside the window, forgotten after, bounded memory without replays. */
import { MemoryNonceStore, NONCE_WINDOW_MS, nonceTtl } from './nonce-store';

const T0 = 1_700_000_000_000;

test('a nonce is accepted once per app within its window, and again once the window has passed', () => {
  const store = new MemoryNonceStore();
  expect(store.claim('app1', 'n1', T0, T0)).toBe(true);
  expect(store.claim('app1', 'n1', T0, T0 + 1000)).toBe(false);
  expect(store.claim('app2', 'n1', T0, T0 + 1000)).toBe(true);
  expect(store.claim('app1', 'n1', T0, T0 + NONCE_WINDOW_MS + 1)).toBe(true);
});

test('a nonce stamped in the future is remembered until its timestamp leaves the window', () => {
  expect(nonceTtl(T0 - 5000, T0)).toBe(NONCE_WINDOW_MS);
  expect(nonceTtl(T0 + 60_000, T0)).toBe(NONCE_WINDOW_MS + 60_000);
  const store = new MemoryNonceStore();
  expect(store.claim('a', 'n', T0 + 60_000, T0)).toBe(true);
  expect(store.claim('a', 'n', T0 + 60_000, T0 + NONCE_WINDOW_MS + 30_000)).toBe(false);
});

test('expired entries are swept; when full, the oldest goes and its app refuses timestamps up to it', () => {
  const store = new MemoryNonceStore(3);
  for (let i = 0; i < 3; i++) expect(store.claim('a', `n${i}`, T0 + i, T0 + i)).toBe(true);
  expect(store.claim('b', 'x', T0 + 10, T0 + 10)).toBe(true); // evicts a/n0 (stamped T0)
  expect(store.size).toBe(3);
  expect(store.claim('a', 'n0', T0, T0 + 20)).toBe(false); // the dropped nonce still cannot be replayed
  expect(store.claim('a', 'fresh', T0 + 20, T0 + 20)).toBe(true);
  expect(store.claim('b', 'old-but-other-app', T0 - 1000, T0 + 20)).toBe(true);
  store.claim('c', 'later', T0 + NONCE_WINDOW_MS + 5000, T0 + NONCE_WINDOW_MS + 5000);
  expect(store.size).toBe(1);
});

test('many nonces across app keys: each accepted once, every replay refused, all forgotten after the window', () => {
  const store = new MemoryNonceStore(50_000);
  const nonce = (i: number) => `${i.toString(36)}-0242ac120002`;
  for (let i = 0; i < 30_000; i++) expect(store.claim(`app${i % 7}`, nonce(i), T0, T0 + i)).toBe(true);
  expect(store.size).toBe(30_000);
  let replayed = 0;
  for (let i = 0; i < 30_000; i++) if (!store.claim(`app${i % 7}`, nonce(i), T0, T0 + 40_000)) replayed++;
  expect(replayed).toBe(30_000);
  expect(store.claim('app1', nonce(0), T0 + 40_000, T0 + 40_000)).toBe(true); // app0's nonce, another app
  const later = T0 + 40_000 + NONCE_WINDOW_MS + 1000;
  expect(store.claim('app0', nonce(0), later, later)).toBe(true);
  expect(store.size).toBe(1);
});
