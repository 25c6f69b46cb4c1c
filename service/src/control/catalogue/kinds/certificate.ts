import { list, name, str, withCommonFields } from '../fields';
import type { ResourceKind } from '../types';

export const certificate: ResourceKind = {
  kind: 'certificate',
  plural: 'certificates',
  title: 'TLS certificate',
  description: 'A PEM certificate chain and its private key, served for the custom domains that reference it.',
  nameField: 'name',
  fields: withCommonFields('certificate', {
    name: name('certificate'),
    certificate_pem: str('PEM certificate chain, leaf first.', { required: true, maxLength: 65536 }),
    private_key_pem: str('PEM private key of the leaf certificate. Write-only: never returned, encrypted at rest.', {
      required: true, sensitive: true, reveal: 'never', maxLength: 16384,
    }),
    common_name: str('Subject common name of the leaf certificate.', { computed: true }),
    subject_alternative_names: list('DNS names the certificate covers (subject alternative names).',
      str('A DNS name.'), { computed: true }),
    issuer: str('Issuer distinguished name.', { computed: true, maxLength: 1024 }),
    not_before: str('Start of validity (RFC 3339).', { computed: true, format: 'date-time' }),
    not_after: str('Expiry (RFC 3339).', { computed: true, format: 'date-time' }),
    fingerprint_sha256: str('SHA-256 fingerprint of the leaf certificate.', { computed: true }),
  }),
  unique: [{ fields: ['name'] }],
  quota: { name: 'certificates_per_tenant', default: 100, per: [] },
};
