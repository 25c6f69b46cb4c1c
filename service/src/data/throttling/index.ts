/**
 * Request counters for throttling: fixed windows counted in process memory, or shared through Redis
 * across proxy replicas when `redisUrl` is set (falling back to memory while Redis is unreachable).
 * The throttling policy decides what to count; the limiter only counts, atomically for all keys.
 */
import type { Logger } from 'pino';
import type { DataOptions } from '../options';
import { CounterTable } from './counter-table';
import { RedisCounters } from './redis-counters';

/**
 * The keys one call is counted against, with their limits. The policy reuses one batch per API to
 * avoid allocating on the hot path, so a limiter must read it before returning (never after an await).
 */
export interface CountBatch {
  /** How many of scopes/ids/limits are in use. */
  n: number;
  /**
   * A key is a scope (policy or API, period and dimension: a string built once per configuration) and
   * the caller's id within it (tenant, app id or IP; '' for the API's own counter). Kept apart so the
   * local table looks up long-lived strings whose hashes V8 caches, instead of a new concatenation.
   */
  scopes: string[];
  ids: string[];
  limits: number[];
  /** Index of the fixed window: floor(now / periodMs). */
  window: number;
  /** When this window ends, ms since the epoch. */
  resetAt: number;
  now: number;
}

/** What `take` answers when the call is allowed (and counted); otherwise the index of the key at its limit. */
export const ALLOWED = -1;

export interface RateLimiter {
  /** True when counters are shared with other replicas (Redis). */
  readonly shared: boolean;
  /**
   * Counts the call against every key when all are below their limits and returns ALLOWED; else counts
   * nothing and returns the index of the first key at its limit. `counts`, when given, receives each
   * key's count (after counting). Synchronous with local counters; a Promise only when Redis is used.
   */
  take(batch: Readonly<CountBatch>, counts?: number[]): number | Promise<number>;
  /** Resolves once shared counters are reachable (at once for local counters). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function createRateLimiter(options: DataOptions, log?: Logger): RateLimiter {
  const local = new CounterTable({ onOverflow: () => log?.warn('throttling counter table full: new callers are limited by API limits only until windows expire') });
  if (!options.redisUrl) {
    return { shared: false, take: (batch, counts) => local.take(batch, counts), ready: async () => undefined, close: async () => local.close() };
  }
  return new RedisCounters(options.redisUrl, local, log);
}
