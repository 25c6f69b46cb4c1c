/**
 * Replay protection for signed requests: a nonce may be used once while its timestamp is inside the
 * window. This is the in-process store; redis-nonce-store.ts shares nonces between proxy replicas.
 */
import { FingerprintQueue, FingerprintTable, NonceHasher, type Fingerprint } from './nonce-table';

/** A signed request is accepted while its X-Ca-Timestamp is within this distance of the gateway clock. */
export const NONCE_WINDOW_MS = 15 * 60 * 1000;

export interface NonceStore {
  /**
   * Records `nonce` of app `scope` for a request stamped `timestamp`. False when it was already
   * recorded in its window, or when the store can no longer prove that it was not.
   */
  claim(scope: string, nonce: string, timestamp: number, now: number): boolean | Promise<boolean>;
  close(): Promise<void>;
}

/**
 * How long a nonce must be remembered: a request stays acceptable until its timestamp leaves the
 * window, so one stamped in the future (clock skew, up to the window) needs longer than the window.
 */
export function nonceTtl(timestamp: number, now: number): number {
  return Math.max(0, timestamp - now) + NONCE_WINDOW_MS;
}

const SWEEP_EVERY_MS = 1000;
/** Expiries are kept in whole seconds from this epoch, so they fit the tables' 32-bit slots. */
const EPOCH_S = 1_700_000_000;

const seconds = (ms: number) => Math.floor(ms / 1000) - EPOCH_S;

/**
 * Live nonces as fingerprints in a hash table (nonce-table.ts: flat typed arrays, nothing for the GC
 * to trace), and their recording order in a FIFO queue beside it. The TTL is the same for every
 * request with a past timestamp, so the queue is in expiry order and expired entries leave from its
 * head. The size is bounded: when full the oldest entry is dropped and its app's floor moves up to
 * its timestamp; that app's requests stamped at or before its floor are refused, so a dropped nonce
 * can never be replayed. Under extreme load the price is refusing old timestamps, and only for the
 * apps that were dropped from (an app stamping far in the future cannot make other apps' requests fail).
 */
export class MemoryNonceStore implements NonceStore {
  private readonly hasher = new NonceHasher();
  private readonly live: FingerprintTable;
  private readonly queue = new FingerprintQueue();
  /** App key → scope id (≥ 1) used in fingerprints; app keys are configuration, so this stays small. */
  private readonly scopeIds = new Map<string, number>();
  /** Scope id → timestamp (ms) at or before which that app's requests are refused. */
  private readonly floors = new Map<number, number>();
  private nextSweep = 0;
  /** Scratch fingerprints, reused: claim allocates nothing. */
  private readonly probe: Fingerprint = { scope: 0, hi: 0, lo: 0 };
  private readonly dropped: Fingerprint = { scope: 0, hi: 0, lo: 0 };

  constructor(private readonly maxEntries = 1_000_000) {
    this.live = new FingerprintTable(2 ** Math.ceil(Math.log2(Math.max(2, maxEntries * 2))));
  }

  get size(): number {
    return this.live.size;
  }

  claim(scope: string, nonce: string, timestamp: number, now: number): boolean {
    if (now >= this.nextSweep) this.sweep(now);
    const id = this.scopeId(scope);
    if (this.floors.size !== 0 && timestamp <= (this.floors.get(id) ?? Number.NEGATIVE_INFINITY)) return false;
    const f = this.probe;
    this.hasher.fingerprint(id, nonce, f);
    const expiry = this.live.get(f);
    if (expiry !== undefined && expiry > seconds(now)) return false;
    if (expiry === undefined && this.live.size >= this.maxEntries) this.evictOldest();
    // Rounded up: an entry may outlive its window by under a second, never the other way round.
    const expires = seconds(now + nonceTtl(timestamp, now) + 999);
    this.live.set(f, expires);
    this.queue.push(f, expires);
    return true;
  }

  async close(): Promise<void> {
    this.live.clear();
    this.queue.clear();
    this.floors.clear();
  }

  private scopeId(scope: string): number {
    let id = this.scopeIds.get(scope);
    if (id === undefined) {
      id = this.scopeIds.size + 1;
      this.scopeIds.set(scope, id);
    }
    return id;
  }

  private sweep(now: number): void {
    const current = seconds(now);
    while (this.queue.length > 0 && this.queue.peekExpiry() <= current) this.dropHead();
    this.nextSweep = now + SWEEP_EVERY_MS;
  }

  private evictOldest(): void {
    while (this.queue.length > 0) {
      const expiry = this.dropHead();
      if (expiry === undefined) continue;
      // expiry - window ≥ max(timestamp, time recorded): nothing of that app stamped up to it is provably fresh.
      const scope = this.dropped.scope;
      const floor = (expiry + EPOCH_S) * 1000 - NONCE_WINDOW_MS;
      this.floors.set(scope, Math.max(this.floors.get(scope) ?? Number.NEGATIVE_INFINITY, floor));
      return;
    }
  }

  /** Removes the queue head; its expiry when it was the live entry of its nonce (not a superseded one). */
  private dropHead(): number | undefined {
    const f = this.dropped;
    const expiry = this.queue.shift(f);
    if (this.live.get(f) !== expiry) return undefined;
    this.live.delete(f);
    return expiry;
  }
}
