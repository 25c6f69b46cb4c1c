/**
 * Calls the backend through the origin's keep-alive pool (http1/upstream) and streams its answer to
 * the client as it arrives: head first, then body chunks, with backpressure both ways (a full client
 * socket stops reading the backend until it drains). A client that goes away aborts the backend
 * call. The request body streams too: the server's request stream, or `ctx.body` when a policy
 * already read it.
 */
import { BodyTooLarge } from '../http1/server';
import type { OutgoingHeaders, ProxyResponse } from '../http1/types';
import type { UpstreamError, UpstreamPools } from '../http1/upstream';
import { failure, type CallContext, type GatewayFailure } from '../pipeline/context';
import type { OutgoingRequest } from './outgoing';

function classify(error: UpstreamError, timeoutMs: number): GatewayFailure {
  switch (error.kind) {
    case 'TIMEOUT': return failure('BACKEND_TIMEOUT', `The backend did not answer within ${timeoutMs} ms`);
    case 'REQUEST_BODY':
      return error.cause instanceof BodyTooLarge ? failure('BODY_TOO_LARGE') : failure('PARAMETER_INVALID', 'The request body could not be read');
    default: return failure('BACKEND_UNAVAILABLE');
  }
}

export interface ForwardResult {
  failure?: GatewayFailure;
  upstreamMs?: number;
}

export interface ForwardOptions {
  pools: UpstreamPools;
  timeoutMs: number;
  extraHeaders: (headers: OutgoingHeaders, upstreamMs: number) => void;
}

/** Sends `out` to `origin`; on success the response is streamed to `res` with `extraHeaders` added. */
export function forward(ctx: CallContext, origin: string, out: OutgoingRequest, res: ProxyResponse, opts: ForwardOptions): Promise<ForwardResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    let upstreamMs: number | undefined;
    let settled = false;
    const settle = (result: ForwardResult) => {
      if (settled) return;
      settled = true;
      res.onClose = undefined;
      res.onDrain = undefined;
      resolve(result);
    };
    const call = opts.pools.request(origin, {
      method: out.method, path: out.path, headers: out.headers, body: ctx.body ?? ctx.req.body, timeoutMs: opts.timeoutMs,
    }, {
      onHeaders: (status, headers) => {
        upstreamMs = performance.now() - started;
        opts.extraHeaders(headers, upstreamMs);
        res.writeHead(status, headers);
      },
      onData: (chunk) => res.write(chunk),
      onComplete: () => {
        res.end();
        settle({ upstreamMs });
      },
      onError: (error) => {
        if (res.headersSent) {
          res.destroy(); // the backend broke mid-answer: nothing left to answer
          settle({ upstreamMs });
        } else {
          settle({ failure: classify(error, opts.timeoutMs) });
        }
      },
    });
    res.onDrain = () => call.resume();
    res.onClose = () => {
      call.abort();
      settle({ upstreamMs });
    };
  });
}
