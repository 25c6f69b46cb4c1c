/**
 * Starts apigw: the management API and metrics on the admin port, and (as its data plane lands)
 * the proxy on the proxy port, in one process by default (`--role` splits them for scale-out).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createControlPlane } from './control';
import { openDatabase, type Database } from './control/db/database';
import { loadKeys } from './control/security/keys';
import type { Config } from './shared/config';
import { createLogger } from './shared/logger';
import { createMetrics } from './shared/metrics';

export interface RunningService {
  adminUrl: string;
  db: Database;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startService(config: Config, log: Logger = createLogger(config.logLevel)): Promise<RunningService> {
  const keys = loadKeys(config.dataDir, config.jwtSecret, config.masterKey);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const control = createControlPlane(db, config, keys, log, createMetrics());
  const admin = createServer(control.app);
  const adminPort = await listen(admin, config.adminPort, config.adminHost);
  const adminUrl = `http://${config.adminHost}:${adminPort}`;
  log.info({ admin_url: adminUrl, database: db.dialect }, 'apigw management API listening');
  return {
    adminUrl,
    db,
    close: async () => {
      await new Promise<void>((resolve) => admin.close(() => resolve()));
      admin.closeAllConnections();
      await db.close();
    },
  };
}
