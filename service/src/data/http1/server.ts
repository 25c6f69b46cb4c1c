/**
 * The data plane's own HTTP/1.1 server over net / tls sockets (ADR 0006): node:http's server cost
 * about twice the CPU per request of a raw socket server, and the proxy's hot path is exactly that.
 * This module owns options and the set of connections; connection.ts does the protocol.
 *
 *   const server = createHttp1Server((req, res) => { res.writeHead(200, { 'content-length': '3' }); res.end('ok\n'); });
 *   server.listen(8000);
 */
import { STATUS_CODES } from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import { Connection, type ConnectionContext } from './connection';
import { BodyTooLarge } from './request-parser';
import type { ProxyHandler } from './types';

export { BodyTooLarge };

export interface Http1Options {
  /** Request line + header section; bigger → 431 and close. */
  maxHeadBytes: number;
  /** A chunked request body beyond this makes req.body error with BodyTooLarge (Content-Length is the pipeline's check). */
  maxBodyBytes: number;
  /** Idle time between requests before the server closes the connection. */
  keepAliveTimeoutMs: number;
  /** Longest time from a request's first byte to its complete head (slowloris) → 408 and close. */
  headersTimeoutMs: number;
  /** Body text (JSON) for errors the server answers itself: 400, 408, 431, 500, 505. Sent with connection: close. */
  errorBody(status: number): string;
  /** For the open-connections gauge. */
  onConnectionOpen?(): void;
  onConnectionClose?(): void;
}

export interface Http1Server extends net.Server {
  /** Closes connections that wait for a next request (close() does this too, like node:http). */
  closeIdleConnections(): void;
  /** Closes every connection at once, answers in flight included. */
  closeAllConnections(): void;
}

const DEFAULTS: Http1Options = {
  maxHeadBytes: 64 * 1024,
  maxBodyBytes: 1024 * 1024, // nginx's client_max_body_size default
  keepAliveTimeoutMs: 65_000,
  headersTimeoutMs: 60_000,
  errorBody: (status) => JSON.stringify({ error: STATUS_CODES[status] ?? 'Error' }),
};

type ServerContext = ConnectionContext & { onConnectionOpen?(): void };

function contextFor(handler: ProxyHandler, given: Partial<Http1Options>): ServerContext {
  const o = { ...DEFAULTS, ...given };
  return {
    handler, maxHeadBytes: o.maxHeadBytes, maxBodyBytes: o.maxBodyBytes, keepAliveTimeoutMs: o.keepAliveTimeoutMs,
    headersTimeoutMs: o.headersTimeoutMs, errorBody: o.errorBody, onConnectionOpen: o.onConnectionOpen,
    onConnectionClose: o.onConnectionClose, connections: new Set(), draining: false, sweeps: 0,
    sweepEveryMs: Math.max(10, Math.min(1000, Math.min(o.keepAliveTimeoutMs, o.headersTimeoutMs) / 4)),
  };
}

/** Adds closeIdleConnections / closeAllConnections, and makes close() stop keep-alive and close idle connections. */
function equip<S extends net.Server>(server: S, ctx: ConnectionContext): S & Http1Server {
  const listenerClose = server.close;
  const closeIdleConnections = () => {
    for (const c of ctx.connections) if (c.isIdle()) c.destroy();
  };
  const closeAllConnections = () => {
    for (const c of ctx.connections) c.destroy();
  };
  const close = function (this: S, callback?: (err?: Error) => void) {
    ctx.draining = true;
    listenerClose.call(this, callback);
    closeIdleConnections();
    return this;
  };
  // The cast: net.Server's own methods are typed to return the base class, not the equipped one.
  return Object.assign(server, { closeIdleConnections, closeAllConnections, close }) as unknown as S & Http1Server;
}

/**
 * One timer per server checks every connection's idle and head deadlines (as node:http's
 * connectionsCheckingInterval does), four times per timeout: a deadline is late by at most a quarter.
 */
function startSweeping(server: net.Server, ctx: ConnectionContext): void {
  const sweeper = setInterval(() => {
    ctx.sweeps++;
    for (const c of ctx.connections) c.sweep();
  }, ctx.sweepEveryMs).unref();
  server.on('close', () => clearInterval(sweeper));
}

function accept(ctx: ServerContext, encrypted: boolean) {
  return (socket: net.Socket) => {
    ctx.onConnectionOpen?.();
    new Connection(socket, ctx, encrypted);
  };
}

/** Plain TCP. allowHalfOpen: the connection, not node, decides what a client's FIN means (Connection.onEnd). */
export function createHttp1Server(handler: ProxyHandler, options: Partial<Http1Options> = {}): Http1Server {
  const ctx = contextFor(handler, options);
  const server = net.createServer({ allowHalfOpen: true, noDelay: true }, accept(ctx, false));
  startSweeping(server, ctx);
  return equip(server, ctx);
}

/** TLS: the same connections on each 'secureConnection' socket (req.encrypted = true). */
export function createHttps1Server(handler: ProxyHandler, tlsOptions: tls.TlsOptions, options: Partial<Http1Options> = {}): Http1Server & tls.Server {
  const ctx = contextFor(handler, options);
  const server = tls.createServer({ allowHalfOpen: true, noDelay: true, ...tlsOptions });
  server.on('secureConnection', accept(ctx, true));
  // A failed handshake (scanners, wrong protocol) only costs that socket.
  server.on('tlsClientError', (_error, socket) => socket.destroy());
  startSweeping(server, ctx);
  return equip(server, ctx);
}
