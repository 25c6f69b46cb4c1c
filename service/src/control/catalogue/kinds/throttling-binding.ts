import { bindingFields, withCommonFields } from '../fields';
import type { ResourceKind } from '../types';

export const throttlingBinding: ResourceKind = {
  kind: 'throttling_binding',
  plural: 'throttling-bindings',
  title: 'Throttling policy binding',
  description: 'Applies a throttling policy to an API in a stage (at most one per API per stage). Takes effect at once, without republishing.',
  fields: withCommonFields('throttling_binding', bindingFields('throttling_policy', 'policy_id', 'throttling policy')),
  unique: [{ fields: ['api_id', 'stage_id'] }],
};
