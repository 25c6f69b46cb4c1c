/**
 * Calls the backend through the origin's undici pool and streams the answer to the client. The
 * request body streams too (a counting transform enforces the body limit on chunked uploads).
 */
import type { ServerResponse } from 'node:http';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { errors as undiciErrors } from 'undici';
import { failure, type CallContext, type GatewayFailure } from '../pipeline/context';
import type { OutgoingRequest } from './outgoing';
import type { UpstreamPools } from './pools';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-authenticate', 'proxy-authorization']);

export class BodyTooLarge extends Error {}

function requestBody(ctx: CallContext, maxBytes: number): Readable | Buffer | undefined {
  if (ctx.body) return ctx.body;
  const headers = ctx.req.headers;
  if (!headers['transfer-encoding'] && (headers['content-length'] === undefined || headers['content-length'] === '0')) return undefined;
  if (headers['content-length'] !== undefined) return ctx.req; // already checked against the limit
  let seen = 0;
  return ctx.req.pipe(new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      done(seen > maxBytes ? new BodyTooLarge() : null, chunk);
    },
  }));
}

function classify(error: any, timeoutMs: number): GatewayFailure {
  if (error instanceof BodyTooLarge || error?.cause instanceof BodyTooLarge) return failure('BODY_TOO_LARGE');
  if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) {
    return failure('BACKEND_TIMEOUT', `The backend did not answer within ${timeoutMs} ms`);
  }
  if (error instanceof undiciErrors.ConnectTimeoutError) return failure('BACKEND_UNAVAILABLE', 'Connecting to the backend timed out');
  return failure('BACKEND_UNAVAILABLE');
}

export interface ForwardResult {
  failure?: GatewayFailure;
  upstreamMs?: number;
}

/** Sends `out` to `origin`; on success the response is streamed to `res` with `extraHeaders` added. */
export async function forward(ctx: CallContext, origin: string, out: OutgoingRequest, res: ServerResponse, opts: {
  pools: UpstreamPools; timeoutMs: number; maxBodyBytes: number; extraHeaders: (headers: Record<string, string | string[]>, upstreamMs: number) => void;
}): Promise<ForwardResult> {
  const started = performance.now();
  let answer;
  try {
    answer = await opts.pools.get(origin).request({
      method: out.method as any, path: out.path, headers: out.headers, body: requestBody(ctx, opts.maxBodyBytes),
      headersTimeout: opts.timeoutMs, bodyTimeout: opts.timeoutMs,
    });
  } catch (error) {
    return { failure: classify(error, opts.timeoutMs) };
  }
  const upstreamMs = performance.now() - started;
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  }
  opts.extraHeaders(headers, upstreamMs);
  res.writeHead(answer.statusCode, headers);
  try {
    await pipeline(answer.body, res);
  } catch {
    res.destroy(); // the client went away or the backend broke mid-body: nothing left to answer
  }
  return { upstreamMs };
}
