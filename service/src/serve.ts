/**
 * Starts apigw. Role `all` (the default) runs the management API, the proxy and /metrics in one
 * process; `admin` and `proxy` split them so many proxy replicas can share one database. The
 * admin port always serves /metrics, /healthz and /readyz.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import pino, { type Logger } from 'pino';
import { createControlPlane } from './control';
import { openDatabase, type Database } from './control/db/database';
import { createRuntimeConfigSource } from './control/runtime/loader';
import { loadKeys } from './control/security/keys';
import { createSecretBox } from './control/security/secret-box';
import { createDataPlane, type DataPlane } from './data';
import { AccessLog } from './data/access-log';
import type { Config } from './shared/config';
import { createLogger } from './shared/logger';
import { createMetrics, type ServiceMetrics } from './shared/metrics';

export interface RunningService {
  adminUrl: string;
  /** Set when this process runs the proxy (roles all and proxy). */
  proxyUrl?: string;
  /** The proxy's HTTPS (SNI) listener, when it runs. */
  proxyTlsUrl?: string;
  db: Database;
  dataPlane?: DataPlane;
  close(): Promise<void>;
}

/** A host for URLs that reach this process: wildcards become loopback, IPv6 goes in brackets. */
function urlHost(bind: string): string {
  if (bind === '0.0.0.0') return '127.0.0.1';
  if (bind === '::') return '[::1]';
  return bind.includes(':') ? `[${bind}]` : bind;
}

function listen(server: Server | NetServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** The admin port of a proxy-only process: metrics and health, nothing else. */
function proxyAdmin(metrics: ServiceMetrics, db: Database): RequestListener {
  return async (req, res) => {
    if (req.url === '/metrics') {
      res.writeHead(200, { 'content-type': metrics.registry.contentType });
      return res.end(await metrics.registry.metrics());
    }
    if (req.url === '/healthz') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    if (req.url === '/readyz') {
      const ok = await db.ping().then(() => true, () => false);
      return res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(ok ? '{"status":"ready"}' : '{"status":"database unavailable"}');
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error_code":"ROUTE_NOT_FOUND"}');
  };
}

export async function startService(config: Config, log: Logger = createLogger(config.logLevel)): Promise<RunningService> {
  const keys = loadKeys(config.dataDir, config.jwtSecret, config.masterKey);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const metrics = createMetrics();
  const adminListener = config.role === 'proxy' ? proxyAdmin(metrics, db) : createControlPlane(db, config, keys, log, metrics).app;
  const admin = createServer(adminListener);
  const adminUrl = `http://${config.adminHost}:${await listen(admin, config.adminPort, config.adminHost)}`;
  let dataPlane: DataPlane | undefined;
  let proxyUrl: string | undefined;
  let proxyTlsUrl: string | undefined;
  // Access lines go to stdout in batches (data/access-log.ts); the destination drops what would grow
  // its backlog past 16 MiB (a stalled stdout must not grow the heap without bound).
  const accessDestination = config.accessLog && config.role !== 'admin'
    ? pino.destination({ sync: false, maxLength: 16 * 1024 * 1024 }) : undefined;
  const accessLog = accessDestination ? new AccessLog(accessDestination) : undefined;
  if (config.role !== 'admin') {
    dataPlane = await createDataPlane({
      source: createRuntimeConfigSource(db, createSecretBox(keys.masterKey), config.baseDomain),
      registry: metrics.registry, pollMs: config.configPollMs, log,
      accessLog,
      maxBackendTimeoutMs: config.maxBackendTimeoutMs, maxBodyBytes: config.maxBodyBytes,
      defaultRateLimitPerSecond: config.defaultRateLimitPerSecond, allowAppCodeOverHttp: config.allowAppCodeOverHttp,
      redisUrl: config.redisUrl, healthCheckIntervalOverrideMs: config.healthCheckIntervalOverrideMs,
    });
    const host = urlHost(config.proxyHost);
    proxyUrl = `http://${host}:${await listen(dataPlane.server, config.proxyPort, config.proxyHost)}`;
    proxyTlsUrl = `https://${host}:${await listen(dataPlane.tlsServer, config.proxyTlsPort, config.proxyHost)}`;
  }
  log.info({ admin_url: adminUrl, proxy_url: proxyUrl, proxy_tls_url: proxyTlsUrl, role: config.role, database: db.dialect }, 'apigw started');
  return {
    adminUrl, proxyUrl, proxyTlsUrl, db, dataPlane,
    close: async () => {
      await dataPlane?.close();
      if (accessLog && !(await accessLog.close())) log.warn('access log lines were still unwritten at shutdown');
      await new Promise<void>((resolve) => admin.close(() => resolve()));
      admin.closeAllConnections();
      await db.close();
    },
  };
}
