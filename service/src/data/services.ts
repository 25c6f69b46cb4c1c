/**
 * Long-lived state of the data plane that survives configuration swaps: upstream connection pools,
 * counters, nonce memory, health status. Built once per process and handed to policy factories.
 */
import type { Logger } from 'pino';
import type { DataOptions } from './options';
import type { AccessLog } from './access-log';
import { createAuthServices, type AuthServices } from './auth';
import type { OutgoingRequest } from './backend/outgoing';
import { UpstreamPools } from './http1/upstream';
import { signBackendRequest } from './backend/signing';
import { createChannelBalancer } from './channels';
import { createRateLimiter, type RateLimiter } from './throttling';
import type { DataMetrics } from './metrics';
import type { CallContext } from './pipeline/context';
import type { RuntimeConfig } from '../shared/runtime-config';


export interface DataServices {
  readonly options: DataOptions;
  readonly upstreams: UpstreamPools;
  readonly metrics: DataMetrics;
  readonly auth: AuthServices;
  readonly limiter: RateLimiter;
  /** Milliseconds since the epoch; replaceable so time-window tests need no sleeping. */
  now(): number;
  log?: Logger;
  /** One JSON line per request, written after the response. */
  accessLog?: AccessLog;
  /** Channel member selection (load balancing and health), when channels are in use. */
  channels?: ChannelBalancer;
  /** Signs backend requests of APIs with a bound signature key. */
  signBackend?: (ctx: CallContext, out: OutgoingRequest) => void;
  close(): Promise<void>;
}

export interface ChannelBalancer {
  /** An origin (`scheme://host:port`) of a healthy member, or undefined when none is healthy. */
  pick(channelId: string, ctx: CallContext, scheme: 'http' | 'https'): string | undefined;
  release?(origin: string): void;
  /** Called with every new configuration's channels (members, weights, health checks). */
  update?(channels: RuntimeConfig['channels']): void;
}

export function createDataServices(options: DataOptions, metrics: DataMetrics, logs: { log?: Logger; accessLog?: AccessLog } = {}): DataServices {
  const upstreams = new UpstreamPools();
  const auth = createAuthServices(options);
  const limiter = createRateLimiter(options, logs.log);
  const channels = createChannelBalancer(options);
  return {
    options,
    upstreams,
    metrics,
    auth,
    limiter,
    channels,
    signBackend: signBackendRequest,
    now: () => Date.now(),
    ...logs,
    close: async () => {
      await Promise.all([upstreams.close(), auth.close(), limiter.close(), channels.close()]);
    },
  };
}

export type { DataOptions } from './options';
