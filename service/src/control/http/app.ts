/**
 * The management API (express): health and documents without a token, everything under /v1 with a
 * Bearer token naming the tenant. Routes stay thin; services hold the rules.
 */
import express, { type Express } from 'express';
import type { ServiceMetrics } from '../../shared/metrics';
import { measureRequests, metricsEndpoint } from './metrics';
import type { ResourceService } from '../services/resource-service';
import type { TenantService } from '../services/tenant-service';
import { actionRoutes } from './action-routes';
import { authenticate, contextOf, requestId } from './context';
import { errorHandler, routeNotFound, type ErrorLogger } from './errors';
import { importExportRoutes } from './import-export-routes';
import { resourceRoutes } from './resource-routes';
import { ApiError } from '../errors';

export interface AdminAppOptions {
  service: ResourceService;
  tenants: TenantService;
  jwtSecret: string;
  openapiDocument: object;
  log: ErrorLogger;
  metrics: ServiceMetrics;
  maxJsonBytes?: number;
}

function requireJson(req: express.Request, _res: express.Response, next: express.NextFunction): void {
  const hasBody = req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH';
  if (hasBody && req.headers['content-length'] !== '0' && req.get('content-type') && !req.is('application/json')) {
    return next(new ApiError('UNSUPPORTED_MEDIA_TYPE'));
  }
  next();
}

export function createAdminApp(options: AdminAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(requestId, measureRequests(options.metrics));
  app.get('/healthz', (_req, res) => { res.json({ status: 'ok' }); });
  app.get('/readyz', async (_req, res) => {
    try {
      await options.service.db.ping();
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'database unavailable' });
    }
  });
  app.get('/openapi.json', (_req, res) => { res.json(options.openapiDocument); });
  app.get('/metrics', metricsEndpoint(options.metrics));

  app.use('/v1', authenticate(options.jwtSecret), requireJson,
    express.json({ limit: options.maxJsonBytes ?? 6 * 1024 * 1024, strict: true }),
    async (req, _res, next) => { await options.tenants.ensure(contextOf(req)); next(); });
  app.use(resourceRoutes(options.service));
  app.use(actionRoutes(options.service));
  app.use(importExportRoutes(options.service));
  app.use(routeNotFound);
  app.use(errorHandler(options.log));
  return app;
}
