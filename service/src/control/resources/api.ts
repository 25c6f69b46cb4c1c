/**
 * Two APIs of a group may not serve the same method and path (`{a}` and `{b}` are the same path);
 * deleting an API (possible only once it is offline everywhere) drops its version history.
 */
import { ApiError } from '../errors';
import type { KindHooks } from './hooks';

/** `/users/{id}/files/{path+}` → `/users/{}/files/{+}` */
export const normalisePath = (path: string): string =>
  path.replace(/\{[^{}]+\+\}/g, '{+}').replace(/\{[^{}+]+\}/g, '{}').replace(/(.)\/$/, '$1');

export function routesOverlap(a: Record<string, any>, b: Record<string, any>): boolean {
  if (normalisePath(a.path) !== normalisePath(b.path) || a.match_mode !== b.match_mode) return false;
  return a.method === b.method || a.method === 'ANY' || b.method === 'ANY';
}

export const apiHooks: KindHooks = {
  prepare: async (w, id, input) => {
    const { items } = await w.resources.list(w.tenant, 'api', {
      refFilters: [{ field: 'group_id', targetId: input.group_id }], offset: 0, limit: 100000,
    }, w.tx);
    const clash = items.find((other) => other.id !== id && routesOverlap(other.data.request, input.request));
    if (clash) {
      throw ApiError.field('PATH_CONFLICT', 'request.path',
        `API "${clash.name}" (${clash.id}) already serves ${clash.data.request.method} ${clash.data.request.path} in this group`);
    }
    return {};
  },
  afterDelete: async (w, existing) => {
    await w.versions.deleteForApi(existing.id, w.tx);
  },
};
