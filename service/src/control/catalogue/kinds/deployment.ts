import { int, map, ref, str, withCommonFields } from '../fields';
import type { ResourceKind } from '../types';

export const deployment: ResourceKind = {
  kind: 'deployment',
  plural: 'deployments',
  title: 'Deployment',
  description: 'The publication of one API in one stage. Creating it publishes the API as it is now (a new immutable version); replacing it republishes; deleting it takes the API offline in that stage.',
  fields: withCommonFields('deployment', {
    api_id: ref('api', 'The API to publish.', { required: true, immutable: true }),
    stage_id: ref('stage', 'The stage to publish to.', { required: true, immutable: true }),
    description: str('Why this version was published (kept with the version).', { maxLength: 1024, default: '' }),
    triggers: map('Arbitrary values; any change republishes the API (e.g. a hash of the API definition).', { default: {} }),
    version_id: str('Identifier of the live version; changes on every publish and rollback.', { computed: true }),
    version: int('Sequence number of the live version in this stage (1, 2, ...).', { computed: true }),
  }),
  unique: [{ fields: ['api_id', 'stage_id'] }],
};
