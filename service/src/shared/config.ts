/**
 * The service configuration, read once from the environment into a frozen object. Nothing else in
 * the service reads process.env: tests and the CLI build a Config with overrides instead.
 */
import path from 'node:path';

export type Role = 'all' | 'admin' | 'proxy';

export interface Config {
  readonly role: Role;
  readonly adminPort: number;
  readonly adminHost: string;
  readonly proxyPort: number;
  readonly proxyHost: string;
  readonly proxyTlsPort: number;
  readonly dataDir: string;
  /** postgres://… selects PostgreSQL; unset means the embedded SQLite file in dataDir. */
  readonly databaseUrl: string | undefined;
  readonly redisUrl: string | undefined;
  /** HS256 secret for management tokens; generated into dataDir when unset. */
  readonly jwtSecret: string | undefined;
  /** 32-byte key (hex or base64) encrypting secrets at rest; generated into dataDir when unset. */
  readonly masterKey: string | undefined;
  readonly baseDomain: string;
  readonly logLevel: string;
  /** Overrides of catalogue quota defaults, by quota name (APIGW_QUOTA_APIS_PER_TENANT=500). */
  readonly quotas: Readonly<Record<string, number>>;
  readonly maxVersionsPerApiStage: number;
  readonly defaultRateLimitPerSecond: number;
  readonly maxBackendTimeoutMs: number;
  readonly maxBodyBytes: number;
  readonly maxImportBytes: number;
  readonly configPollMs: number;
  readonly allowAppCodeOverHttp: boolean;
  /** One JSON line per proxied request on stdout. */
  readonly accessLog: boolean;
  /** Tests only, never from the environment: replaces every channel health check's interval. */
  readonly healthCheckIntervalOverrideMs?: number;
}

type Env = Readonly<Record<string, string | undefined>>;

function integer(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function role(raw: string | undefined): Role {
  const value = raw ?? 'all';
  if (value === 'all' || value === 'admin' || value === 'proxy') return value;
  throw new Error(`APIGW_ROLE must be all, admin or proxy, got "${value}"`);
}

function quotaOverrides(env: Env): Record<string, number> {
  const quotas: Record<string, number> = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith('APIGW_QUOTA_') && value) quotas[key.slice(12).toLowerCase()] = integer(env, key, 0);
  }
  return quotas;
}

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const config: Config = {
    role: role(env.APIGW_ROLE),
    adminPort: integer(env, 'APIGW_ADMIN_PORT', 8001),
    adminHost: env.APIGW_ADMIN_HOST ?? '127.0.0.1',
    proxyPort: integer(env, 'APIGW_PROXY_PORT', 8000),
    proxyHost: env.APIGW_PROXY_HOST ?? '0.0.0.0',
    proxyTlsPort: integer(env, 'APIGW_PROXY_TLS_PORT', 8443),
    dataDir: path.resolve(env.APIGW_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    jwtSecret: env.APIGW_JWT_SECRET || undefined,
    masterKey: env.APIGW_MASTER_KEY || undefined,
    baseDomain: env.APIGW_BASE_DOMAIN ?? 'apigw.localhost',
    logLevel: env.APIGW_LOG_LEVEL ?? 'info',
    quotas: quotaOverrides(env),
    maxVersionsPerApiStage: integer(env, 'APIGW_MAX_VERSIONS', 10),
    defaultRateLimitPerSecond: integer(env, 'APIGW_DEFAULT_RATE_LIMIT', 200),
    maxBackendTimeoutMs: integer(env, 'APIGW_MAX_BACKEND_TIMEOUT_MS', 60000),
    maxBodyBytes: integer(env, 'APIGW_MAX_BODY_BYTES', 12 * 1024 * 1024),
    maxImportBytes: integer(env, 'APIGW_MAX_IMPORT_BYTES', 5 * 1024 * 1024),
    configPollMs: integer(env, 'APIGW_CONFIG_POLL_MS', 250),
    allowAppCodeOverHttp: env.APIGW_ALLOW_APPCODE_OVER_HTTP === 'true',
    accessLog: env.APIGW_ACCESS_LOG !== 'false',
    ...overrides,
  };
  return Object.freeze(config);
}
