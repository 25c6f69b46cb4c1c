/** Management-API request metrics and the /metrics endpoint. */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ServiceMetrics } from '../../shared/metrics';

/** Counts each request by its route template (`/v1/apis/:id`), or `unmatched`, never the raw path. */
export function measureRequests(metrics: ServiceMetrics): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const end = metrics.adminDuration.startTimer();
    res.on('finish', () => {
      const route = req.route?.path ? String(req.route.path) : 'unmatched';
      const labels = { method: req.method, route };
      end(labels);
      metrics.adminRequests.inc({ ...labels, status_class: `${Math.floor(res.statusCode / 100)}xx` });
    });
    next();
  };
}

export function metricsEndpoint(metrics: ServiceMetrics): RequestHandler {
  return async (_req, res) => {
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  };
}
