/**
 * The connections to one backend origin: an idle list used last-in first-out (the warmest socket,
 * and the cold ones age out), a cap on connections, and a FIFO of calls waiting for one. Also the
 * call object handed to callers, which guarantees the handler hears at most one ending.
 */
import { requestHead } from './request-writer';
import type { UpstreamCall, UpstreamHandler, UpstreamPoolOptions, UpstreamRequest } from './upstream-types';
import { UpstreamConnection, type ConnectionOwner, type OriginTarget } from './upstream-connection';
import { UpstreamError, type UpstreamFailure } from './upstream-error';

/** 'http://host:port' or 'https://[::1]:8443' → where to connect and what to send as Host. */
export function parseOrigin(origin: string): OriginTarget {
  const url = new URL(origin);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`Unsupported backend origin "${origin}"`);
  const secure = url.protocol === 'https:';
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return { secure, host, port: Number(url.port) || (secure ? 443 : 80), hostHeader: url.host };
}

export class PendingCall implements UpstreamCall {
  conn: UpstreamConnection | undefined;
  settled = false;
  retried = false;
  /** While queued: when the head timeout, counted from dispatch, runs out (performance.now() ms). */
  deadline = 0;
  /** The head timeout left when the request goes out. */
  headTimeoutMs: number;

  constructor(private readonly pool: OriginPool, readonly req: UpstreamRequest, readonly handler: UpstreamHandler, readonly head: string) {
    this.headTimeoutMs = req.timeoutMs;
  }

  /** A stream body cannot be sent twice. */
  get replayable(): boolean {
    return this.req.body === undefined || Buffer.isBuffer(this.req.body);
  }

  abort(): void {
    if (this.settled) return;
    this.settled = true;
    if (this.conn !== undefined) this.conn.abandon();
    else this.pool.forget(this);
  }

  resume(): void {
    if (!this.settled) this.conn?.resumeReading();
  }

  complete(): void {
    if (this.settled) return;
    this.settled = true;
    this.handler.onComplete();
  }

  fail(kind: UpstreamFailure, cause?: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.handler.onError(new UpstreamError(kind, cause));
  }
}

export class OriginPool implements ConnectionOwner {
  private readonly idle: UpstreamConnection[] = [];
  private readonly connections = new Set<UpstreamConnection>();
  private readonly waiting: PendingCall[] = [];
  private waitTimer: NodeJS.Timeout | undefined;
  private waitTimerAt = 0;
  private shutDown = false;
  private onDrained: (() => void) | undefined;

  constructor(private readonly target: OriginTarget, private readonly options: UpstreamPoolOptions) {}

  request(req: UpstreamRequest, handler: UpstreamHandler): UpstreamCall {
    const call = new PendingCall(this, req, handler, requestHead(req, this.target.hostHeader));
    if (this.shutDown) process.nextTick(() => call.fail('BROKEN', new Error('the upstream pool was closed')));
    else this.dispatch(call);
    return call;
  }

  /** Fails waiting calls, closes every connection (busy ones fail with BROKEN). */
  close(): Promise<void> {
    this.shutDown = true;
    this.stopWaitTimer();
    for (const call of this.waiting.splice(0)) call.fail('BROKEN', new Error('the upstream pool was closed'));
    if (this.connections.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.onDrained = resolve;
      for (const conn of [...this.connections]) conn.shutdown();
    });
  }

  /** A waiting call was aborted. */
  forget(call: PendingCall): void {
    const i = this.waiting.indexOf(call);
    if (i >= 0) this.waiting.splice(i, 1);
  }

  release(conn: UpstreamConnection): void {
    const next = this.nextWaiting();
    if (next !== undefined) return conn.start(next);
    this.idle.push(conn);
    conn.rest();
  }

  closed(conn: UpstreamConnection): void {
    this.connections.delete(conn);
    const i = this.idle.lastIndexOf(conn);
    if (i >= 0) this.idle.splice(i, 1);
    if (this.onDrained !== undefined && this.connections.size === 0) this.onDrained();
    const next = this.shutDown ? undefined : this.nextWaiting();
    if (next !== undefined) this.dispatch(next);
  }

  retry(call: PendingCall): void {
    if (this.shutDown) return call.fail('BROKEN', new Error('the upstream pool was closed'));
    call.retried = true;
    call.headTimeoutMs = call.req.timeoutMs;
    // Not capped: the stale connection is already destroyed and leaves the count on its 'close'.
    this.open().start(call);
  }

  private dispatch(call: PendingCall): void {
    const idle = this.takeIdle();
    if (idle !== undefined) idle.start(call);
    else if (this.connections.size < this.options.maxConnectionsPerOrigin) this.open().start(call);
    else this.enqueue(call);
  }

  private takeIdle(): UpstreamConnection | undefined {
    while (this.idle.length > 0) {
      const conn = this.idle.pop()!;
      if (conn.usable) return conn;
    }
    return undefined;
  }

  private open(): UpstreamConnection {
    const conn = new UpstreamConnection(this, this.target, this.options);
    this.connections.add(conn);
    return conn;
  }

  private enqueue(call: PendingCall): void {
    call.deadline = performance.now() + call.req.timeoutMs;
    this.waiting.push(call);
    if (this.waitTimer === undefined || call.deadline < this.waitTimerAt) this.startWaitTimer(call.deadline);
  }

  private nextWaiting(): PendingCall | undefined {
    const call = this.waiting.shift();
    if (call === undefined) return undefined;
    call.headTimeoutMs = Math.max(1, call.deadline - performance.now());
    if (this.waiting.length === 0) this.stopWaitTimer();
    return call;
  }

  private startWaitTimer(at: number): void {
    this.stopWaitTimer();
    this.waitTimerAt = at;
    this.waitTimer = setTimeout(this.expireWaiting, Math.max(1, at - performance.now())).unref();
  }

  private stopWaitTimer(): void {
    if (this.waitTimer !== undefined) clearTimeout(this.waitTimer);
    this.waitTimer = undefined;
  }

  /** Calls that waited for a connection longer than their timeout fail with TIMEOUT. */
  private readonly expireWaiting = (): void => {
    this.waitTimer = undefined;
    const now = performance.now();
    let earliest = Infinity;
    for (const call of [...this.waiting]) {
      if (call.deadline <= now) {
        this.forget(call);
        call.fail('TIMEOUT', new Error('no backend connection became free in time'));
      } else {
        earliest = Math.min(earliest, call.deadline);
      }
    }
    if (earliest !== Infinity) this.startWaitTimer(earliest);
  };
}
