/**
 * Channel load balancing and active health checks (the "VPC channel"): see docs/channels.md.
 * Pure data-plane code: it reads the compiled channels handed to `update` and nothing else.
 */
import type { DataOptions } from '../options';
import { Balancer } from './balancer';

export { Balancer } from './balancer';
export type { MemberStatus } from './channel';
export { registerChannelHealthGauge } from './metrics';

export function createChannelBalancer(options: DataOptions): Balancer {
  return new Balancer({ intervalOverrideMs: options.healthCheckIntervalOverrideMs });
}
