/**
 * Calls the backend through the origin's keep-alive pool (http1/upstream) and streams its answer to
 * the client as it arrives: head first, then body chunks, with backpressure both ways (a full client
 * socket stops reading the backend until it drains). A client that goes away aborts the backend
 * call. The request body streams too: the server's request stream, or `ctx.body` when a policy
 * already read it. One exchange object per call, no promise and no closures: this runs per request.
 */
import { BodyTooLarge } from '../http1/server';
import type { OutgoingHeaders, ProxyResponse } from '../http1/types';
import type { ResponseFields, UpstreamCall, UpstreamError, UpstreamHandler, UpstreamPools } from '../http1/upstream';
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
  /** Set when nothing was answered yet: the caller answers with this gateway error. */
  failure?: GatewayFailure;
  /** Milliseconds until the backend's response head, when it came. */
  upstreamMs?: number;
}

/** What the exchange tells its caller: response headers to complete, and the outcome. */
export interface ForwardListener {
  /** Puts the gateway's headers (request id, CORS, debug) in `headers`; `backend`: the backend's fields, which go out with them. */
  completeHeaders(headers: OutgoingHeaders, upstreamMs: number | undefined, backend?: ResponseFields): void;
  /** Called once: the answer was streamed (or broke mid-way), or `failure` must be answered. */
  forwarded(result: ForwardResult): void;
}

class Exchange implements UpstreamHandler {
  private readonly started = performance.now();
  private upstreamMs: number | undefined = undefined;
  private settled = false;
  call: UpstreamCall | undefined = undefined;

  constructor(private readonly res: ProxyResponse, private readonly listener: ForwardListener, private readonly timeoutMs: number) {}

  onHeaders(status: number, fields: ResponseFields): void {
    this.upstreamMs = performance.now() - this.started;
    // The backend's fields go out as they came; only the gateway's own are serialised.
    const headers: OutgoingHeaders = {};
    this.listener.completeHeaders(headers, this.upstreamMs, fields);
    this.res.writeHead(status, headers, fields);
  }

  onData(chunk: Buffer): boolean {
    return this.res.write(chunk);
  }

  onComplete(): void {
    this.res.end();
    this.settle({ upstreamMs: this.upstreamMs });
  }

  onError(error: UpstreamError): void {
    if (this.res.headersSent) {
      this.res.destroy(); // the backend broke mid-answer: nothing left to answer
      this.settle({ upstreamMs: this.upstreamMs });
    } else {
      this.settle({ failure: classify(error, this.timeoutMs) });
    }
  }

  /** The client socket drained: read the backend again. */
  readonly resume = (): void => this.call?.resume();

  /** The client went away: stop the backend call. */
  readonly abandon = (): void => {
    this.call?.abort();
    this.settle({ upstreamMs: this.upstreamMs });
  };

  private settle(result: ForwardResult): void {
    if (this.settled) return;
    this.settled = true;
    this.res.onClose = undefined;
    this.res.onDrain = undefined;
    this.listener.forwarded(result);
  }
}

/** Sends `out` to `origin`; the answer is streamed to `res`, and `listener` hears how it went. */
export function forward(ctx: CallContext, origin: string, out: OutgoingRequest, res: ProxyResponse, pools: UpstreamPools, timeoutMs: number, listener: ForwardListener): void {
  const exchange = new Exchange(res, listener, timeoutMs);
  exchange.call = pools.request(origin, {
    method: out.method, path: out.path, headers: out.headers, body: ctx.body ?? ctx.req.body, timeoutMs,
  }, exchange);
  res.onDrain = exchange.resume;
  res.onClose = exchange.abandon;
}
