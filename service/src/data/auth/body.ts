/**
 * Reads a request body into memory for the policies that must see it before the backend call (form
 * parameters are part of the app signature; Content-MD5 is checked against the bytes). Bounded by
 * the gateway's body limit; the proxy then forwards `ctx.body` instead of streaming the request.
 */
import { BodyTooLarge } from '../http1/server';
import type { ProxyRequest } from '../http1/types';
import { failure, type GatewayFailure } from '../pipeline/context';

const EMPTY = Buffer.alloc(0);

export function hasBody(req: ProxyRequest): boolean {
  return req.body !== undefined;
}

export function readBody(req: ProxyRequest, maxBytes: number): Promise<Buffer | GatewayFailure> {
  const body = req.body;
  if (!body) return Promise.resolve(EMPTY);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (result: Buffer | GatewayFailure) => {
      body.off('data', onData).off('end', onEnd).off('error', onError).off('close', onError);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) { chunks.push(chunk); return; }
      done(tooLarge(maxBytes));
      body.resume(); // discard the rest; the answer is already decided
    };
    const onEnd = () => done(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    // The server's own limit on chunked bodies surfaces as a stream error.
    const onError = (error?: Error) => done(error instanceof BodyTooLarge ? tooLarge(maxBytes) : failure('PARAMETER_INVALID', 'The request body could not be read'));
    body.on('data', onData).on('end', onEnd).on('error', onError).on('close', onError);
  });
}

const tooLarge = (maxBytes: number) => failure('BODY_TOO_LARGE', `The request body exceeds ${maxBytes} bytes`);
