import { name, oneOf, str, withCommonFields } from '../fields';
import type { FieldError, ResourceKind } from '../types';

export const signatureKey: ResourceKind = {
  kind: 'signature_key',
  plural: 'signature-keys',
  title: 'Backend signature key',
  description: 'Key and secret the gateway uses to sign the requests it sends to a backend, so the backend can verify they came through the gateway (HMAC) or authenticate the gateway (BASIC).',
  nameField: 'name',
  fields: withCommonFields('signature_key', {
    name: name('signature key'),
    type: oneOf('HMAC signs each request; BASIC sends HTTP basic credentials.', ['HMAC', 'BASIC'], { default: 'HMAC' }),
    key: str('Key (HMAC key id or basic user name).', { required: true, minLength: 4, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }),
    secret: str('Secret (HMAC secret, at least 16 characters, or basic password). Write-only, encrypted at rest.', {
      required: true, sensitive: true, reveal: 'never', minLength: 8, maxLength: 64,
    }),
  }),
  unique: [{ fields: ['name'] }],
  quota: { name: 'signature_keys_per_tenant', default: 100, per: [] },
  check: (k): FieldError[] => (k.type ?? 'HMAC') === 'HMAC' && typeof k.secret === 'string' && k.secret.length < 16
    ? [{ field: 'secret', message: 'must be at least 16 characters for HMAC keys' }] : [],
};
