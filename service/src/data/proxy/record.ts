/** After the response: metrics and the access log line (outside the request's critical section). */
import type { IncomingMessage, ServerResponse } from 'node:http';
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

export function recordCall(services: DataServices, req: IncomingMessage, res: ServerResponse, r: CallRecord): void {
  const seconds = (performance.now() - r.started) / 1000;
  const labels = { group: r.group, api: r.api, stage: r.stage };
  const m = services.metrics;
  m.requests.inc({ ...labels, status_class: `${Math.floor(res.statusCode / 100)}xx` });
  m.duration.observe(labels, seconds);
  if (r.upstreamMs !== undefined) m.upstreamDuration.observe(labels, r.upstreamMs / 1000);
  if (r.error) m.errors.inc({ ...labels, code: r.error });
  services.accessLog?.info({
    request_id: r.requestId, method: req.method, host: req.headers.host, path: (req.url ?? '').split('?')[0],
    status: res.statusCode, duration_ms: Math.round(seconds * 1e6) / 1e3, upstream_ms: r.upstreamMs,
    group: r.group || undefined, api: r.api || undefined, stage: r.stage || undefined, app: r.app, source_ip: r.sourceIp, error_code: r.error,
  });
}
