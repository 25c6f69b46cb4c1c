/**
 * Calls the backend through the origin's undici pool and streams the answer to the client. It uses
 * undici's low-level dispatch with a handler that writes straight to the client response: no
 * intermediate Readable, no stream pipeline (whose per-request AbortController and DOMException the
 * benchmark profile showed as ~10% of CPU). Backpressure: a full client socket pauses the backend
 * until 'drain'. The request body streams too (a counting transform enforces the body limit on
 * chunked uploads).
 */
import type { ServerResponse } from 'node:http';
import { Transform, type Readable } from 'node:stream';
import { errors as undiciErrors, type Dispatcher } from 'undici';
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

/** undici's raw header list (name, value, name, value…) minus hop-by-hop headers. */
function responseHeaders(raw: Buffer[]): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toString('latin1').toLowerCase();
    if (HOP_BY_HOP.has(name)) continue;
    const value = raw[i + 1].toString('latin1');
    const prior = headers[name];
    if (prior === undefined) headers[name] = value;
    else if (Array.isArray(prior)) prior.push(value);
    else headers[name] = [prior, value];
  }
  return headers;
}

export interface ForwardResult {
  failure?: GatewayFailure;
  upstreamMs?: number;
}

export interface ForwardOptions {
  pools: UpstreamPools;
  timeoutMs: number;
  maxBodyBytes: number;
  extraHeaders: (headers: Record<string, string | string[]>, upstreamMs: number) => void;
}

/** Sends `out` to `origin`; on success the response is streamed to `res` with `extraHeaders` added. */
export function forward(ctx: CallContext, origin: string, out: OutgoingRequest, res: ServerResponse, opts: ForwardOptions): Promise<ForwardResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    let upstreamMs: number | undefined;
    let abort: ((error?: Error) => void) | undefined;
    let settled = false;
    const settle = (result: ForwardResult) => { if (!settled) { settled = true; resolve(result); } };
    // A client that goes away mid-answer stops the backend call too.
    const onClose = () => { if (!settled) abort?.(new Error('client closed the connection')); };
    res.once('close', onClose);
    const handler: Dispatcher.DispatchHandlers = {
      onConnect: (abortRequest) => { abort = abortRequest; },
      onHeaders: (status, raw, resume) => {
        if (status < 200) return true; // 1xx: informational, the final answer follows
        upstreamMs = performance.now() - started;
        const headers = responseHeaders(raw);
        opts.extraHeaders(headers, upstreamMs);
        res.writeHead(status, headers);
        res.on('drain', resume);
        return true;
      },
      onData: (chunk) => res.write(chunk),
      onComplete: () => {
        res.removeListener('close', onClose);
        res.end();
        settle({ upstreamMs });
      },
      onError: (error) => {
        res.removeListener('close', onClose);
        if (res.headersSent) {
          res.destroy(); // the backend broke mid-answer: nothing left to answer
          settle({ upstreamMs });
        } else {
          settle({ failure: classify(error, opts.timeoutMs) });
        }
      },
    };
    opts.pools.get(origin).dispatch({
      origin, method: out.method as Dispatcher.HttpMethod, path: out.path, headers: out.headers,
      body: requestBody(ctx, opts.maxBodyBytes), headersTimeout: opts.timeoutMs, bodyTimeout: opts.timeoutMs,
    }, handler);
  });
}
