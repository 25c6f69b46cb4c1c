/** After the response: metrics and the access log line (outside the request's critical section). */
import type { ProxyRequest, ProxyResponse } from '../http1/types';
import type { DataServices } from '../services';

export interface CallRecord {
  started: number;
  requestId: string;
  sourceIp: string;
  group: string;
  api: string;
  stage: string;
  app?: string;
  error?: string;
  upstreamMs?: number;
}

/** Milliseconds rounded to the microsecond. */
const micros = (ms: number) => Math.round(ms * 1000) / 1000;

export function recordCall(services: DataServices, req: ProxyRequest, res: ProxyResponse, r: CallRecord): void {
  const seconds = (performance.now() - r.started) / 1000;
  const m = services.metrics;
  m.routes.of(r.group, r.api, r.stage).record(res.statusCode, seconds, r.upstreamMs === undefined ? undefined : r.upstreamMs / 1000);
  if (r.error) m.errors.inc({ group: r.group, api: r.api, stage: r.stage, code: r.error });
  if (!services.accessLog) return;
  const q = req.url.indexOf('?');
  services.accessLog.write({
    request_id: r.requestId, method: req.method, host: req.headers.host, path: q < 0 ? req.url : req.url.slice(0, q),
    status: res.statusCode, duration_ms: micros(seconds * 1000), upstream_ms: r.upstreamMs === undefined ? undefined : micros(r.upstreamMs),
    group: r.group || undefined, api: r.api || undefined, stage: r.stage || undefined, app: r.app, source_ip: r.sourceIp, error_code: r.error,
  });
}
