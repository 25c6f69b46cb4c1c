/** State the authentication policies keep across configuration swaps (nonces, key caches). (Slot.) */
import type { DataOptions } from '../services';

export interface AuthServices {
  close(): Promise<void>;
}

export function createAuthServices(_options: DataOptions): AuthServices {
  return { close: async () => undefined };
}
