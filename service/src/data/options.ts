/** Settings of the data plane, taken from the service configuration (a leaf module: no imports). */
export interface DataOptions {
  maxBackendTimeoutMs: number;
  maxBodyBytes: number;
  defaultRateLimitPerSecond: number;
  allowAppCodeOverHttp: boolean;
  /** Shared counters and nonces across proxy replicas; in-process memory when unset. */
  redisUrl?: string;
  /** Tests only: replaces every channel health check's interval (the catalogue's minimum is 5 s). */
  healthCheckIntervalOverrideMs?: number;
}
