/** apigw_deployment hooks. Any update republishes, which makes a new live version. */
import type { ResourceHooks } from './hooks';

export const deployment: ResourceHooks = {
  volatileOnUpdate: ['updated_at', 'version_id', 'version'],
};
