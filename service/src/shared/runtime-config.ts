/**
 * The published configuration the data plane serves: compiled by the control plane from the live API
 * versions plus the current policies, variables, apps and domains; immutable once built; swapped
 * whole by the proxy. Secrets the proxy needs (app secrets, signature-key secrets) are in clear here:
 * this object lives only in memory and is never logged or written out.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS';

export interface ParameterDef {
  name: string;
  location: 'PATH' | 'QUERY' | 'HEADER';
  type: 'STRING' | 'NUMBER' | 'INTEGER' | 'BOOLEAN';
  required: boolean;
  default_value?: string;
  min_length?: number;
  max_length?: number;
  minimum?: number;
  maximum?: number;
  enum?: string[];
  pattern?: string;
}

export interface BackendDef {
  type: 'HTTP' | 'CHANNEL' | 'MOCK';
  address?: string;
  channel_id?: string;
  channel_scheme: 'http' | 'https';
  path: string;
  method: HttpMethod | 'ANY';
  timeout_ms: number;
  mock_status_code: number;
  mock_body: string;
  mock_headers: Record<string, string>;
}

export interface BackendParameterDef {
  name: string;
  location: 'PATH' | 'QUERY' | 'HEADER';
  origin: 'REQUEST' | 'CONSTANT' | 'SYSTEM';
  value: string;
}

export interface ConditionDef {
  source: 'SOURCE_IP' | 'PARAMETER' | 'APP' | 'JWT_CLAIM' | 'PATH' | 'METHOD';
  parameter_name?: string;
  operator: 'EQUAL' | 'IN' | 'PATTERN' | 'CIDR';
  value: string;
}

export interface PolicyBackendDef {
  name: string;
  effect_mode: 'ANY' | 'ALL';
  conditions: ConditionDef[];
  backend: BackendDef;
}

/** An API definition as published (a version's frozen snapshot). */
export interface ApiDefinition {
  id: string;
  group_id: string;
  name: string;
  request: {
    protocol: 'HTTP' | 'HTTPS' | 'BOTH';
    method: HttpMethod | 'ANY';
    path: string;
    match_mode: 'EXACT' | 'PREFIX';
    cors: boolean;
  };
  auth_type: 'NONE' | 'APP' | 'AUTHORIZER';
  app_code_auth: boolean;
  authorizer_id?: string;
  parameters: ParameterDef[];
  backend: BackendDef;
  backend_parameters: BackendParameterDef[];
  policy_backends: PolicyBackendDef[];
}

export type TimeUnit = 'SECOND' | 'MINUTE' | 'HOUR' | 'DAY';

export interface ThrottlingRule {
  policy_id: string;
  type: 'BASIC' | 'SHARED';
  time_unit: TimeUnit;
  time_interval: number;
  api_limit: number;
  tenant_limit?: number;
  app_limit?: number;
  ip_limit?: number;
  /** app id or tenant name → limit replacing app_limit / tenant_limit for them. */
  special_apps: Record<string, number>;
  special_tenants: Record<string, number>;
}

export interface AclRule {
  policy_id: string;
  type: 'ALLOW' | 'DENY';
  entity_type: 'IP' | 'TENANT';
  values: string[];
}

export interface SignatureKeyRule {
  id: string;
  type: 'HMAC' | 'BASIC';
  key: string;
  secret: string;
}

/** One API live in one stage, with what is bound to it there. */
export interface PublishedApi {
  version_id: string;
  version: number;
  definition: ApiDefinition;
  throttling?: ThrottlingRule;
  acl?: AclRule;
  signature_key?: SignatureKeyRule;
  /** Ids of the apps (of any tenant) authorized for this API in this stage. */
  authorized_apps: string[];
}

export interface RuntimeStage {
  id: string;
  name: string;
  variables: Record<string, string>;
  apis: PublishedApi[];
}

export interface GatewayResponseTemplate {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export interface RuntimeGroup {
  id: string;
  tenant: string;
  name: string;
  /** By stage name, as callers send it in X-Stage. */
  stages: Record<string, RuntimeStage>;
  /** By gateway error code, DEFAULT_4XX or DEFAULT_5XX. */
  gateway_responses: Record<string, GatewayResponseTemplate>;
}

export interface RuntimeApp {
  id: string;
  tenant: string;
  name: string;
  key: string;
  secret: string;
}

export interface RuntimeChannel {
  id: string;
  algorithm: 'ROUND_ROBIN' | 'LEAST_CONNECTIONS' | 'SOURCE_IP_HASH' | 'URI_HASH';
  members: Array<{ host: string; port: number; weight: number }>;
  health_check?: {
    protocol: 'TCP' | 'HTTP' | 'HTTPS';
    path: string;
    port?: number;
    method: 'GET' | 'HEAD';
    healthy_threshold: number;
    unhealthy_threshold: number;
    timeout_seconds: number;
    interval_seconds: number;
    http_codes: string;
  };
}

export interface RuntimeAuthorizer {
  id: string;
  type: 'JWT' | 'HTTP';
  target: 'FRONTEND' | 'BACKEND';
  identity_sources: Array<{ location: 'HEADER' | 'QUERY'; name: string }>;
  cache_ttl_seconds: number;
  jwt?: {
    jwks_uri?: string;
    public_key_pem?: string;
    secret?: string;
    algorithms: string[];
    issuer?: string;
    audience?: string;
    claims_to_parameters: Array<{ claim: string; parameter_name: string; location: 'HEADER' | 'QUERY' }>;
  };
  http?: { url: string; method: 'GET' | 'POST'; timeout_ms: number };
}

export interface RuntimeDomain {
  hostname: string;
  group_id: string;
  min_tls_version: '1.1' | '1.2';
  certificate?: { id: string; certificate_pem: string; private_key_pem: string; not_after: string };
}

export interface RuntimeConfig {
  /** The gateway revision this was compiled from; the proxy reloads when the database's moves on. */
  revision: number;
  /** Lowercase hostname → group id, for group subdomains and custom domains. */
  hosts: Record<string, string>;
  groups: Record<string, RuntimeGroup>;
  /** By app key (X-Ca-Key). */
  apps_by_key: Record<string, RuntimeApp>;
  /** SHA-256 hex digest of an AppCode → app id. */
  app_codes: Record<string, string>;
  channels: Record<string, RuntimeChannel>;
  authorizers: Record<string, RuntimeAuthorizer>;
  domains: RuntimeDomain[];
}

export const EMPTY_RUNTIME_CONFIG: RuntimeConfig = Object.freeze({
  revision: 0, hosts: {}, groups: {}, apps_by_key: {}, app_codes: {}, channels: {}, authorizers: {}, domains: [],
}) as RuntimeConfig;

/** Where the proxy gets its configuration (the control plane's loader implements it). */
export interface RuntimeConfigSource {
  /** The database's current revision (cheap: one row). */
  revision(): Promise<number>;
  load(): Promise<RuntimeConfig>;
}
