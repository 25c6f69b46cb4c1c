/** Builds the data plane: services, live configuration and the proxy server. */
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { RuntimeConfigSource } from '../shared/runtime-config';
import type { AccessLog } from './access-log';
import type { Balancer } from './channels/balancer';
import { registerChannelHealthGauge } from './channels/metrics';
import { LiveConfigHolder } from './live-config';
import { createDataMetrics } from './metrics';
import type { Http1Server } from './http1/server';
import { createRequestHandler } from './proxy/handler';
import { createProxyServer } from './proxy/server';
import { createTlsServer, SniContexts } from './proxy/tls';
import { createDataServices, type DataOptions, type DataServices } from './services';

export interface DataPlane {
  server: Http1Server;
  /** HTTPS with SNI for custom domains that have certificates. */
  tlsServer: Http1Server;
  live: LiveConfigHolder;
  services: DataServices;
  close(): Promise<void>;
}

export interface DataPlaneOptions extends DataOptions {
  source: RuntimeConfigSource;
  registry: Registry;
  pollMs: number;
  log?: Logger;
  accessLog?: AccessLog;
}

export async function createDataPlane(options: DataPlaneOptions): Promise<DataPlane> {
  const services = createDataServices(options, createDataMetrics(options.registry), { log: options.log, accessLog: options.accessLog });
  registerChannelHealthGauge(options.registry, services.channels as Balancer);
  const live = new LiveConfigHolder(options.source, services, options.pollMs, options.log);
  const sni = new SniContexts();
  live.onSwap((config) => {
    services.channels?.update?.(config.runtime.channels);
    sni.update(config.runtime.domains);
  });
  await live.start();
  const handler = createRequestHandler(live, services);
  const server = createProxyServer(handler, services);
  const tlsServer = createTlsServer(handler, sni, services);
  return {
    server, tlsServer, live, services,
    close: async () => {
      live.stop();
      for (const s of [server, tlsServer]) {
        await new Promise<void>((resolve) => (s.listening ? s.close(() => resolve()) : resolve()));
        s.closeAllConnections();
      }
      await services.close();
    },
  };
}
