/**
 * Reads a request body into memory for the policies that must see it before the backend call (form
 * parameters are part of the app signature; Content-MD5 is checked against the bytes). Bounded by
 * the gateway's body limit; the proxy then forwards `ctx.body` instead of streaming the request.
 */
import type { IncomingMessage } from 'node:http';
import { failure, type GatewayFailure } from '../pipeline/context';

const EMPTY = Buffer.alloc(0);

export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | GatewayFailure> {
  if (!hasBody(req)) return Promise.resolve(EMPTY);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (result: Buffer | GatewayFailure) => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onError);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) { chunks.push(chunk); return; }
      done(failure('BODY_TOO_LARGE', `The request body exceeds ${maxBytes} bytes`));
      req.resume(); // discard the rest; the answer is already decided
    };
    const onEnd = () => done(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    const onError = () => done(failure('PARAMETER_INVALID', 'The request body could not be read'));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onError);
  });
}
