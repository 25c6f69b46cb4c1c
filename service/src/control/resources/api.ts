/**
 * Two APIs of a group may not serve the same method and path (`{a}` and `{b}` are the same path);
 * deleting an API (possible only once it is offline everywhere) drops its version history.
 */
import { ApiError } from '../errors';
import type { KindHooks, WriteContext } from './hooks';

/** `/users/{id}/files/{path+}` → `/users/{}/files/{+}` */
export const normalisePath = (path: string): string =>
  path.replace(/\{[^{}]+\+\}/g, '{+}').replace(/\{[^{}+]+\}/g, '{}').replace(/(.)\/$/, '$1');

export function routesOverlap(a: Record<string, any>, b: Record<string, any>): boolean {
  if (normalisePath(a.path) !== normalisePath(b.path) || a.match_mode !== b.match_mode) return false;
  return a.method === b.method || a.method === 'ANY' || b.method === 'ANY';
}

interface RouteEntry { id: string; name: string; request: Record<string, any> }

/** A group's routes by normalised path and match mode (and where each API sits, to move it on replace). */
interface RouteIndex { byKey: Map<string, RouteEntry[]>; keyOf: Map<string, string> }

const routeKey = (request: Record<string, any>) => `${normalisePath(request.path)} ${request.match_mode}`;

function addRoute(index: RouteIndex, entry: RouteEntry): void {
  const previous = index.keyOf.get(entry.id);
  if (previous !== undefined) index.byKey.set(previous, index.byKey.get(previous)!.filter((e) => e.id !== entry.id));
  const key = routeKey(entry.request);
  index.byKey.set(key, [...(index.byKey.get(key) ?? []), entry]);
  index.keyOf.set(entry.id, key);
}

/** Built once per transaction, so importing N APIs into a group costs O(N), not O(N²). */
async function routeIndex(w: WriteContext, groupId: string): Promise<RouteIndex> {
  const memoKey = `api-routes:${groupId}`;
  const cached = w.memo.get(memoKey) as RouteIndex | undefined;
  if (cached) return cached;
  const { items } = await w.resources.list(w.tenant, 'api', {
    refFilters: [{ field: 'group_id', targetId: groupId }], offset: 0, limit: 1_000_000,
  }, w.tx);
  const index: RouteIndex = { byKey: new Map(), keyOf: new Map() };
  for (const a of items) addRoute(index, { id: a.id, name: String(a.name), request: a.data.request });
  w.memo.set(memoKey, index);
  return index;
}

export const apiHooks: KindHooks = {
  prepare: async (w, id, input) => {
    const index = await routeIndex(w, input.group_id);
    const clash = (index.byKey.get(routeKey(input.request)) ?? []).find((other) => other.id !== id && routesOverlap(other.request, input.request));
    if (clash) {
      throw ApiError.field('PATH_CONFLICT', 'request.path',
        `API "${clash.name}" (${clash.id}) already serves ${clash.request.method} ${clash.request.path} in this group`);
    }
    addRoute(index, { id, name: input.name, request: input.request });
    return {};
  },
  afterDelete: async (w, existing) => {
    await w.versions.deleteForApi(existing.id, w.tx);
  },
};
