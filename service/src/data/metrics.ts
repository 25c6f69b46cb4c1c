/**
 * Proxy metrics. Labels are bounded by configuration, never by traffic: group, API and stage ids of
 * published APIs, status class, error code from the closed registry. Unmatched requests are counted
 * with empty group / API labels.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { RouteMeters } from './route-meters';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export interface DataMetrics {
  /** Requests, request latency and upstream latency per route (see route-meters.ts for why not prom-client's). */
  routes: RouteMeters;
  errors: Counter<'group' | 'api' | 'stage' | 'code'>;
  throttled: Counter<'group' | 'api' | 'stage' | 'dimension'>;
  denied: Counter<'group' | 'api' | 'stage' | 'reason'>;
  configRevision: Gauge;
  configReloadSeconds: Histogram;
  configReloadFailures: Counter;
  openConnections: Gauge;
}

export function createDataMetrics(registry: Registry): DataMetrics {
  const registers = [registry];
  const route = ['group', 'api', 'stage'] as const;
  const routes = new RouteMeters(LATENCY_BUCKETS);
  routes.register(registry);
  return {
    routes,
    errors: new Counter({ name: 'apigw_gateway_errors_total', help: 'Responses produced by the gateway itself, by error code.', labelNames: [...route, 'code'], registers }),
    throttled: new Counter({ name: 'apigw_throttled_requests_total', help: 'Requests refused by throttling, by limit dimension.', labelNames: [...route, 'dimension'], registers }),
    denied: new Counter({ name: 'apigw_denied_requests_total', help: 'Requests refused by access control or authentication.', labelNames: [...route, 'reason'], registers }),
    configRevision: new Gauge({ name: 'apigw_config_revision', help: 'Revision of the configuration being served.', registers }),
    configReloadSeconds: new Histogram({ name: 'apigw_config_reload_duration_seconds', help: 'Time to load and compile a new configuration.', buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers }),
    configReloadFailures: new Counter({ name: 'apigw_config_reload_failures_total', help: 'Configuration loads that failed (the last good configuration stays in service).', registers }),
    openConnections: new Gauge({ name: 'apigw_open_connections', help: 'Client connections open on the proxy.', registers }),
  };
}
