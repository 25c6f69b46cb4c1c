/**
 * The gRPC endpoint Terraform dials: HTTP/2 on 127.0.0.1 with a random port, TLS with ALPN h2
 * (grpc-go >= 1.67 refuses servers without it) and the client certificate required and verified
 * against the PEM Terraform passed in PLUGIN_CLIENT_CERT. Without that PEM it serves plaintext h2c,
 * which is what go-plugin expects when TF_DISABLE_PLUGIN_TLS is set.
 */
import { X509Certificate } from 'node:crypto';
import { createSecureServer, createServer } from 'node:http2';
import type { Http2SecureServer, Http2Server } from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { ConnectRouter } from '@connectrpc/connect';
import { connectNodeAdapter } from '@connectrpc/connect-node';

export interface TlsMaterial {
  certPem: string;
  keyPem: string;
  clientCaPem: string;
}

export interface RunningServer {
  port: number;
  close(): void;
}

/** Terraform's client allows 64 MiB schema responses; terraform-plugin-go uses 256 MiB both ways. */
const MAX_MESSAGE_BYTES = 256 << 20;

export function startServer(routes: (router: ConnectRouter) => void, tls?: TlsMaterial): Promise<RunningServer> {
  // Node ignores a CA that is not PEM, which would fail every connection later; fail at start instead.
  if (tls) new X509Certificate(tls.clientCaPem);
  const handler = connectNodeAdapter({
    routes, grpc: true, grpcWeb: false, connect: false, readMaxBytes: MAX_MESSAGE_BYTES, writeMaxBytes: MAX_MESSAGE_BYTES,
  });
  const server: Http2SecureServer | Http2Server = tls
    ? createSecureServer({
      key: tls.keyPem, cert: tls.certPem, ca: tls.clientCaPem,
      requestCert: true, rejectUnauthorized: true, ALPNProtocols: ['h2'], allowHTTP1: false, minVersion: 'TLSv1.2',
    }, handler)
    : createServer(handler);
  const sessions = new Set<import('node:http2').ServerHttp2Session>();
  server.on('session', (s) => { sessions.add(s); s.on('close', () => sessions.delete(s)); });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => { server.close(); for (const s of sessions) s.destroy(); },
      });
    });
  });
}
