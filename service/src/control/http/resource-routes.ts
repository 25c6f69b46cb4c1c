/**
 * The generic routes of every catalogue kind: `/v1/<plural>` list and create, `/v1/<plural>/{id}`
 * read, replace (PUT) and delete. List filters: `name` and any top-level reference field.
 */
import { Router } from 'express';
import { RESOURCE_KINDS } from '../catalogue/kinds';
import type { ResourceKind } from '../catalogue/types';
import { ApiError } from '../errors';
import type { ResourceService } from '../services/resource-service';
import { contextOf } from './context';
import { pageOf, pageResponse } from './pagination';

export const refFilterFields = (kind: ResourceKind): string[] =>
  Object.entries(kind.fields).filter(([, f]) => f.type === 'string' && f.ref).map(([name]) => name);

function listQuery(kind: ResourceKind, query: Record<string, unknown>) {
  const filters = refFilterFields(kind);
  const allowed = new Set(['page_size', 'page_token', ...filters, ...(kind.nameField ? ['name'] : [])]);
  const unknown = Object.keys(query).find((k) => !allowed.has(k));
  if (unknown) throw ApiError.field('VALIDATION_FAILED', unknown, `is not a filter of ${kind.plural} (use ${[...allowed].join(', ')})`);
  return {
    ...pageOf(query),
    name: typeof query.name === 'string' ? query.name : undefined,
    refFilters: filters.filter((f) => typeof query[f] === 'string').map((f) => ({ field: f, targetId: String(query[f]) })),
  };
}

export function resourceRoutes(service: ResourceService): Router {
  const router = Router();
  for (const kind of RESOURCE_KINDS) {
    const base = `/v1/${kind.plural}`;
    router.get(base, async (req, res) => {
      const q = listQuery(kind, req.query as Record<string, unknown>);
      const { items, total } = await service.list(contextOf(req), kind.kind, q);
      res.json(pageResponse(items, total, q));
    });
    router.post(base, async (req, res) => {
      res.status(201).json(await service.create(contextOf(req), kind.kind, req.body));
    });
    router.get(`${base}/:id`, async (req, res) => {
      res.json(await service.get(contextOf(req), kind.kind, req.params.id));
    });
    router.put(`${base}/:id`, async (req, res) => {
      res.json(await service.replace(contextOf(req), kind.kind, req.params.id, req.body));
    });
    router.delete(`${base}/:id`, async (req, res) => {
      await service.delete(contextOf(req), kind.kind, req.params.id);
      res.status(204).end();
    });
  }
  return router;
}
