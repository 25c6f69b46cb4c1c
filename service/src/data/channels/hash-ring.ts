/**
 * Consistent hashing over a ring of virtual nodes (ketama-style), for SOURCE_IP_HASH and URI_HASH.
 * Each member owns `weight × pointsPerWeight` points at hash(`host:port#i`), so a key's owner depends
 * only on the members near its hash: adding or removing a member moves about its share of keys and
 * no others. Unhealthy members are skipped by walking clockwise, so their keys spread over the
 * neighbours and come back when they recover.
 */
import type { Member } from './members';

/** 160 points per weight unit, as nginx and ketama use: within a few percent of the weights. */
const POINTS_PER_WEIGHT = 160;
/**
 * Caps the ring (100 members of weight 100 would need 1.6 M points). Past the cap every member gets
 * proportionally fewer points, dropping the highest-numbered ones, so rescaling moves few keys too.
 */
const MAX_POINTS = 160_000;
/** Packs (hash, member index) into one float so one typed-array sort orders the ring. */
const INDEX_SPAN = 65_536;

export class HashRing {
  private readonly hashes: Uint32Array;
  private readonly owners: Uint16Array;

  constructor(private readonly members: readonly Member[]) {
    const totalWeight = members.reduce((sum, m) => sum + m.weight, 0);
    const perWeight = Math.max(1, Math.min(POINTS_PER_WEIGHT, Math.floor(MAX_POINTS / Math.max(1, totalWeight))));
    const packed = new Float64Array(totalWeight * perWeight);
    let n = 0;
    members.forEach((m, index) => {
      for (let i = 0; i < m.weight * perWeight; i++) packed[n++] = hash32(`${m.key}#${i}`) * INDEX_SPAN + index;
    });
    packed.sort();
    this.hashes = new Uint32Array(n);
    this.owners = new Uint16Array(n);
    for (let i = 0; i < n; i++) {
      this.hashes[i] = Math.floor(packed[i] / INDEX_SPAN);
      this.owners[i] = packed[i] % INDEX_SPAN;
    }
  }

  get size(): number {
    return this.hashes.length;
  }

  /** The first healthy member clockwise from `hash`, or undefined when no weighted member is healthy. */
  pick(hash: number): Member | undefined {
    const n = this.hashes.length;
    if (n === 0) return undefined;
    const start = this.firstAtOrAfter(hash);
    const first = this.members[this.owners[start]];
    if (first.health.healthy) return first;
    if (!this.members.some((m) => m.weight > 0 && m.health.healthy)) return undefined;
    for (let step = 1; ; step++) {
      const member = this.members[this.owners[(start + step) % n]];
      if (member.health.healthy) return member;
    }
  }

  private firstAtOrAfter(hash: number): number {
    let lo = 0;
    let hi = this.hashes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.hashes[mid] < hash) lo = mid + 1; else hi = mid;
    }
    return lo === this.hashes.length ? 0 : lo;
  }
}

/**
 * The ring's 32-bit string hash, also used for request keys: FNV-1a over UTF-16 code units, then
 * MurmurHash3's finaliser so that near-identical inputs (`10.0.0.1`, `10.0.0.2`, `host:80#17`)
 * spread over the whole ring. Not cryptographic: a client choosing its key only chooses its member.
 */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
