/** Swagger / OpenAPI import into a group and export of a group's APIs. */
import { Router } from 'express';
import { exportGroup, importIntoGroup } from '../services/import-export';
import type { ResourceService } from '../services/resource-service';
import { contextOf } from './context';

export function importExportRoutes(service: ResourceService): Router {
  const router = Router();
  router.post('/v1/groups/:id/import', async (req, res) => {
    res.status(201).json(await importIntoGroup(service, contextOf(req), req.params.id, req.body));
  });
  router.get('/v1/groups/:id/export', async (req, res) => {
    res.json(await exportGroup(service, contextOf(req), req.params.id, req.query as Record<string, unknown>));
  });
  return router;
}
