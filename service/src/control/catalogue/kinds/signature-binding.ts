import { bindingFields, withCommonFields } from '../fields';
import type { ResourceKind } from '../types';

export const signatureBinding: ResourceKind = {
  kind: 'signature_binding',
  plural: 'signature-bindings',
  title: 'Backend signature key binding',
  description: 'Signs the backend requests of an API in a stage with a signature key (at most one per API per stage). Takes effect at once.',
  fields: withCommonFields('signature_binding', bindingFields('signature_key', 'signature_key_id', 'signature key')),
  unique: [{ fields: ['api_id', 'stage_id'] }],
};
