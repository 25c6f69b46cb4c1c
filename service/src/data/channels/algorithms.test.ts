/**
 * The four balancing algorithms on fake members: exact smooth round-robin sequences, weighted
 * least connections with pick/release, and the consistent-hash ring's spread and stability.
 */
import type { RuntimeChannel } from '../../shared/runtime-config';
import { Connections } from './connections';
import { HashRing, hash32 } from './hash-ring';
import { buildMembers, type Member } from './members';
import { createPicker } from './pickers';
import { SmoothWeighted } from './smooth-weighted';

function channelDef(weights: number[], algorithm: RuntimeChannel['algorithm'] = 'ROUND_ROBIN'): RuntimeChannel {
  return { id: 'ch', algorithm, members: weights.map((weight, i) => ({ host: '10.0.0.1', port: 8000 + i, weight })) };
}
const members = (weights: number[]): Member[] => buildMembers(channelDef(weights), new Map());

/** Picks per member port over `n` calls. */
function tally(n: number, pick: (i: number) => Member | undefined): Record<number, number> {
  const counts: Record<number, number> = {};
  for (let i = 0; i < n; i++) {
    const m = pick(i);
    if (m) counts[m.port] = (counts[m.port] ?? 0) + 1;
  }
  return counts;
}
const always = () => true;

describe('smooth weighted round robin', () => {
  test('weights 5:1:1 give nginx\'s sequence a a b a c a a', () => {
    const rr = new SmoothWeighted(members([5, 1, 1]));
    expect(Array.from({ length: 14 }, () => 'abc'[rr.next(always)!.port - 8000]).join('')).toBe('aabacaa'.repeat(2));
  });

  test('weights 1:3 split exactly 25% / 75% over whole cycles', () => {
    const rr = new SmoothWeighted(members([1, 3]));
    expect(tally(400, () => rr.next(always))).toEqual({ 8000: 100, 8001: 300 });
  });

  test('weight 0 is out of rotation; ineligible members are skipped; none left gives undefined', () => {
    const rr = new SmoothWeighted(members([0, 2, 1]));
    expect(tally(30, () => rr.next(always))).toEqual({ 8001: 20, 8002: 10 });
    expect(tally(30, () => rr.next((m) => m.port !== 8001))).toEqual({ 8002: 30 });
    expect(rr.next(() => false)).toBeUndefined();
    expect(new SmoothWeighted(members([0, 0])).next(always)).toBeUndefined();
  });
});

describe('weighted least connections', () => {
  const ctx = { sourceIp: '1.2.3.4', path: '/', rawQuery: '' };

  test('an idle channel splits by weight; busy members are avoided in proportion to weight', () => {
    const connections = new Connections();
    const pick = createPicker(channelDef([1, 3], 'LEAST_CONNECTIONS'), members([1, 3]), connections);
    expect(tally(400, () => pick(ctx))).toEqual({ 8000: 100, 8001: 300 });
    // Holding every request open: the 3-weight member takes 3 for each 1 of the other.
    const held = tally(40, () => { const m = pick(ctx)!; connections.acquire(m.key); return m; });
    expect(held).toEqual({ 8000: 10, 8001: 30 });
  });

  test('releases steer new requests to the member that freed up', () => {
    const connections = new Connections();
    const ms = members([1, 1]);
    const pick = createPicker(channelDef([1, 1], 'LEAST_CONNECTIONS'), ms, connections);
    for (let i = 0; i < 4; i++) connections.acquire(pick(ctx)!.key);
    expect([connections.count(ms[0].key), connections.count(ms[1].key)]).toEqual([2, 2]);
    connections.release(ms[1].key);
    connections.release(ms[1].key);
    expect(pick(ctx)).toBe(ms[1]);
    ms[1].health.healthy = false;
    expect(pick(ctx)).toBe(ms[0]);
    ms[0].health.healthy = false;
    expect(pick(ctx)).toBeUndefined();
  });

  test('counts never go negative and idle entries are dropped', () => {
    const connections = new Connections();
    connections.release('a:1');
    connections.acquire('a:1');
    connections.release('a:1');
    connections.release('a:1');
    expect(connections.count('a:1')).toBe(0);
    connections.acquire('a:1');
    expect(connections.count('a:1')).toBe(1);
  });
});

describe('consistent hashing', () => {
  const KEYS = Array.from({ length: 20_000 }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
  const owners = (ring: HashRing): number[] => KEYS.map((k) => ring.pick(hash32(k))!.port);

  test('keys spread by weight: 1:3 within a few percent of 25% / 75%', () => {
    const ring = new HashRing(members([1, 3]));
    const share = tally(KEYS.length, (i) => ring.pick(hash32(KEYS[i])))[8000] / KEYS.length;
    expect(share).toBeGreaterThan(0.21);
    expect(share).toBeLessThan(0.29);
  });

  test('equal weights balance within ±25% of the fair share', () => {
    const ring = new HashRing(members(Array(8).fill(1)));
    const counts = Object.values(tally(KEYS.length, (i) => ring.pick(hash32(KEYS[i]))));
    expect(counts).toHaveLength(8);
    for (const c of counts) expect(Math.abs(c / (KEYS.length / 8) - 1)).toBeLessThan(0.25);
  });

  test('adding a member moves about 1/n of the keys, all of them to the new member', () => {
    const before = owners(new HashRing(members(Array(9).fill(1))));
    const after = owners(new HashRing(members(Array(10).fill(1))));
    const moved = after.filter((port, i) => port !== before[i]);
    expect(moved.length / KEYS.length).toBeGreaterThan(0.1 * 0.7);
    expect(moved.length / KEYS.length).toBeLessThan(0.1 * 1.3);
    expect(moved.every((port) => port === 8009)).toBe(true);
  });

  test('removing a member moves only its keys; rescaling past the point cap moves few', () => {
    const full = channelDef(Array(10).fill(1));
    const before = owners(new HashRing(buildMembers(full, new Map())));
    const after = owners(new HashRing(buildMembers({ ...full, members: full.members.filter((m) => m.port !== 8003) }, new Map())));
    expect(before.every((port, i) => port === 8003 || port === after[i])).toBe(true);
    const capped = owners(new HashRing(members(Array(20).fill(100)))); // 80 points per weight unit
    const rescaled = owners(new HashRing(members(Array(21).fill(100)))); // 76 per unit
    expect(capped.filter((port, i) => port !== rescaled[i]).length / KEYS.length).toBeLessThan(0.15);
  });

  test('unhealthy members are skipped clockwise and get their keys back on recovery', () => {
    const ms = members([1, 1, 1]);
    const ring = new HashRing(ms);
    const before = owners(ring);
    ms[1].health.healthy = false;
    const during = owners(ring);
    expect(during).not.toContain(8001);
    expect(before.every((port, i) => port === 8001 || port === during[i])).toBe(true);
    ms[1].health.healthy = true;
    expect(owners(ring)).toEqual(before);
    for (const m of ms) m.health.healthy = false;
    expect(ring.pick(hash32('x'))).toBeUndefined();
  });

  test('weight 0 members own no points; an empty ring picks nothing', () => {
    const ring = new HashRing(members([0, 2]));
    expect(ring.size).toBe(320);
    expect(new Set(owners(ring))).toEqual(new Set([8001]));
    expect(new HashRing(members([0])).pick(1)).toBeUndefined();
  });

  test('source-IP hash keys on the client address, URI hash on path and query', () => {
    const ms = members(Array(8).fill(1));
    const byIp = createPicker(channelDef(Array(8).fill(1), 'SOURCE_IP_HASH'), ms, new Connections());
    const byUri = createPicker(channelDef(Array(8).fill(1), 'URI_HASH'), ms, new Connections());
    const at = (sourceIp: string, path: string, rawQuery = '') => ({ sourceIp, path, rawQuery });
    expect(new Set(KEYS.slice(0, 50).map((k) => byIp(at('9.9.9.9', `/${k}`))))).toHaveProperty('size', 1);
    expect(new Set(KEYS.slice(0, 50).map((k) => byIp(at(k, '/'))!.port)).size).toBeGreaterThan(4);
    expect(byUri(at('1.1.1.1', '/a', 'x=1'))).toBe(byUri(at('2.2.2.2', '/a', 'x=1')));
    const paths = KEYS.slice(0, 50).map((k) => byUri(at('1.1.1.1', '/a', `k=${k}`))!.port);
    expect(new Set(paths).size).toBeGreaterThan(4);
  });
});
