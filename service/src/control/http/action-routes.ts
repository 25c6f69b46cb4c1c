/** Routes that are actions rather than plain CRUD: secrets, versions, audit log, bulk operations. */
import { Router } from 'express';
import { ApiError } from '../errors';
import { resetAppSecret } from '../services/app-secrets';
import { authorizeApis, publishGroup } from '../services/bulk';
import type { ResourceService } from '../services/resource-service';
import { activateVersion, listVersions } from '../services/versions';
import { contextOf } from './context';
import { pageOf, pageResponse } from './pagination';

const AUDIT_FILTERS = new Set(['kind', 'resource_id', 'action', 'page_size', 'page_token']);

export function actionRoutes(service: ResourceService): Router {
  const router = Router();
  router.post('/v1/apps/:id/reset-secret', async (req, res) => {
    res.json(await resetAppSecret(service, contextOf(req), req.params.id));
  });
  router.get('/v1/apis/:id/versions', async (req, res) => {
    const stageId = typeof req.query.stage_id === 'string' ? req.query.stage_id : undefined;
    res.json({ items: await listVersions(service, contextOf(req), req.params.id, stageId) });
  });
  router.post('/v1/apis/:id/versions/:version_id/activate', async (req, res) => {
    res.json(await activateVersion(service, contextOf(req), req.params.id, req.params.version_id));
  });
  router.post('/v1/app-authorizations/batch', async (req, res) => {
    res.status(201).json({ items: await authorizeApis(service, contextOf(req), req.body) });
  });
  router.post('/v1/groups/:id/publish', async (req, res) => {
    res.json({ items: await publishGroup(service, contextOf(req), req.params.id, req.body) });
  });
  router.get('/v1/audit-events', async (req, res) => {
    const q = req.query as Record<string, string>;
    const unknown = Object.keys(q).find((k) => !AUDIT_FILTERS.has(k));
    if (unknown) throw ApiError.field('VALIDATION_FAILED', unknown, 'is not a filter of audit events');
    const page = pageOf(q);
    const { items, total } = await service.audit.list(contextOf(req).tenant, { kind: q.kind, resourceId: q.resource_id, action: q.action, ...page });
    const shown = items.map((e) => ({
      id: e.id, actor: e.actor, action: e.action, kind: e.kind, resource_id: e.resourceId,
      request_id: e.requestId, detail: e.detail, created_at: e.createdAt,
    }));
    res.json(pageResponse(shown, total, page));
  });
  return router;
}
