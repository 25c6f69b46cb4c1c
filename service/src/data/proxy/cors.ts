/** CORS for APIs that enable it: preflight answered by the gateway; backend CORS headers win. */
import type { OutgoingHeaders, ProxyRequest, ProxyResponse } from '../http1/types';

export function isPreflight(req: ProxyRequest): boolean {
  return req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined && req.headers.origin !== undefined;
}

export function answerPreflight(req: ProxyRequest, res: ProxyResponse, requestId: string): void {
  res.writeHead(204, {
    'access-control-allow-origin': String(req.headers.origin),
    'access-control-allow-methods': String(req.headers['access-control-request-method']),
    'access-control-allow-headers': String(req.headers['access-control-request-headers'] ?? '*'),
    'access-control-max-age': '86400',
    vary: 'Origin',
    'x-request-id': requestId,
  });
  res.end();
}

/** Adds CORS headers to a response unless the backend already set them. */
export function addCorsHeaders(req: ProxyRequest, headers: OutgoingHeaders): void {
  if (req.headers.origin === undefined || headers['access-control-allow-origin'] !== undefined) return;
  headers['access-control-allow-origin'] = String(req.headers.origin);
  headers['access-control-expose-headers'] = 'X-Request-Id';
  headers.vary = headers.vary ? `${headers.vary}, Origin` : 'Origin';
}
