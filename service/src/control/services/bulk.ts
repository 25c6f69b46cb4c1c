/**
 * Operations over many resources in one transaction: bulk app authorization and publishing every
 * API of a group. Either all items succeed or nothing is written.
 */
import { kindOf } from '../catalogue/kinds';
import { ApiError } from '../errors';
import type { RequestContext } from '../resources/hooks';
import { presentResource, type PublicResource } from './present';
import { newId, type ResourceService } from './resource-service';
import { validateInput } from './validator';

export function authorizeApis(service: ResourceService, ctx: RequestContext, body: any): Promise<PublicResource[]> {
  if (!Array.isArray(body?.api_ids) || body.api_ids.length === 0 || body.api_ids.length > 100) {
    throw ApiError.field('VALIDATION_FAILED', 'api_ids', 'must be a list of 1 to 100 API ids');
  }
  const kind = kindOf('app_authorization');
  const inputs = body.api_ids.map((apiId: unknown, i: number) => {
    try {
      return validateInput(kind, { app_id: body.app_id, stage_id: body.stage_id, api_id: apiId });
    } catch (error) {
      if (error instanceof ApiError && error.errors[0]?.field === 'api_id') throw ApiError.field(error.code, `api_ids[${i}]`, error.errors[0].message);
      throw error;
    }
  });
  return service.inTransaction(ctx, async (w) => {
    const created: PublicResource[] = [];
    for (const input of inputs) {
      const id = newId();
      const stored = await service.write(w, kind, id, input);
      await w.audit('create', kind.kind, id, { api_id: input.api_id, app_id: input.app_id });
      created.push(presentResource(kind, stored));
    }
    return created;
  });
}

/** Publishes every API of a group to a stage: creates or republishes each API's deployment. */
export function publishGroup(service: ResourceService, ctx: RequestContext, groupId: string, body: any): Promise<PublicResource[]> {
  const deployment = kindOf('deployment');
  return service.inTransaction(ctx, async (w) => {
    await service.mustGet(ctx.tenant, kindOf('group'), groupId, w);
    const { items: apis } = await w.resources.list(ctx.tenant, 'api', { refFilters: [{ field: 'group_id', targetId: groupId }], offset: 0, limit: 100000 }, w.tx);
    const published: PublicResource[] = [];
    for (const api of apis) {
      const input = validateInput(deployment, { api_id: api.id, stage_id: body?.stage_id, description: body?.description ?? '' });
      const { items: [existing] } = await w.resources.list(ctx.tenant, 'deployment', {
        refFilters: [{ field: 'api_id', targetId: api.id }, { field: 'stage_id', targetId: input.stage_id }], offset: 0, limit: 1,
      }, w.tx);
      const stored = await service.write(w, deployment, existing?.id ?? newId(), { ...input, triggers: existing?.data.triggers ?? {} }, existing);
      published.push(presentResource(deployment, stored));
    }
    return published;
  });
}
