import { description, name, str, withCommonFields } from '../fields';
import type { ResourceKind } from '../types';

export const app: ResourceKind = {
  kind: 'app',
  plural: 'apps',
  title: 'App',
  description: 'An API consumer identity. The gateway generates `app_key` and `app_secret`; the secret is shown only when the app is created and when it is reset (`POST /v1/apps/{id}/reset-secret`).',
  nameField: 'name',
  fields: withCommonFields('app', {
    name: name('app'),
    description: description('app'),
    app_key: str('Public key identifying the app in signed requests (`X-Ca-Key`).', { computed: true }),
    app_secret: str('Secret used to sign requests. Returned only on create and reset; encrypted at rest.', {
      computed: true, sensitive: true, reveal: 'once',
    }),
  }),
  unique: [{ fields: ['name'] }],
  quota: { name: 'apps_per_tenant', default: 50, per: [] },
};
