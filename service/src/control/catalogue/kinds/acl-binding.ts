import { bindingFields, withCommonFields } from '../fields';
import type { ResourceKind } from '../types';

export const aclBinding: ResourceKind = {
  kind: 'acl_binding',
  plural: 'acl-bindings',
  title: 'Access control policy binding',
  description: 'Applies an access control policy to an API in a stage (at most one per API per stage). Takes effect at once.',
  fields: withCommonFields('acl_binding', bindingFields('acl_policy', 'policy_id', 'access control policy')),
  unique: [{ fields: ['api_id', 'stage_id'] }],
};
