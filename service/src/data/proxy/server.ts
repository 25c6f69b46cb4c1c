/**
 * The proxy's HTTP server (node:http, no web framework on the hot path). Oversized request heads
 * that node itself refuses still get the gateway's JSON error.
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import { GATEWAY_ERRORS } from '../../shared/errors';
import type { DataServices } from '../services';
import { MAX_HEADER_BYTES } from './limits';

function rawError(code: 'HEADERS_TOO_LARGE' | 'INTERNAL_ERROR', status: number): string {
  const body = JSON.stringify({ error_code: code, error_msg: GATEWAY_ERRORS[code].message, request_id: '' });
  return `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`;
}

export function createProxyServer(handler: http.RequestListener, services: DataServices): http.Server {
  const server = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES * 2, keepAliveTimeout: 65_000, requestTimeout: 0 }, handler);
  server.on('connection', (socket: Socket) => {
    services.metrics.openConnections.inc();
    socket.once('close', () => services.metrics.openConnections.dec());
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    if (error.code === 'HPE_HEADER_OVERFLOW') socket.end(rawError('HEADERS_TOO_LARGE', 431));
    else socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
  });
  return server;
}
