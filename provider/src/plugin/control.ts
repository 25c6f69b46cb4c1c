/**
 * The services go-plugin expects beside the provider: health ("plugin" is SERVING), the controller
 * whose Shutdown ends the process, and stdio streaming (we print nothing, so the stream ends at once,
 * which go-plugin accepts). The broker is optional and left UNIMPLEMENTED.
 */
import { Code, ConnectError } from '@connectrpc/connect';
import type { ConnectRouter } from '@connectrpc/connect';
import { Health, HealthCheckResponse_ServingStatus } from '../gen/grpc/health/v1/health_pb';
import { GRPCController } from '../gen/grpc_controller_pb';
import { GRPCStdio } from '../gen/grpc_stdio_pb';

export function registerControlServices(router: ConnectRouter, onShutdown: () => void): void {
  router.service(Health, {
    check(req) {
      if (req.service !== '' && req.service !== 'plugin') throw new ConnectError(`unknown service ${req.service}`, Code.NotFound);
      return { status: HealthCheckResponse_ServingStatus.SERVING };
    },
  });
  router.service(GRPCController, {
    shutdown() {
      // Answer first; exit right after the response has been written.
      setImmediate(onShutdown);
      return {};
    },
  });
  router.service(GRPCStdio, {
    async *streamStdio() { /* nothing to mirror: stdout/stderr stay ours */ },
  });
}
