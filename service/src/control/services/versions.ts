/**
 * Published versions: publishing snapshots an API definition; rollback points the stage's
 * deployment back at an older snapshot, in one transaction, so the switch is instant.
 */
import { kindOf } from '../catalogue/kinds';
import type { StoredResource } from '../db/resource-repository';
import type { ApiVersion } from '../db/version-repository';
import { ApiError } from '../errors';
import type { RequestContext, WriteContext } from '../resources/hooks';
import { presentResource, type PublicResource } from './present';
import { newId, type ResourceService } from './resource-service';

/** The API definition as published: its public fields, frozen in the version row. */
export function definitionOf(api: StoredResource): Record<string, unknown> {
  return presentResource(kindOf('api'), api);
}

export async function newVersionOf(w: WriteContext, api: StoredResource, stageId: string, description: string): Promise<ApiVersion> {
  const version: ApiVersion = {
    id: newId(), tenantId: w.tenant, apiId: api.id, stageId, description,
    version: await w.versions.nextVersionNumber(api.id, stageId, w.tx),
    definition: definitionOf(api), createdAt: w.now,
  };
  await w.versions.insert(version, w.tx);
  return version;
}

export const presentVersion = (v: ApiVersion, liveId: string | undefined) => ({
  id: v.id, api_id: v.apiId, stage_id: v.stageId, version: v.version, description: v.description,
  live: v.id === liveId, created_at: v.createdAt, definition: v.definition,
});

async function deploymentOf(w: Pick<WriteContext, 'tenant' | 'resources'> & { tx?: WriteContext['tx'] }, apiId: string, stageId: string) {
  const { items } = await w.resources.list(w.tenant, 'deployment', {
    refFilters: [{ field: 'api_id', targetId: apiId }, { field: 'stage_id', targetId: stageId }], offset: 0, limit: 1,
  }, w.tx);
  return items[0];
}

export async function listVersions(service: ResourceService, ctx: RequestContext, apiId: string, stageId?: string) {
  await service.mustGet(ctx.tenant, kindOf('api'), apiId);
  const versions = await service.versions.list(apiId, stageId);
  const live = new Map<string, string>();
  for (const stage of new Set(versions.map((v) => v.stageId))) {
    const d = await deploymentOf({ tenant: ctx.tenant, resources: service.resources }, apiId, stage);
    if (d) live.set(stage, d.data.version_id);
  }
  return versions.map((v) => presentVersion(v, live.get(v.stageId)));
}

export function activateVersion(service: ResourceService, ctx: RequestContext, apiId: string, versionId: string): Promise<PublicResource> {
  return service.inTransaction(ctx, async (w) => {
    await service.mustGet(ctx.tenant, kindOf('api'), apiId, w);
    const version = await w.versions.get(ctx.tenant, versionId, w.tx);
    if (!version || version.apiId !== apiId) throw ApiError.notFound('version', versionId);
    const deployment = await deploymentOf(w, apiId, version.stageId);
    if (!deployment) {
      throw new ApiError('NOT_PUBLISHED', `API "${apiId}" is offline in stage "${version.stageId}"; publish it (create a deployment) first`);
    }
    const updated = { ...deployment, data: { ...deployment.data, version_id: version.id, version: version.version }, updatedAt: w.now };
    await w.resources.update(updated, w.tx);
    await w.audit('rollback', 'api', apiId, { stage_id: version.stageId, version_id: version.id, version: version.version });
    return presentResource(kindOf('deployment'), updated);
  });
}
