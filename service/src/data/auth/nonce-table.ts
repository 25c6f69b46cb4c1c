/**
 * The storage behind the in-process nonce store: nonce fingerprints with their expiry, kept in typed
 * arrays rather than a Map of strings. At benchmark rates a 15-minute window holds a million nonces;
 * as strings in a Map they were a million heap objects that every major GC had to trace (measured:
 * ~2.5 µs per signed request in place). Here they are a few flat arrays the GC never looks into.
 *
 * A fingerprint is (scope id, two independent 32-bit hashes of the nonce, seeded at random per
 * process), so telling two nonces apart fails only on a 64-bit collision: the price of one would be a
 * single request refused as a replay, never a replay accepted.
 */
import crypto from 'node:crypto';

const MIN_SLOTS = 1024;

export interface Fingerprint {
  scope: number;
  hi: number;
  lo: number;
}

function fmix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** Two murmur3-style hashes with per-process random seeds (an attacker cannot aim at a slot). */
export class NonceHasher {
  private readonly seedHi: number;
  private readonly seedLo: number;

  constructor() {
    const seeds = crypto.randomBytes(8);
    this.seedHi = seeds.readInt32LE(0);
    this.seedLo = seeds.readInt32LE(4);
  }

  /** Fills `out` with the fingerprint of `nonce` in `scope` (an id ≥ 1); reusing `out` saves an object per call. */
  fingerprint(scope: number, nonce: string, out: Fingerprint): void {
    let hi = this.seedHi ^ scope;
    let lo = this.seedLo ^ Math.imul(scope, 0x9e3779b1);
    for (let i = 0; i < nonce.length; i++) {
      const c = nonce.charCodeAt(i);
      hi = Math.imul(hi ^ c, 0xcc9e2d51);
      hi = Math.imul((hi << 15) | (hi >>> 17), 0x1b873593);
      lo = Math.imul(lo ^ c, 0x5bd1e995);
      lo ^= lo >>> 13;
    }
    out.scope = scope;
    out.hi = fmix(hi ^ nonce.length);
    out.lo = fmix(lo ^ Math.imul(nonce.length, 0x27d4eb2d));
  }
}

/**
 * Fingerprint → expiry (whole seconds from the store's epoch), open addressing with linear probing
 * and backward-shift deletion (no tombstones), doubling while more than half full. Slot scope 0 = empty.
 */
export class FingerprintTable {
  private scopes: Int32Array;
  private his: Int32Array;
  private los: Int32Array;
  private expiries: Int32Array;
  private mask: number;
  size = 0;

  constructor(private readonly maxSlots: number) {
    const slots = Math.min(MIN_SLOTS, maxSlots);
    this.scopes = new Int32Array(slots);
    this.his = new Int32Array(slots);
    this.los = new Int32Array(slots);
    this.expiries = new Int32Array(slots);
    this.mask = slots - 1;
  }

  /** The expiry stored for `f`, or undefined. */
  get(f: Fingerprint): number | undefined {
    const slot = this.find(f);
    return slot < 0 ? undefined : this.expiries[slot];
  }

  /** Inserts or updates. The owner keeps size ≤ maxSlots / 2, so a free slot always ends a run. */
  set(f: Fingerprint, expiry: number): void {
    if ((this.size + 1) * 2 > this.scopes.length && this.scopes.length < this.maxSlots) this.resize(this.scopes.length * 2);
    let slot = f.lo & this.mask;
    for (;;) {
      const scope = this.scopes[slot];
      if (scope === 0) {
        this.scopes[slot] = f.scope;
        this.his[slot] = f.hi;
        this.los[slot] = f.lo;
        this.expiries[slot] = expiry;
        this.size++;
        return;
      }
      if (scope === f.scope && this.his[slot] === f.hi && this.los[slot] === f.lo) {
        this.expiries[slot] = expiry;
        return;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  delete(f: Fingerprint): void {
    let hole = this.find(f);
    if (hole < 0) return;
    this.size--;
    // Backward shift: move later members of the run into the hole when that brings them nearer home.
    let slot = hole;
    for (;;) {
      slot = (slot + 1) & this.mask;
      if (this.scopes[slot] === 0) break;
      const home = this.los[slot] & this.mask;
      // The entry may move to `hole` only if its home is not in (hole, slot], cyclically.
      const stays = hole <= slot ? hole < home && home <= slot : hole < home || home <= slot;
      if (stays) continue;
      this.scopes[hole] = this.scopes[slot];
      this.his[hole] = this.his[slot];
      this.los[hole] = this.los[slot];
      this.expiries[hole] = this.expiries[slot];
      hole = slot;
    }
    this.scopes[hole] = 0;
  }

  clear(): void {
    this.scopes.fill(0);
    this.size = 0;
  }

  private find(f: Fingerprint): number {
    let slot = f.lo & this.mask;
    for (;;) {
      const scope = this.scopes[slot];
      if (scope === 0) return -1;
      if (scope === f.scope && this.his[slot] === f.hi && this.los[slot] === f.lo) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  private resize(slots: number): void {
    const { scopes, his, los, expiries } = this;
    this.scopes = new Int32Array(slots);
    this.his = new Int32Array(slots);
    this.los = new Int32Array(slots);
    this.expiries = new Int32Array(slots);
    this.mask = slots - 1;
    this.size = 0;
    const f: Fingerprint = { scope: 0, hi: 0, lo: 0 };
    for (let i = 0; i < scopes.length; i++) {
      if (scopes[i] === 0) continue;
      f.scope = scopes[i];
      f.hi = his[i];
      f.lo = los[i];
      this.set(f, expiries[i]);
    }
  }
}

/** Fingerprints with their expiry in the order they were recorded: a ring buffer that doubles when full. */
export class FingerprintQueue {
  private scopes = new Int32Array(MIN_SLOTS);
  private his = new Int32Array(MIN_SLOTS);
  private los = new Int32Array(MIN_SLOTS);
  private expiries = new Int32Array(MIN_SLOTS);
  private head = 0;
  length = 0;

  push(f: Fingerprint, expiry: number): void {
    if (this.length === this.scopes.length) this.grow();
    const at = (this.head + this.length) & (this.scopes.length - 1);
    this.scopes[at] = f.scope;
    this.his[at] = f.hi;
    this.los[at] = f.lo;
    this.expiries[at] = expiry;
    this.length++;
  }

  /** The oldest entry's expiry (the queue must not be empty). */
  peekExpiry(): number {
    return this.expiries[this.head];
  }

  /** Removes the oldest entry into `out` and returns its expiry (the queue must not be empty). */
  shift(out: Fingerprint): number {
    const at = this.head;
    out.scope = this.scopes[at];
    out.hi = this.his[at];
    out.lo = this.los[at];
    this.head = (at + 1) & (this.scopes.length - 1);
    this.length--;
    return this.expiries[at];
  }

  clear(): void {
    this.head = 0;
    this.length = 0;
  }

  private grow(): void {
    const size = this.scopes.length;
    const copy = (from: Int32Array): Int32Array<ArrayBuffer> => {
      const to = new Int32Array(size * 2);
      to.set(from.subarray(this.head));
      to.set(from.subarray(0, this.head), size - this.head);
      return to;
    };
    this.scopes = copy(this.scopes);
    this.his = copy(this.his);
    this.los = copy(this.los);
    this.expiries = copy(this.expiries);
    this.head = 0;
  }
}
