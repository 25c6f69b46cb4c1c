import { description, name, withCommonFields } from '../fields';
import type { ResourceKind } from '../types';

export const RELEASE_STAGE = 'RELEASE';

export const stage: ResourceKind = {
  kind: 'stage',
  plural: 'stages',
  title: 'Stage',
  description: 'An environment APIs are published to (e.g. `TEST`, `PRE`). `RELEASE` always exists. Callers pick the stage with the `X-Stage` header.',
  nameField: 'name',
  fields: withCommonFields('stage', {
    name: name('stage, as callers send it in `X-Stage`', {
      immutable: true, pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$',
    }),
    description: description('stage'),
  }),
  unique: [{ fields: ['name'] }],
  quota: { name: 'stages_per_tenant', default: 10, per: [] },
};
