import { ref, withCommonFields } from '../fields';
import type { ResourceKind } from '../types';

export const appAuthorization: ResourceKind = {
  kind: 'app_authorization',
  plural: 'app-authorizations',
  title: 'App authorization',
  description: 'Permission for one app to call one APP-authenticated API in one stage. The app may belong to another tenant (give its id).',
  fields: withCommonFields('app_authorization', {
    app_id: ref('app', 'The app being authorized; may be another tenant\'s app.', {
      required: true, immutable: true, ref: { kind: 'app', crossTenant: true },
    }),
    api_id: ref('api', 'The API the app may call (its auth type must be APP).', { required: true, immutable: true }),
    stage_id: ref('stage', 'The stage in which the app may call the API.', { required: true, immutable: true }),
  }),
  unique: [{ fields: ['app_id', 'api_id', 'stage_id'] }],
  quota: { name: 'app_authorizations_per_tenant', default: 10000, per: [] },
};
