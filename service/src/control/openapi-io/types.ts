/**
 * Shapes shared by OpenAPI import and export. `ApiInput` mirrors the catalogue's api kind
 * (catalogue/kinds/api.ts) without `group_id`; the tests prove every produced value passes the
 * catalogue's own validation, so this file only names what the conversion reads and writes.
 */

export type ParameterLocation = 'PATH' | 'QUERY' | 'HEADER';
export type ParameterType = 'STRING' | 'NUMBER' | 'INTEGER' | 'BOOLEAN';

export interface ApiParameter {
  name: string;
  location: ParameterLocation;
  type?: ParameterType;
  required?: boolean;
  default_value?: string;
  min_length?: number;
  max_length?: number;
  minimum?: number;
  maximum?: number;
  enum?: string[];
  pattern?: string;
  description?: string;
  example?: string;
}

export interface ApiRequest {
  protocol?: 'HTTP' | 'HTTPS' | 'BOTH';
  method: string;
  path: string;
  match_mode?: 'EXACT' | 'PREFIX';
  cors?: boolean;
}

/** The api kind's body without `group_id` (the caller adds it). */
export interface ApiInput {
  name: string;
  description?: string;
  tags?: string[];
  request: ApiRequest;
  auth_type?: 'NONE' | 'APP' | 'AUTHORIZER';
  app_code_auth?: boolean;
  authorizer_id?: string;
  parameters?: ApiParameter[];
  /** Backend fields as declared in the catalogue (type, address, path, method, timeout_ms, mock_*...). */
  backend: Record<string, unknown>;
  backend_parameters?: Record<string, unknown>[];
  policy_backends?: Record<string, unknown>[];
  success_example?: string;
  failure_example?: string;
}

/** An API as the management API returns it: the input plus server-owned fields. */
export interface ApiDefinition extends ApiInput {
  id?: string;
  group_id?: string;
  created_at?: string;
  updated_at?: string;
}

export interface ImportOptions {
  /**
   * What to do with Swagger 2 `basePath` / the path of the first OpenAPI 3 server URL:
   * `ignore` (default, as AWS API Gateway does) imports the paths as written; `prepend` adds it.
   */
  basePath?: 'ignore' | 'prepend';
}

export interface ImportResult {
  title: string;
  apis: ApiInput[];
  /** Everything imported approximately or skipped, each naming the operation it concerns. */
  warnings: string[];
}

export type ExportDetail = 'basic' | 'full' | 'policies';

export interface ExportInput {
  group: { id: string; name: string; description?: string };
  apis: ApiDefinition[];
  /** Stage the APIs are exported from; becomes `info.version` and `x-apigw-stage`. */
  stage?: string;
  detail: ExportDetail;
  /** With detail `policies`: written as `x-apigw-policies` without interpretation. */
  policies?: Record<string, unknown>;
  /** Base URLs callers use (group subdomain, bound domains). */
  servers?: { url: string; description?: string }[];
  format: 'oas3';
}

/** Names of the extensions both directions agree on; docs/import-export.md describes each. */
export const EXT = {
  backend: 'x-apigw-backend',
  auth: 'x-apigw-auth',
  backendParameters: 'x-apigw-backend-parameters',
  policyBackends: 'x-apigw-policy-backends',
  matchMode: 'x-apigw-match-mode',
  cors: 'x-apigw-cors',
  protocol: 'x-apigw-protocol',
  policies: 'x-apigw-policies',
  stage: 'x-apigw-stage',
  greedy: 'x-apigw-greedy',
  required: 'x-apigw-required',
  anyMethod: 'x-apigw-any-method',
  path: 'x-apigw-path',
} as const;

/** A parsed JSON/YAML document: untyped on purpose, every read is checked. */
export type Doc = Record<string, any>;
