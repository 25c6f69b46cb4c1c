/**
 * Replay protection for signed requests: a nonce may be used once while its timestamp is inside the
 * window. This is the in-process store; redis-nonce-store.ts shares nonces between proxy replicas.
 */

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
/** Expiries are kept in whole seconds from this epoch so they stay small integers (no heap number per entry). */
const EPOCH_S = 1_700_000_000;
const COMPACT_AT = 4096;

const seconds = (ms: number) => Math.floor(ms / 1000) - EPOCH_S;

/**
 * Live nonces in a Map, and their expiry order in a FIFO queue beside it (a Map alone is no queue:
 * V8 leaves deleted entries as holes that every walk from the front must skip again). The TTL is the
 * same for every request with a past timestamp, so the queue is in expiry order and expired entries
 * leave from its head. The size is bounded: when full the oldest entry is dropped and its app's floor
 * moves up to its timestamp; that app's requests stamped at or before its floor are refused, so a
 * dropped nonce can never be replayed. Under extreme load the price is refusing old timestamps, and
 * only for the apps that were dropped from (an app stamping far in the future cannot make other apps'
 * requests fail).
 */
export class MemoryNonceStore implements NonceStore {
  /** `scope \n nonce` → expiry (s); a header value cannot contain a newline, so the key is unambiguous. */
  private readonly live = new Map<string, number>();
  private queueKeys: string[] = [];
  private queueExpiries: number[] = [];
  private head = 0;
  private readonly floors = new Map<string, number>();
  private nextSweep = 0;

  constructor(private readonly maxEntries = 1_000_000) {}

  get size(): number {
    return this.live.size;
  }

  claim(scope: string, nonce: string, timestamp: number, now: number): boolean {
    if (now >= this.nextSweep) this.sweep(now);
    if (this.floors.size !== 0 && timestamp <= (this.floors.get(scope) ?? Number.NEGATIVE_INFINITY)) return false;
    const key = `${scope}\n${nonce}`;
    const expiry = this.live.get(key);
    if (expiry !== undefined && expiry > seconds(now)) return false;
    if (this.live.size >= this.maxEntries) this.evictOldest();
    // Rounded up: an entry may outlive its window by under a second, never the other way round.
    const expires = seconds(now + nonceTtl(timestamp, now) + 999);
    this.live.set(key, expires);
    this.queueKeys.push(key);
    this.queueExpiries.push(expires);
    return true;
  }

  async close(): Promise<void> {
    this.live.clear();
    this.floors.clear();
    this.queueKeys = [];
    this.queueExpiries = [];
    this.head = 0;
  }

  private sweep(now: number): void {
    const current = seconds(now);
    while (this.head < this.queueKeys.length && this.queueExpiries[this.head] <= current) this.dropHead();
    this.nextSweep = now + SWEEP_EVERY_MS;
  }

  private evictOldest(): void {
    while (this.head < this.queueKeys.length) {
      const key = this.queueKeys[this.head];
      const expiry = this.queueExpiries[this.head];
      if (!this.dropHead()) continue;
      // expiry - window ≥ max(timestamp, time recorded): nothing of that app stamped up to it is provably fresh.
      const scope = key.slice(0, key.indexOf('\n'));
      const floor = (expiry + EPOCH_S) * 1000 - NONCE_WINDOW_MS;
      this.floors.set(scope, Math.max(this.floors.get(scope) ?? Number.NEGATIVE_INFINITY, floor));
      return;
    }
  }

  /** Removes the queue head; true when it was the live entry of its key (not a superseded one). */
  private dropHead(): boolean {
    const key = this.queueKeys[this.head];
    const wasLive = this.live.get(key) === this.queueExpiries[this.head];
    if (wasLive) this.live.delete(key);
    this.head++;
    if (this.head >= COMPACT_AT && this.head * 2 >= this.queueKeys.length) {
      this.queueKeys = this.queueKeys.slice(this.head);
      this.queueExpiries = this.queueExpiries.slice(this.head);
      this.head = 0;
    }
    return wasLive;
  }
}
