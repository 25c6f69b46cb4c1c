/** Builds the data plane: services, live configuration and the proxy server. */
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { RuntimeConfigSource } from '../shared/runtime-config';
import { LiveConfigHolder } from './live-config';
import { createDataMetrics } from './metrics';
import { createRequestHandler } from './proxy/handler';
import { createProxyServer } from './proxy/server';
import { createDataServices, type DataOptions, type DataServices } from './services';

export interface DataPlane {
  server: Server;
  live: LiveConfigHolder;
  services: DataServices;
  close(): Promise<void>;
}

export interface DataPlaneOptions extends DataOptions {
  source: RuntimeConfigSource;
  registry: Registry;
  pollMs: number;
  log?: Logger;
  accessLog?: Logger;
}

export async function createDataPlane(options: DataPlaneOptions): Promise<DataPlane> {
  const services = createDataServices(options, createDataMetrics(options.registry), { log: options.log, accessLog: options.accessLog });
  const live = new LiveConfigHolder(options.source, services, options.pollMs, options.log);
  live.onSwap((config) => services.channels?.update?.(config.runtime.channels));
  await live.start();
  const server = createProxyServer(createRequestHandler(live, services), services);
  return {
    server, live, services,
    close: async () => {
      live.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await services.close();
    },
  };
}
