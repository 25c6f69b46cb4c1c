/** Channel load balancing and active health checks. (Slot.) */
import type { ChannelBalancer, DataOptions } from '../services';

export function createChannelBalancer(_options: DataOptions): ChannelBalancer & { close(): Promise<void> } {
  return { pick: () => undefined, close: async () => undefined };
}
