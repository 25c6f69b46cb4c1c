import { description, list, name, oneOf, str, withCommonFields } from '../fields';
import { isValidCidrOrIp } from '../net';
import type { FieldError, ResourceKind } from '../types';

export const aclPolicy: ResourceKind = {
  kind: 'acl_policy',
  plural: 'acl-policies',
  title: 'Access control policy',
  description: 'Allows or denies calls by source IP / CIDR (IPv4 and IPv6) or by caller tenant.',
  nameField: 'name',
  fields: withCommonFields('acl_policy', {
    name: name('access control policy'),
    description: description('access control policy'),
    type: oneOf('ALLOW admits only the listed values; DENY refuses them.', ['ALLOW', 'DENY'], { required: true }),
    entity_type: oneOf('What the values are: IP addresses / CIDR blocks, or tenant names.', ['IP', 'TENANT'], { default: 'IP' }),
    values: list('IP addresses, CIDR blocks or tenant names.', str('An entry.', { minLength: 1, maxLength: 64 }), {
      required: true, minItems: 1, maxItems: 100,
    }),
  }),
  unique: [{ fields: ['name'] }],
  quota: { name: 'acl_policies_per_tenant', default: 100, per: [] },
  check: (p): FieldError[] => p.entity_type === 'TENANT' ? [] : (p.values ?? []).flatMap((v: string, i: number) =>
    isValidCidrOrIp(v) ? [] : [{ field: `values[${i}]`, message: `"${v}" is not a valid IP address or CIDR block` }]),
};
