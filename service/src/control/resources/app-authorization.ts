/** Only APIs authenticated by apps can be granted to apps. */
import { ApiError } from '../errors';
import type { KindHooks } from './hooks';

export const appAuthorizationHooks: KindHooks = {
  prepare: async (w, _id, input) => {
    const api = await w.load('api', input.api_id);
    if (api && api.data.auth_type !== 'APP') {
      throw ApiError.field('VALIDATION_FAILED', 'api_id', `API "${api.name}" uses auth type ${api.data.auth_type}; only APP APIs take app authorizations`);
    }
    return {};
  },
};
