/**
 * Everything the process reads from its environment, read once into a frozen object (DESIGN.md,
 * "Config is read once"): go-plugin's handshake variables, Terraform's log level, and the provider
 * settings' fallbacks. Nothing else in the provider reads `process.env`.
 */
import type { LogLevel } from '../framework/logger';

export interface PluginEnv {
  magicCookie: string | undefined;
  /** PLUGIN_PROTOCOL_VERSIONS, e.g. ["5", "6"]; undefined when not launched by a go-plugin client. */
  protocolVersions: string[] | undefined;
  /** PEM of Terraform's client certificate (AutoMTLS); absent means plaintext (TF_DISABLE_PLUGIN_TLS). */
  clientCertPem: string | undefined;
  logLevel: LogLevel | 'off';
  provider: { endpoint?: string; token?: string };
}

const LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error'];

/** TF_LOG_PROVIDER overrides TF_LOG; "json" and unrecognised values mean trace, as in Terraform. */
export function logLevelFrom(tfLog: string | undefined, tfLogProvider: string | undefined): LogLevel | 'off' {
  const raw = (tfLogProvider || tfLog || '').trim().toLowerCase();
  if (raw === '' || raw === 'off') return 'off';
  return (LEVELS as readonly string[]).includes(raw) ? raw as LogLevel : 'trace';
}

const nonEmpty = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v);

export function readEnv(env: NodeJS.ProcessEnv = process.env): Readonly<PluginEnv> {
  return Object.freeze({
    magicCookie: env.TF_PLUGIN_MAGIC_COOKIE,
    protocolVersions: nonEmpty(env.PLUGIN_PROTOCOL_VERSIONS)?.split(',').map((v) => v.trim()),
    clientCertPem: nonEmpty(env.PLUGIN_CLIENT_CERT),
    logLevel: logLevelFrom(env.TF_LOG, env.TF_LOG_PROVIDER),
    provider: Object.freeze({ endpoint: nonEmpty(env.APIGW_ENDPOINT), token: nonEmpty(env.APIGW_TOKEN) }),
  });
}
