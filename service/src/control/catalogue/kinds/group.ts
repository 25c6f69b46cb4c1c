import { description, name, str, withCommonFields } from '../fields';
import type { ResourceKind } from '../types';

export const group: ResourceKind = {
  kind: 'group',
  plural: 'groups',
  title: 'API group',
  description: 'A set of APIs managed and published together. Each group gets a test subdomain `{id}.{base-domain}`.',
  nameField: 'name',
  fields: withCommonFields('group', {
    name: name('group'),
    description: description('group'),
    subdomain: str('Generated hostname `{id}.{base-domain}` that routes to this group (for testing).', { computed: true }),
  }),
  unique: [{ fields: ['name'] }],
  quota: { name: 'groups_per_tenant', default: 50, per: [] },
};
