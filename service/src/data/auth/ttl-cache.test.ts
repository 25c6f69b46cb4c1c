import { TtlCache } from './ttl-cache';

test('entries expire after their TTL; the oldest goes when full; TTL 0 caches nothing', () => {
  const cache = new TtlCache<string>(2);
  cache.set('a', 'A', 100, 0);
  expect(cache.get('a', 99)).toBe('A');
  expect(cache.get('a', 100)).toBeUndefined();
  cache.set('a', 'A', 100, 0);
  cache.set('b', 'B', 100, 0);
  cache.set('c', 'C', 100, 0);
  expect([cache.get('a', 1), cache.get('b', 1), cache.get('c', 1)]).toEqual([undefined, 'B', 'C']);
  cache.set('d', 'D', 0, 0);
  expect(cache.get('d', 0)).toBeUndefined();
});
