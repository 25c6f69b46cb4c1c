/**
 * One keep-alive connection to a backend: the socket, its response parser and its timers, carrying
 * one exchange at a time. Everything per socket is created once here (listeners, parser, timers that
 * are refreshed rather than re-created), so a request on a reused connection allocates almost
 * nothing. The owning pool decides what runs on it next; this class decides whether it can be reused.
 */
import net from 'node:net';
import tls from 'node:tls';
import { writeRequest, type BodyWriterOwner, type RequestBodyStream } from './request-writer';
import { ResponseParser, type ResponseSink } from './response-parser';
import type { ResponseFields } from './response-fields';
import type { UpstreamPoolOptions } from './upstream-types';
import { holdUntilTurnEnds } from './turn-writes';
import type { UpstreamFailure } from './upstream-error';
import type { PendingCall } from './upstream-pool';

export interface OriginTarget {
  secure: boolean;
  /** For connecting: an IPv6 address without brackets. */
  host: string;
  port: number;
  /** For the Host header: host[:port], brackets kept, default port left out. */
  hostHeader: string;
}

export interface ConnectionOwner {
  /** The exchange ended and the connection may carry another. */
  release(conn: UpstreamConnection): void;
  /** The socket is gone. */
  closed(conn: UpstreamConnection): void;
  /** A reused connection turned out to be stale: run the call again on a fresh one. */
  retry(call: PendingCall): void;
}

const enum Phase { Connecting, Active, Idle, Closed }

/** A backend's keep-alive timeout hint is cut short by this much, so we never send as it closes. */
const HINT_MARGIN_MS = 1000;

/**
 * A timer re-armed with refresh() rather than re-created per request, and re-created only when its
 * duration changes (a connection's timeouts rarely do). unref'd: it never keeps the process alive.
 */
class Deadline {
  private timer: NodeJS.Timeout | undefined;
  ms = 0;

  constructor(private readonly onExpire: () => void) {}

  start(ms: number): void {
    if (this.timer !== undefined && this.ms === ms) {
      this.timer.refresh();
      return;
    }
    this.cancel();
    this.timer = setTimeout(this.onExpire, ms).unref();
    this.ms = ms;
  }

  restart(): void {
    this.timer?.refresh();
  }

  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
  }
}

/**
 * Plain TCP reads from every backend land in this one buffer (net's `onread`): no buffer allocated
 * per read and no Readable stream machinery per chunk: 1.1 µs of a no-auth and 1.6 µs of a
 * full-pipeline request on the benchmark machine (ADR 0006). Safe because each read is consumed
 * synchronously before the next one: the response parser copies a head split across reads, and
 * body chunks are copied before they reach the handler. TLS sockets keep their own buffers
 * ('data' events).
 */
const sharedReadBuffer = Buffer.allocUnsafe(64 * 1024);

function openSocket(target: OriginTarget, options: UpstreamPoolOptions, onRead: (bytes: number) => boolean): net.Socket {
  const { host, port } = target;
  if (!target.secure) return net.connect({ host, port, onread: { buffer: sharedReadBuffer, callback: onRead } });
  return tls.connect({ host, port, servername: net.isIP(host) ? undefined : host, ALPNProtocols: ['http/1.1'], ...options.tls });
}

export class UpstreamConnection implements ResponseSink, BodyWriterOwner {
  private readonly socket: net.Socket;
  private readonly parser: ResponseParser;
  private phase = Phase.Connecting;
  private call: PendingCall | undefined;
  /** Exchanges completed: a failure on a connection that already carried one may just be a stale keep-alive. */
  private exchanges = 0;
  private received = false;
  /** The current response's head arrived: from then on the timer measures silence between body chunks. */
  private headed = false;
  private paused = false;
  private bodyWriter: RequestBodyStream | undefined;
  /** Reads arrive in sharedReadBuffer (plain TCP): body chunks must be copied before they are handed on. */
  private readonly sharedReads: boolean;
  /** Connect, then per exchange the head wait and the silence between body chunks. */
  private readonly deadline: Deadline;
  private readonly idleDeadline: Deadline;

  constructor(private readonly owner: ConnectionOwner, target: OriginTarget, private readonly options: UpstreamPoolOptions) {
    this.parser = new ResponseParser(this, options.maxHeadBytes);
    this.deadline = new Deadline(this.onTimeout);
    this.idleDeadline = new Deadline(this.onIdleTimeout);
    const socket = openSocket(target, options, this.onSharedRead);
    this.sharedReads = !target.secure;
    this.socket = socket;
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 60_000);
    socket.on(target.secure ? 'secureConnect' : 'connect', this.onConnect);
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
    this.deadline.start(options.connectTimeoutMs);
  }

  /** Idle and still open. */
  get usable(): boolean {
    return this.phase === Phase.Idle && !this.socket.destroyed;
  }

  /** Runs `call` now, or once connected. */
  start(call: PendingCall): void {
    this.call = call;
    call.conn = this;
    this.received = false;
    this.headed = false;
    if (this.phase === Phase.Idle) this.socket.ref();
    if (this.phase !== Phase.Connecting) this.send(call);
  }

  /** Parks the connection in the pool's idle list. */
  rest(): void {
    this.phase = Phase.Idle;
    this.socket.unref(); // an idle pool alone does not keep the process alive
    const hint = this.parser.keepAliveMs;
    const limit = this.options.idleTimeoutMs;
    this.idleDeadline.start(hint < 0 ? limit : Math.min(limit, Math.max(hint - HINT_MARGIN_MS, hint / 2)));
  }

  /** The call was aborted: drop it and the socket, without further callbacks. */
  abandon(): void {
    this.detach();
    this.socket.destroy();
  }

  /** The pool is closing. */
  shutdown(): void {
    const call = this.call;
    this.abandon();
    call?.fail('BROKEN', new Error('the upstream pool was closed'));
  }

  /** The handler caught up after returning false from onData. */
  resumeReading(): void {
    if (!this.paused) return;
    this.paused = false;
    this.deadline.restart();
    this.socket.resume();
  }

  private send(call: PendingCall): void {
    this.phase = Phase.Active;
    this.parser.expect(call.req.method === 'HEAD');
    this.deadline.start(call.headTimeoutMs);
    holdUntilTurnEnds(this.socket); // backends read the turn's requests together (turn-writes.ts)
    this.bodyWriter = writeRequest(this.socket, call.req, call.head, this);
  }

  private detach(): void {
    const call = this.call;
    if (call !== undefined) call.conn = undefined;
    this.call = undefined;
    this.parser.stop();
    this.paused = false;
    this.bodyWriter?.stop();
    this.bodyWriter = undefined;
  }

  /** Ends the current call with `kind` and discards the connection. */
  private fail(kind: UpstreamFailure, cause: unknown): void {
    const call = this.call;
    this.abandon();
    call?.fail(kind, cause);
  }

  /** The socket failed or closed under a call: retry a stale keep-alive, else report. */
  private lose(cause: unknown): void {
    const call = this.call;
    if (call === undefined) return;
    if (this.phase === Phase.Connecting) return this.fail('CONNECT', cause);
    if (this.exchanges > 0 && !this.received && call.replayable && !call.retried) {
      this.abandon();
      this.owner.retry(call);
      return;
    }
    this.fail('BROKEN', cause);
  }

  // Socket events: bound once per connection.

  private readonly onConnect = (): void => {
    if (this.call === undefined) this.socket.destroy();
    else this.send(this.call);
  };

  /** true: keep reading (backpressure pauses the socket itself, in onResponseBody). */
  private readonly onSharedRead = (bytes: number): boolean => {
    this.onData(sharedReadBuffer.subarray(0, bytes));
    return true;
  };

  private readonly onData = (chunk: Buffer): void => {
    if (this.call === undefined) {
      this.socket.destroy(); // bytes nobody asked for: this connection is out of step
      return;
    }
    const call = this.call;
    this.received = true;
    this.parser.execute(chunk);
    // Once per read, not per callback; a response that completed inside this chunk needs none.
    if (this.headed && this.call === call) this.deadline.start(call.req.timeoutMs);
  };

  private readonly onEnd = (): void => {
    if (this.call === undefined || !this.parser.finish()) this.lose(new Error('the backend closed the connection'));
    this.socket.destroy();
  };

  private readonly onError = (error: Error): void => {
    this.lose(error);
    this.socket.destroy();
  };

  private readonly onClose = (): void => {
    this.lose(new Error('the connection closed'));
    this.phase = Phase.Closed;
    this.deadline.cancel();
    this.idleDeadline.cancel();
    this.owner.closed(this);
  };

  private readonly onTimeout = (): void => {
    if (this.phase === Phase.Connecting) {
      this.fail('CONNECT', new Error(`connecting took longer than ${this.deadline.ms} ms`));
    } else if (this.phase === Phase.Active && this.call !== undefined && !this.paused) {
      // Also while a request body is still going out: then it bounds a stall of the upload.
      this.fail('TIMEOUT', new Error(`the backend was silent for ${this.deadline.ms} ms`));
    }
  };

  private readonly onIdleTimeout = (): void => {
    if (this.phase === Phase.Idle) this.socket.destroy();
  };

  // Response parser events.

  onResponseHead(status: number, fields: ResponseFields): void {
    this.headed = true;
    this.call!.handler.onHeaders(status, fields);
  }

  onResponseBody(chunk: Buffer): void {
    const call = this.call!;
    if (!call.handler.onData(this.sharedReads ? Buffer.from(chunk) : chunk) && this.call === call) {
      this.paused = true;
      this.socket.pause();
    }
  }

  onResponseEnd(reusable: boolean): void {
    const call = this.call!;
    call.conn = undefined;
    this.call = undefined;
    this.exchanges++;
    if (this.paused) {
      this.paused = false;
      this.socket.resume();
    }
    // A request body still being sent (the backend answered early) leaves the connection out of step.
    const keep = reusable && this.bodyWriter === undefined && this.parser.keepAliveMs !== 0;
    if (keep) this.owner.release(this);
    else this.abandon();
    call.complete();
  }

  onResponseError(reason: string): void {
    this.fail('BROKEN', new Error(reason));
  }

  // Request body events.

  onBodyProgress(): void {
    this.deadline.restart();
  }

  onBodySent(): void {
    this.bodyWriter = undefined;
    this.deadline.restart(); // the wait for the head starts once the whole request is out
  }

  onBodyError(error: unknown): void {
    this.fail('REQUEST_BODY', error);
  }
}
