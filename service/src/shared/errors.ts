/**
 * The closed registry of every error code apigw answers with, its HTTP status and default message.
 * Management API errors and the gateway's own proxy errors share the JSON shape
 * `{"error_code", "error_msg", "request_id"}`; docs/errors.md is checked against this file by a test.
 */

export interface ErrorSpec {
  readonly status: number;
  readonly message: string;
}

/** Errors of the management API (control plane). */
export const MANAGEMENT_ERRORS = {
  UNAUTHENTICATED: { status: 401, message: 'A valid Bearer token is required' },
  ROUTE_NOT_FOUND: { status: 404, message: 'No such route in the management API' },
  NOT_FOUND: { status: 404, message: 'The resource does not exist' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'The route does not accept this method' },
  INVALID_JSON: { status: 400, message: 'The request body is not valid JSON' },
  VALIDATION_FAILED: { status: 400, message: 'The request has invalid fields' },
  REFERENCE_NOT_FOUND: { status: 400, message: 'A referenced resource does not exist' },
  IMMUTABLE_FIELD: { status: 400, message: 'The field cannot change; create a new resource instead' },
  IMPORT_INVALID: { status: 400, message: 'The API description document is invalid' },
  ALREADY_EXISTS: { status: 409, message: 'A resource with the same unique fields already exists' },
  PATH_CONFLICT: { status: 409, message: 'Another API in the group already serves this method and path' },
  IN_USE: { status: 409, message: 'The resource is in use and cannot be deleted' },
  QUOTA_EXCEEDED: { status: 409, message: 'The quota for this resource is used up' },
  NOT_PUBLISHED: { status: 409, message: 'The API is not published in this stage' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'The request body must be application/json' },
  DATABASE_UNAVAILABLE: { status: 503, message: 'The database is unavailable' },
  INTERNAL_ERROR: { status: 500, message: 'Internal error' },
} as const satisfies Record<string, ErrorSpec>;

/** Errors the proxy (data plane) answers with instead of a backend response. */
export const GATEWAY_ERRORS = {
  API_NOT_FOUND: { status: 404, message: 'No API matches the request in this stage' },
  PROTOCOL_NOT_ALLOWED: { status: 400, message: 'The API does not accept this protocol' },
  PARAMETER_INVALID: { status: 400, message: 'A request parameter is missing or invalid' },
  AUTH_MISSING: { status: 401, message: 'Authentication information is missing' },
  AUTH_INVALID: { status: 401, message: 'Authentication information is invalid' },
  SIGNATURE_INVALID: { status: 401, message: 'The request signature does not match' },
  TIMESTAMP_EXPIRED: { status: 401, message: 'The request timestamp is outside the allowed window' },
  NONCE_REPLAYED: { status: 401, message: 'The request nonce was already used' },
  APP_NOT_AUTHORIZED: { status: 403, message: 'The app is not authorized for this API in this stage' },
  IP_DENIED: { status: 403, message: 'The source IP is denied by an access control policy' },
  TENANT_DENIED: { status: 403, message: 'The caller tenant is denied by an access control policy' },
  AUTHORIZER_DENIED: { status: 403, message: 'The custom authorizer denied the request' },
  THROTTLED: { status: 429, message: 'The request was throttled' },
  BODY_TOO_LARGE: { status: 413, message: 'The request body is too large' },
  URI_TOO_LONG: { status: 414, message: 'The request URI is too long' },
  HEADERS_TOO_LARGE: { status: 431, message: 'The request headers are too large' },
  BAD_REQUEST: { status: 400, message: 'The request is not valid HTTP/1.1' },
  REQUEST_TIMEOUT: { status: 408, message: 'The request head did not arrive in time' },
  HTTP_VERSION_NOT_SUPPORTED: { status: 505, message: 'Only HTTP/1.0 and HTTP/1.1 are served' },
  VARIABLE_MISSING: { status: 500, message: 'A stage variable used by the API is not defined' },
  AUTHORIZER_FAILURE: { status: 500, message: 'The custom authorizer could not be called' },
  BACKEND_UNAVAILABLE: { status: 502, message: 'The backend is unavailable' },
  NO_HEALTHY_BACKEND: { status: 502, message: 'No healthy backend member is available' },
  BACKEND_TIMEOUT: { status: 504, message: 'The backend did not answer in time' },
  INTERNAL_ERROR: { status: 500, message: 'Internal gateway error' },
} as const satisfies Record<string, ErrorSpec>;

export type ManagementErrorCode = keyof typeof MANAGEMENT_ERRORS;
export type GatewayErrorCode = keyof typeof GATEWAY_ERRORS;

/** Gateway-response templates may target one code or every 4xx / 5xx code at once. */
export const GATEWAY_RESPONSE_TYPES: readonly string[] = [
  'DEFAULT_4XX', 'DEFAULT_5XX', ...Object.keys(GATEWAY_ERRORS),
];
