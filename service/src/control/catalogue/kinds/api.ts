import { bool, description, int, list, map, name, obj, oneOf, ref, str, withCommonFields } from '../fields';
import type { FieldError, Fields, ResourceKind } from '../types';
import { checkApi } from './api-checks';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'] as const;
export const SYSTEM_PARAMETERS = ['source_ip', 'stage', 'api_id', 'app_id', 'request_id', 'domain'] as const;

const request = obj('How callers reach the API.', {
  protocol: oneOf('Protocols the API accepts.', ['HTTP', 'HTTPS', 'BOTH'], { default: 'BOTH' }),
  method: oneOf('HTTP method, or ANY for every method.', [...HTTP_METHODS, 'ANY'], { required: true }),
  path: str('Request path; `{name}` matches one segment, a trailing `{name+}` matches the rest.', {
    required: true, maxLength: 512, pattern: '^/[^?#]*$',
  }),
  match_mode: oneOf('EXACT matches the whole path; PREFIX also matches longer paths and appends the rest to the backend path.',
    ['EXACT', 'PREFIX'], { default: 'EXACT' }),
  cors: bool('Answer CORS preflight requests and add CORS headers.', { default: false }),
}, { required: true });

const parameter = obj('A front-end request parameter, validated before any backend call.', {
  name: str('Parameter name (case-sensitive for query and path, not for headers).', {
    required: true, minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$',
  }),
  location: oneOf('Where the parameter is read from.', ['PATH', 'QUERY', 'HEADER'], { required: true }),
  type: oneOf('Value type.', ['STRING', 'NUMBER', 'INTEGER', 'BOOLEAN'], { default: 'STRING' }),
  required: bool('Reject requests without it.', { default: false }),
  default_value: str('Value used when the caller omits it.', { maxLength: 1024 }),
  min_length: int('Minimum length of a string value.', { minimum: 0, maximum: 65535 }),
  max_length: int('Maximum length of a string value.', { minimum: 1, maximum: 65535 }),
  minimum: { type: 'number', description: 'Smallest accepted numeric value.' },
  maximum: { type: 'number', description: 'Largest accepted numeric value.' },
  enum: list('Accepted values.', str('An accepted value.', { maxLength: 255 }), { maxItems: 100 }),
  pattern: str('Regular expression the whole value must match.', { maxLength: 512 }),
  description: str('What the parameter means (documentation).', { maxLength: 1024 }),
  example: str('Example value (documentation).', { maxLength: 1024 }),
});

/** Backend fields shared by the default backend and policy backends. */
export const backendFields: Fields = {
  type: oneOf('HTTP calls `address`; CHANNEL balances over a channel\'s members; MOCK answers without a backend.',
    ['HTTP', 'CHANNEL', 'MOCK'], { default: 'HTTP' }),
  address: str('Backend origin, e.g. `https://orders.internal:8443`; may contain `#variables#`.', {
    maxLength: 512, pattern: '^(https?://\\S+|#[A-Za-z][A-Za-z0-9_-]*#\\S*)$',
  }),
  channel_id: ref('channel', 'Channel to balance over when type is CHANNEL.'),
  channel_scheme: oneOf('Scheme used to call channel members.', ['http', 'https'], { default: 'http' }),
  path: str('Backend path; may contain `{param}` and `#variables#`.', { maxLength: 512, pattern: '^/', default: '/' }),
  method: oneOf('Backend method; ANY forwards the caller\'s method.', [...HTTP_METHODS, 'ANY'], { default: 'ANY' }),
  timeout_ms: int('Backend timeout in milliseconds (capped by the gateway setting).', {
    minimum: 1, maximum: 600000, default: 5000,
  }),
  mock_status_code: int('Status code of the mock response.', { minimum: 100, maximum: 599, default: 200 }),
  mock_body: str('Body of the mock response.', { maxLength: 65536, default: '' }),
  mock_headers: map('Headers of the mock response.', { default: {} }),
};

const backendParameter = obj('A parameter sent to the backend.', {
  name: str('Name of the parameter at the backend.', { required: true, minLength: 1, maxLength: 64 }),
  location: oneOf('Where the backend receives it.', ['PATH', 'QUERY', 'HEADER'], { required: true }),
  origin: oneOf('REQUEST maps a front-end parameter, CONSTANT sends a fixed value, SYSTEM sends a gateway value.',
    ['REQUEST', 'CONSTANT', 'SYSTEM'], { required: true }),
  value: str(`Front-end parameter name (REQUEST), the constant (CONSTANT) or one of ${SYSTEM_PARAMETERS.join(', ')} (SYSTEM).`, {
    required: true, maxLength: 1024,
  }),
  description: str('What the parameter is for (documentation).', { maxLength: 1024 }),
});

const condition = obj('One condition of a policy backend.', {
  source: oneOf('What the condition looks at.', ['SOURCE_IP', 'PARAMETER', 'APP', 'JWT_CLAIM', 'PATH', 'METHOD'], { required: true }),
  parameter_name: str('Front-end parameter (PARAMETER) or claim name (JWT_CLAIM).', { maxLength: 64 }),
  operator: oneOf('EQUAL, IN (comma-separated list), PATTERN (regular expression) or CIDR (SOURCE_IP).',
    ['EQUAL', 'IN', 'PATTERN', 'CIDR'], { default: 'EQUAL' }),
  value: str('Value, list or pattern to compare with.', { required: true, maxLength: 1024 }),
});

const policyBackend = obj('A backend chosen when its conditions hold (canary and grey releases).', {
  name: str('Name of the policy backend.', { required: true, minLength: 1, maxLength: 64 }),
  effect_mode: oneOf('ANY: one condition is enough; ALL: every condition must hold.', ['ANY', 'ALL'], { default: 'ANY' }),
  conditions: list('Conditions deciding whether this backend is used.', condition, { required: true, minItems: 1, maxItems: 10 }),
  backend: obj('Backend used when the conditions hold.', backendFields, { required: true }),
});

export const api: ResourceKind = {
  kind: 'api',
  plural: 'apis',
  title: 'API',
  description: 'The definition of one API: front-end request, parameters, backend and parameter mapping. Edits take effect only when published again (see deployment).',
  nameField: 'name',
  fields: withCommonFields('api', {
    group_id: ref('group', 'The group the API belongs to.', { required: true, immutable: true }),
    name: name('API'),
    description: description('API'),
    tags: list('Labels for finding and grouping APIs.', str('A tag.', { maxLength: 64 }), { maxItems: 20, default: [] }),
    request,
    auth_type: oneOf('NONE, APP (signature or AppCode) or AUTHORIZER (custom authorizer).',
      ['NONE', 'APP', 'AUTHORIZER'], { default: 'NONE' }),
    app_code_auth: bool('With auth_type APP, also accept AppCodes.', { default: false }),
    authorizer_id: ref('authorizer', 'Frontend authorizer when auth_type is AUTHORIZER.'),
    parameters: list('Front-end request parameters.', parameter, { maxItems: 50, default: [] }),
    backend: obj('The default backend.', { ...backendFields }, { required: true }),
    backend_parameters: list('Parameters sent to the backend, mapped, constant or system.', backendParameter, {
      maxItems: 50, default: [],
    }),
    policy_backends: list('Conditional backends tried in order before the default backend.', policyBackend, {
      maxItems: 5, default: [],
    }),
    success_example: str('Example successful response (documentation).', { maxLength: 20480, default: '' }),
    failure_example: str('Example failed response (documentation).', { maxLength: 20480, default: '' }),
  }),
  unique: [{ fields: ['group_id', 'name'] }],
  quota: { name: 'apis_per_tenant', default: 200, per: [] },
  check: (input): FieldError[] => checkApi(input),
};
