/** Request size limits checked before routing: URI length and total header size. */
import type { ProxyRequest } from '../http1/types';
import type { GatewayFailure } from '../pipeline/context';
import { failure } from '../pipeline/context';

export const MAX_URI_LENGTH = 8192;
export const MAX_HEADER_BYTES = 32 * 1024;

export function checkLimits(req: ProxyRequest, maxBodyBytes: number): GatewayFailure | undefined {
  if (req.url.length > MAX_URI_LENGTH) return failure('URI_TOO_LONG', `The request URI exceeds ${MAX_URI_LENGTH} characters`);
  if (req.headerBytes > MAX_HEADER_BYTES) return failure('HEADERS_TOO_LARGE', `The request headers exceed ${MAX_HEADER_BYTES} bytes`);
  const length = req.headers['content-length'];
  if (length !== undefined && Number(length) > maxBodyBytes) return failure('BODY_TOO_LARGE', `The request body exceeds ${maxBodyBytes} bytes`);
  return undefined;
}
