/**
 * The proxy's servers: the data plane's own HTTP/1.1 server (http1/, ADR 0006) on plain TCP, and
 * the same over TLS with SNI. Requests the HTTP layer refuses before the pipeline sees them
 * (malformed, oversized or slow heads) still get the gateway's JSON error body.
 */
import type tls from 'node:tls';
import { GATEWAY_ERRORS, type GatewayErrorCode } from '../../shared/errors';
import { createHttp1Server, createHttps1Server, type Http1Options, type Http1Server } from '../http1/server';
import type { ProxyHandler } from '../http1/types';
import type { DataServices } from '../services';
import { MAX_HEADER_BYTES } from './limits';

const CODE_BY_STATUS: Record<number, GatewayErrorCode> = {
  400: 'BAD_REQUEST', 408: 'REQUEST_TIMEOUT', 413: 'BODY_TOO_LARGE', 431: 'HEADERS_TOO_LARGE', 505: 'HTTP_VERSION_NOT_SUPPORTED',
};

function errorBody(status: number): string {
  const code = CODE_BY_STATUS[status] ?? 'INTERNAL_ERROR';
  return JSON.stringify({ error_code: code, error_msg: GATEWAY_ERRORS[code].message, request_id: '' });
}

function serverOptions(services: DataServices): Partial<Http1Options> {
  return {
    // Heads up to twice the header limit reach the pipeline, which answers 431 with a request id.
    maxHeadBytes: MAX_HEADER_BYTES * 2,
    maxBodyBytes: services.options.maxBodyBytes,
    keepAliveTimeoutMs: 65_000,
    errorBody,
    onConnectionOpen: () => services.metrics.openConnections.inc(),
    onConnectionClose: () => services.metrics.openConnections.dec(),
  };
}

export function createProxyServer(handler: ProxyHandler, services: DataServices): Http1Server {
  return createHttp1Server(handler, serverOptions(services));
}

export function createProxyTlsServer(handler: ProxyHandler, services: DataServices, tlsOptions: tls.TlsOptions): Http1Server {
  return createHttps1Server(handler, tlsOptions, serverOptions(services));
}
