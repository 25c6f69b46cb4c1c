/**
 * A deployment publishes its API: each create or replace snapshots the API definition as a new
 * immutable version (the newest N are kept per API per stage) and makes it live.
 */
import type { StoredResource } from '../db/resource-repository';
import { newVersionOf } from '../services/versions';
import type { KindHooks } from './hooks';

export const deploymentHooks: KindHooks = {
  prepare: async (w, _id, input) => {
    const api = (await w.load('api', input.api_id)) as StoredResource;
    const version = await newVersionOf(w, api, input.stage_id, input.description);
    return { version_id: version.id, version: version.version };
  },
  afterWrite: async (w, stored) => {
    const { api_id, stage_id, version_id } = stored.data;
    await w.versions.prune(api_id, stage_id, w.config.maxVersionsPerApiStage, version_id, w.tx);
    await w.audit('publish', 'api', api_id, { stage_id, version_id, version: stored.data.version });
  },
};
