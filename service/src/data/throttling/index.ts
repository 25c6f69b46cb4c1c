/** Request counters for throttling: in memory, or shared through Redis across replicas. (Slot.) */
import type { DataOptions } from '../services';

export interface RateLimiter {
  close(): Promise<void>;
}

export function createRateLimiter(_options: DataOptions): RateLimiter {
  return { close: async () => undefined };
}
