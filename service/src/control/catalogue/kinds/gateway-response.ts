import { GATEWAY_RESPONSE_TYPES } from '../../../shared/errors';
import { int, map, oneOf, ref, str, withCommonFields } from '../fields';
import type { ResourceKind } from '../types';

export const gatewayResponse: ResourceKind = {
  kind: 'gateway_response',
  plural: 'gateway-responses',
  title: 'Gateway response',
  description: 'Shapes one kind of the gateway\'s own error responses for a group: status code, headers and a body template using `$context.requestId`, `$context.apiId`, `$context.appId`, `$context.stage`, `$context.sourceIp`, `$context.error.code`, `$context.error.message`, `$context.error.type`.',
  fields: withCommonFields('gateway_response', {
    group_id: ref('group', 'The group whose error responses this shapes.', { required: true, immutable: true }),
    error_type: oneOf('The gateway error code, or DEFAULT_4XX / DEFAULT_5XX for every code of that class.',
      GATEWAY_RESPONSE_TYPES, { required: true, immutable: true }),
    status: int('HTTP status code to answer with.', { required: true, minimum: 100, maximum: 599 }),
    body: str('Body template (usually JSON) with `$context.*` variables.', { required: true, maxLength: 4096 }),
    headers: map('Extra response headers.', { default: {}, maxProperties: 20 }),
  }),
  unique: [{ fields: ['group_id', 'error_type'] }],
};
