/**
 * terraform-provider-apigw entry point: the go-plugin handshake, then the tfplugin6 provider and
 * go-plugin's control services over gRPC. Built into dist/provider.js by scripts/build.sh and
 * launched by Terraform (never by hand: without Terraform's cookie it explains itself and exits 1).
 */
import type { ConnectRouter } from '@connectrpc/connect';
import { verifySettings } from './client/verify';
import { ProviderRuntime } from './framework/rpc/runtime';
import { providerService } from './framework/rpc/service';
import { Provider } from './gen/tfplugin6_pb';
import { registerControlServices } from './plugin/control';
import { selfSignedCertificate } from './plugin/cert';
import { readEnv } from './plugin/env';
import { handshakeLine, startupProblem } from './plugin/handshake';
import { exitWhenOrphaned, installSignalHandlers, shutdown } from './plugin/lifecycle';
import { createLogger, routeConsoleToLog } from './plugin/log';
import { startServer } from './plugin/server';
import { buildDataSources, buildResources } from './resources';
import { providerSchemas } from './schema';

async function main(): Promise<void> {
  const env = readEnv();
  const problem = startupProblem(env);
  if (problem) {
    process.stderr.write(problem);
    process.exit(1);
  }
  const log = createLogger(env.logLevel);
  routeConsoleToLog(log);
  installSignalHandlers(log);
  const runtime = new ProviderRuntime(providerSchemas(), buildResources(), buildDataSources(), env.provider, log, { verifySettings });
  const cert = env.clientCertPem ? selfSignedCertificate() : undefined;
  let close = () => undefined as void;
  const routes = (router: ConnectRouter) => {
    router.service(Provider, providerService(runtime));
    registerControlServices(router, () => shutdown(log, close));
  };
  const server = await startServer(routes, cert && env.clientCertPem
    ? { certPem: cert.certPem, keyPem: cert.keyPem, clientCaPem: env.clientCertPem } : undefined);
  close = server.close;
  process.stdout.write(handshakeLine(server.port, cert?.der));
  log.debug('plugin started', { port: server.port, tls: Boolean(cert) });
  exitWhenOrphaned(log);
}

main().catch((err: unknown) => {
  // Before the handshake nothing else reaches the user; Terraform reports the early exit and logs stderr.
  process.stderr.write(`terraform-provider-apigw failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
