/** CORS for APIs that enable it: preflight answered by the gateway; backend CORS headers win. */
import type { OutgoingHeaders, ProxyRequest, ProxyResponse } from '../http1/types';
import type { ResponseFields } from '../http1/upstream';

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

/**
 * Adds CORS headers to `headers` unless the answer already has them: in `headers` (a mock's) or in
 * `backend`, the backend's fields sent along (a Vary of theirs gains Origin).
 */
export function addCorsHeaders(req: ProxyRequest, headers: OutgoingHeaders, backend?: ResponseFields): void {
  if (req.headers.origin === undefined || headers['access-control-allow-origin'] !== undefined || backend?.has('access-control-allow-origin')) return;
  headers['access-control-allow-origin'] = String(req.headers.origin);
  headers['access-control-expose-headers'] = 'X-Request-Id';
  const vary = headers.vary ?? backend?.get('vary');
  headers.vary = vary ? `${String(vary)}, Origin` : 'Origin';
}
