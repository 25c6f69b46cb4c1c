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
 * and backward-shift deletion (no tombstones), doubling while more than half full. Each slot is four
 * adjacent int32s (scope, hi, lo, expiry), so a probe reads one cache line: with a million entries
 * the table is far bigger than the cache, and four separate arrays cost four misses per probe
 * (measured: ~0.5 µs per claim). Scope 0 marks an empty slot.
 */
const SCOPE = 0;
const HI = 1;
const LO = 2;
const EXPIRY = 3;
const STRIDE = 4;

export class FingerprintTable {
  private slots: Int32Array;
  private mask: number;
  size = 0;

  constructor(private readonly maxSlots: number) {
    const count = Math.min(MIN_SLOTS, maxSlots);
    this.slots = new Int32Array(count * STRIDE);
    this.mask = count - 1;
  }

  /** The expiry stored for `f`, or undefined. */
  get(f: Fingerprint): number | undefined {
    const at = this.find(f);
    return at < 0 ? undefined : this.slots[at + EXPIRY];
  }

  /** Inserts or updates. The owner keeps size ≤ maxSlots / 2, so a free slot always ends a run. */
  set(f: Fingerprint, expiry: number): void {
    if ((this.size + 1) * 2 > this.mask + 1 && this.mask + 1 < this.maxSlots) this.resize((this.mask + 1) * 2);
    const slots = this.slots;
    let slot = f.lo & this.mask;
    for (;;) {
      const at = slot * STRIDE;
      const scope = slots[at + SCOPE];
      if (scope === 0) {
        slots[at + SCOPE] = f.scope;
        slots[at + HI] = f.hi;
        slots[at + LO] = f.lo;
        slots[at + EXPIRY] = expiry;
        this.size++;
        return;
      }
      if (scope === f.scope && slots[at + HI] === f.hi && slots[at + LO] === f.lo) {
        slots[at + EXPIRY] = expiry;
        return;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  delete(f: Fingerprint): void {
    const found = this.find(f);
    if (found < 0) return;
    this.size--;
    const slots = this.slots;
    // Backward shift: move later members of the run into the hole when that brings them nearer home.
    let hole = found / STRIDE;
    let slot = hole;
    for (;;) {
      slot = (slot + 1) & this.mask;
      const at = slot * STRIDE;
      if (slots[at + SCOPE] === 0) break;
      const home = slots[at + LO] & this.mask;
      // The entry may move to `hole` only if its home is not in (hole, slot], cyclically.
      const stays = hole <= slot ? hole < home && home <= slot : hole < home || home <= slot;
      if (stays) continue;
      slots.copyWithin(hole * STRIDE, at, at + STRIDE);
      hole = slot;
    }
    slots[hole * STRIDE + SCOPE] = 0;
  }

  clear(): void {
    this.slots.fill(0);
    this.size = 0;
  }

  /** The index of `f`'s slot in `slots`, or -1. */
  private find(f: Fingerprint): number {
    const slots = this.slots;
    let slot = f.lo & this.mask;
    for (;;) {
      const at = slot * STRIDE;
      const scope = slots[at + SCOPE];
      if (scope === 0) return -1;
      if (scope === f.scope && slots[at + HI] === f.hi && slots[at + LO] === f.lo) return at;
      slot = (slot + 1) & this.mask;
    }
  }

  private resize(count: number): void {
    const old = this.slots;
    this.slots = new Int32Array(count * STRIDE);
    this.mask = count - 1;
    this.size = 0;
    const f: Fingerprint = { scope: 0, hi: 0, lo: 0 };
    for (let at = 0; at < old.length; at += STRIDE) {
      if (old[at + SCOPE] === 0) continue;
      f.scope = old[at + SCOPE];
      f.hi = old[at + HI];
      f.lo = old[at + LO];
      this.set(f, old[at + EXPIRY]);
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
