import { oneOf, ref, str, withCommonFields } from '../fields';
import type { ResourceKind } from '../types';

export const HOSTNAME_PATTERN = '^(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$';

export const domain: ResourceKind = {
  kind: 'domain',
  plural: 'domains',
  title: 'Custom domain',
  description: 'A custom hostname bound to one API group. A hostname belongs to exactly one group, across all tenants.',
  nameField: 'hostname',
  fields: withCommonFields('domain', {
    group_id: ref('group', 'The group this hostname routes to.', { required: true, immutable: true }),
    hostname: str('Fully qualified lowercase hostname, e.g. `api.example.com` (a leading `*.` makes a wildcard).', {
      required: true, immutable: true, maxLength: 253, pattern: HOSTNAME_PATTERN,
    }),
    min_tls_version: oneOf('Lowest TLS version accepted on this hostname.', ['1.1', '1.2'], { default: '1.2' }),
    certificate_id: ref('certificate', 'Certificate served for this hostname over HTTPS; it must cover the hostname.'),
  }),
  unique: [{ fields: ['hostname'], scope: 'global' }],
  quota: { name: 'domains_per_group', default: 5, per: ['group_id'] },
};
