/** RELEASE exists in every tenant and cannot be deleted. */
import { RELEASE_STAGE } from '../catalogue/kinds/stage';
import { ApiError } from '../errors';
import type { KindHooks } from './hooks';

export const stageHooks: KindHooks = {
  beforeDelete: async (_w, existing) => {
    if (existing.name === RELEASE_STAGE) throw new ApiError('IN_USE', 'the RELEASE stage always exists and cannot be deleted');
  },
};
