/**
 * Long-lived state of the data plane that survives configuration swaps: upstream connection pools,
 * counters, nonce memory, health status. Built once per process and handed to policy factories.
 */
import type { Logger } from 'pino';
import type { OutgoingRequest } from './backend/outgoing';
import { UpstreamPools } from './backend/pools';
import type { DataMetrics } from './metrics';
import type { CallContext } from './pipeline/context';

export interface DataOptions {
  maxBackendTimeoutMs: number;
  maxBodyBytes: number;
  defaultRateLimitPerSecond: number;
  allowAppCodeOverHttp: boolean;
}

export interface DataServices {
  readonly options: DataOptions;
  readonly upstreams: UpstreamPools;
  readonly metrics: DataMetrics;
  /** Milliseconds since the epoch; replaceable so time-window tests need no sleeping. */
  now(): number;
  log?: Logger;
  /** One JSON line per request, written after the response. */
  accessLog?: Logger;
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
}

export function createDataServices(options: DataOptions, metrics: DataMetrics, logs: { log?: Logger; accessLog?: Logger } = {}): DataServices {
  const upstreams = new UpstreamPools();
  return {
    options,
    upstreams,
    metrics,
    now: () => Date.now(),
    ...logs,
    close: () => upstreams.close(),
  };
}
