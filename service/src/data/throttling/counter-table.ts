/**
 * Fixed-window counters in process memory: scope → caller id → slot. A slot holds the window it
 * counts and is reset in place when a new window starts, so keys carry no window and the hot path
 * looks up existing strings only (no key is built per call). A periodic sweep drops slots whose
 * window has ended, and the table is bounded: see `create` for what happens when it is full.
 */
import type { CountBatch } from './index';

interface Slot {
  window: number;
  count: number;
  /** End of the slot's window, ms since the epoch; the sweep drops it after that. */
  expires: number;
}

export interface CounterTableOptions {
  maxEntries?: number;
  sweepMs?: number;
  /** Called once each time the table fills up with live windows. */
  onOverflow?: () => void;
}

const ALLOWED = -1;
/** About 150 bytes per slot: some 75 MB at most. */
const DEFAULT_MAX_ENTRIES = 500_000;
const DEFAULT_SWEEP_MS = 10_000;

export class CounterTable {
  private readonly scopes = new Map<string, Map<string, Slot>>();
  private entries = 0;
  /** Scratch for the slots found in the first pass of `take` (n ≤ 4); reused, never escapes. */
  private readonly found: Array<Slot | undefined> = [undefined, undefined, undefined, undefined];
  private readonly maxEntries: number;
  private readonly timer: NodeJS.Timeout;
  /** Latest `now` seen: the sweep follows the callers' clock, which tests may replace. */
  private latest = 0;
  private lastSweep = 0;
  private overflowing = false;

  constructor(private readonly options: CounterTableOptions = {}) {
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.timer = setInterval(() => this.sweep(), options.sweepMs ?? DEFAULT_SWEEP_MS);
    this.timer.unref();
  }

  get size(): number {
    return this.entries;
  }

  /** Check every key first, then count them all or none: a refused call must not use up other limits. */
  take(batch: Readonly<CountBatch>, counts?: number[]): number {
    const { n, scopes, ids, limits, window } = batch;
    this.latest = batch.now;
    let blocked = ALLOWED;
    for (let i = 0; i < n; i++) {
      const slot = this.scopes.get(scopes[i])?.get(ids[i]);
      if (slot !== undefined && slot.window !== window) {
        slot.window = window;
        slot.count = 0;
        slot.expires = batch.resetAt;
      }
      this.found[i] = slot;
      const count = slot === undefined ? 0 : slot.count;
      if (counts !== undefined) counts[i] = count;
      if (blocked === ALLOWED && count >= limits[i]) blocked = i;
    }
    if (blocked !== ALLOWED) return blocked;
    for (let i = 0; i < n; i++) {
      const slot = this.found[i] ?? this.create(scopes[i], ids[i], batch, i === 0);
      const count = slot === undefined ? 1 : ++slot.count;
      if (counts !== undefined) counts[i] = count;
      this.found[i] = undefined;
    }
    return ALLOWED;
  }

  /**
   * A new slot. When the table is full of live windows, keys driven by traffic (tenant, app, source IP)
   * are not tracked, so those callers are limited by the API limit only until windows expire; the
   * first key of a batch (the API's own counter, bounded by configuration) is always tracked. Memory
   * stays bounded and existing counters stay exact; a flood of new source IPs cannot evict them.
   */
  private create(scope: string, id: string, batch: Readonly<CountBatch>, always: boolean): Slot | undefined {
    if (this.entries >= this.maxEntries && !always) {
      if (batch.now - this.lastSweep >= 1000) this.sweep();
      if (this.entries >= this.maxEntries) {
        if (!this.overflowing) this.options.onOverflow?.();
        this.overflowing = true;
        return undefined;
      }
    }
    let slots = this.scopes.get(scope);
    if (slots === undefined) this.scopes.set(scope, (slots = new Map()));
    const slot: Slot = { window: batch.window, count: 0, expires: batch.resetAt };
    slots.set(id, slot);
    this.entries++;
    return slot;
  }

  /** Drops slots whose window has ended. */
  sweep(): void {
    const now = this.latest;
    this.lastSweep = now;
    for (const [scope, slots] of this.scopes) {
      for (const [id, slot] of slots) {
        if (slot.expires > now) continue;
        slots.delete(id);
        this.entries--;
      }
      if (slots.size === 0) this.scopes.delete(scope);
    }
    if (this.entries < this.maxEntries) this.overflowing = false;
  }

  close(): void {
    clearInterval(this.timer);
    this.scopes.clear();
    this.entries = 0;
  }
}
