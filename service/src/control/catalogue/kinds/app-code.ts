import { ref, str, withCommonFields } from '../fields';
import type { ResourceKind } from '../types';

export const appCode: ResourceKind = {
  kind: 'app_code',
  plural: 'app-codes',
  title: 'AppCode',
  description: 'A static credential of an app for simple authentication (`X-Apig-AppCode` header or `Authorization: APPCODE <code>`). At most 5 per app.',
  fields: withCommonFields('app_code', {
    app_id: ref('app', 'The app this code authenticates.', { required: true, immutable: true }),
    code: str('The AppCode (64–180 characters); generated when omitted.', {
      computed: true, input: true, immutable: true, sensitive: true,
      minLength: 64, maxLength: 180, pattern: '^[A-Za-z0-9+/=_-]+$',
    }),
  }),
  unique: [{ fields: ['code'], scope: 'global' }],
  quota: { name: 'app_codes_per_app', default: 5, per: ['app_id'] },
};
