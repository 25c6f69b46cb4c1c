/**
 * One client connection: reads heads and bodies off the socket, hands each request to the handler
 * and answers strictly in order, one request at a time (pipelined requests wait in the input
 * buffer, which is bounded by pausing the socket). Everything per connection is set up once here
 * so a request costs one request object, one response object and, only with a body, one stream.
 */
import { STATUS_CODES } from 'node:http';
import type net from 'node:net';
import { ChunkedDecoder, type ChunkedError } from './chunked';
import { httpDate } from './date';
import {
  BODY_CHUNKED, BODY_NONE, BodyTooLarge, HEAD_INCOMPLETE, HEAD_TOO_LARGE, HeadParser, Http1Request, InputBuffer, RequestBody, type BodySource,
} from './request-parser';
import { Http1Response, type ResponseOwner } from './response-writer';
import type { ProxyHandler } from './types';

/** What every connection of one server shares. */
export interface ConnectionContext {
  readonly handler: ProxyHandler;
  readonly maxHeadBytes: number;
  readonly maxBodyBytes: number;
  readonly keepAliveTimeoutMs: number;
  readonly headersTimeoutMs: number;
  errorBody(status: number): string;
  readonly onConnectionClose: (() => void) | undefined;
  readonly connections: Set<Connection>;
  /** Sweeps so far, and their period: deadlines are counted in sweeps (no clock read per request). */
  sweeps: number;
  readonly sweepEveryMs: number;
  /** The server stopped listening: answers say connection: close. */
  draining: boolean;
}

/** An unread request body up to this size is read and dropped to keep the connection (node:http and nginx do alike). */
const DRAIN_LIMIT = 64 * 1024;
/** How long a connection closed after an error keeps reading (and dropping) input, so the client sees the answer instead of a reset. */
const LINGER_MS = 2_000;

const PHASE_HEAD = 0; // waiting for (the rest of) a head
const PHASE_REQUEST = 1; // a request is with the handler
const PHASE_CLOSING = 2; // the last answer is out: input is dropped until the socket closes
const PHASE_CLOSED = 3;

const BODY_IDLE = 0; // no body, or it has been read completely
const BODY_STREAMING = 1; // bytes go to req.body
const BODY_DRAINING = 2; // the answer is out: remaining bytes are dropped
const BODY_FAILED = 3; // too large or malformed: the connection closes after the answer

const TIMER_NONE = 0;
const TIMER_IDLE = 1;
const TIMER_HEAD = 2;

const CONTINUE = 'HTTP/1.1 100 Continue\r\n\r\n';

function aborted(): Error {
  return Object.assign(new Error('the client closed the connection before the request body ended'), { code: 'ECONNRESET' });
}

export class Connection implements ResponseOwner, BodySource {
  open = true;
  private phase = PHASE_HEAD;
  private readonly input = new InputBuffer();
  private readonly parser = new HeadParser();
  private readonly remoteAddress: string;
  private res: Http1Response | undefined = undefined;
  private responseDone = false;
  private readonly finishing: Http1Response[] = [];
  // The current request's body.
  private body: RequestBody | undefined = undefined;
  private bodyState = BODY_IDLE;
  private bodyRemaining = 0; // Content-Length bytes still to come
  private bodyBytes = 0; // chunked: body bytes so far; draining: wire bytes dropped
  private decoder: ChunkedDecoder | undefined = undefined;
  private bodyFull = false; // req.body's buffer is full: wait for _read
  private sent100 = false;
  private peerEnded = false;
  private paused = false;
  private driving = false;
  private again = false;
  private timer = TIMER_NONE;
  private timerSince = 0;
  private lingerTimer: NodeJS.Timeout | undefined = undefined;

  constructor(readonly socket: net.Socket, private readonly ctx: ConnectionContext, private readonly encrypted: boolean) {
    this.remoteAddress = socket.remoteAddress ?? '';
    socket.on('data', this.onData);
    socket.on('drain', this.onDrain);
    socket.on('end', this.onEnd);
    socket.on('close', this.onClose);
    socket.on('error', ignoreSocketError);
    ctx.connections.add(this);
    this.armTimer(TIMER_HEAD); // a connection that never sends a head is closed like a slow one
  }

  /** Between requests with nothing buffered (what closeIdleConnections closes). */
  isIdle(): boolean {
    return this.phase === PHASE_HEAD && this.input.size() === 0;
  }

  destroy(): void {
    this.socket.destroy();
  }

  // ---- socket events (bound once per connection) ----

  private readonly onData = (chunk: Buffer): void => {
    if (this.phase >= PHASE_CLOSING) return;
    this.input.append(chunk);
    this.drive();
  };

  private readonly onDrain = (): void => {
    const res = this.res;
    if (res !== undefined && !res.finished) res.onDrain?.();
  };

  /**
   * The client sent FIN. While its request is being answered that means it gave up (node:http and
   * nginx read it so too): closing at once lets the pipeline abort the backend call via onClose.
   */
  private readonly onEnd = (): void => {
    this.peerEnded = true;
    if (this.phase === PHASE_REQUEST && !this.responseDone) {
      this.socket.destroy();
      return;
    }
    if (this.bodyState === BODY_STREAMING || this.bodyState === BODY_DRAINING) this.failBody(aborted());
    if (this.phase !== PHASE_REQUEST) this.close();
  };

  private readonly onClose = (): void => {
    this.open = false;
    this.phase = PHASE_CLOSED;
    this.timer = TIMER_NONE;
    clearTimeout(this.lingerTimer);
    this.input.clear();
    if (this.bodyState === BODY_STREAMING) this.body!.destroy(aborted());
    this.res?.connectionClosed();
    this.ctx.connections.delete(this);
    this.ctx.onConnectionClose?.();
  };

  readonly afterLastWrite = (): void => {
    this.finishing.shift()?.written();
  };

  // ---- the state machine ----

  /** Runs the state machine until it must wait; re-entrant calls (from the handler or a body stream) just ask for another round. */
  private drive(): void {
    if (this.driving) {
      this.again = true;
      return;
    }
    this.driving = true;
    try {
      do {
        this.again = false;
        while (this.step());
      } while (this.again);
    } finally {
      this.driving = false;
    }
    this.updateReading();
  }

  /** One step; true when it made progress. */
  private step(): boolean {
    if (this.phase === PHASE_HEAD) return this.readHead();
    if (this.phase === PHASE_REQUEST) return this.continueRequest();
    return false;
  }

  private readHead(): boolean {
    const input = this.input;
    input.skipEmptyLines();
    if (input.size() === 0) {
      this.armTimer(TIMER_IDLE);
      return false;
    }
    const length = input.findHeadEnd(this.ctx.maxHeadBytes);
    if (length === HEAD_INCOMPLETE) {
      this.armTimer(TIMER_HEAD);
      return false;
    }
    if (length === HEAD_TOO_LARGE) return this.refuse(431);
    const head = input.latin1(length);
    input.consume(length);
    const status = this.parser.parse(head);
    if (status !== 0) return this.refuse(status);
    this.dispatch();
    return true;
  }

  private dispatch(): void {
    const p = this.parser;
    this.timer = TIMER_NONE;
    this.phase = PHASE_REQUEST;
    this.responseDone = false;
    let body: RequestBody | undefined;
    if (p.framing !== BODY_NONE) {
      body = new RequestBody(this);
      this.startBody(body);
    }
    const res = new Http1Response(this, p.method === 'HEAD', p.httpVersion === '1.0');
    this.res = res;
    const req = new Http1Request(p, this.remoteAddress, this.encrypted, body);
    try {
      this.ctx.handler(req, res);
    } catch {
      this.handlerThrew(res);
    }
  }

  private startBody(body: RequestBody): void {
    const p = this.parser;
    this.body = body;
    this.bodyState = BODY_STREAMING;
    this.bodyRemaining = p.contentLength;
    this.bodyBytes = 0;
    this.bodyFull = false;
    this.sent100 = false;
    this.decoder = p.framing === BODY_CHUNKED ? new ChunkedDecoder() : undefined;
    if (this.peerEnded) this.failBody(aborted());
  }

  private handlerThrew(res: Http1Response): void {
    if (res.finished) return;
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.finished = true; // whatever the handler still does with it must not reach the socket after our 500
    this.refuse(500);
  }

  /** Feeds buffered bytes to the body; once the answer is out and the body read, moves to the next request. */
  private continueRequest(): boolean {
    const state = this.bodyState;
    if ((state === BODY_STREAMING && !this.bodyFull) || state === BODY_DRAINING || state === BODY_FAILED) {
      if (this.input.size() > 0) {
        const used = state === BODY_FAILED ? this.input.size() : this.feedBody(this.input.view());
        this.input.consume(used);
        return true;
      }
    }
    if (!this.responseDone || this.bodyState !== BODY_IDLE) return false;
    this.res = undefined;
    this.body = undefined;
    this.decoder = undefined;
    this.phase = PHASE_HEAD;
    return true;
  }

  /** Hands body bytes to req.body (or drops them while draining); returns how many belonged to the body. */
  private feedBody(buf: Buffer): number {
    if (this.decoder !== undefined) return this.feedChunked(buf, this.decoder);
    const n = Math.min(buf.length, this.bodyRemaining);
    this.bodyRemaining -= n;
    const done = this.bodyRemaining === 0;
    if (this.bodyState === BODY_DRAINING) {
      if (done) this.bodyState = BODY_IDLE;
      return n;
    }
    const body = this.body!;
    if (done) this.bodyState = BODY_IDLE;
    // push() may run the consumer synchronously, which may end the answer and start draining.
    if (!body.push(n === buf.length ? buf : buf.subarray(0, n)) && this.bodyState === BODY_STREAMING) this.bodyFull = true;
    if (done) body.push(null);
    return n;
  }

  private feedChunked(buf: Buffer, decoder: ChunkedDecoder): number {
    let used: number;
    try {
      used = decoder.push(buf, this.onChunk);
    } catch (error) {
      this.failBody(error as ChunkedError);
      return buf.length;
    }
    if (this.bodyState === BODY_DRAINING) {
      this.bodyBytes += used;
      if (decoder.done) this.bodyState = BODY_IDLE;
      else if (this.bodyBytes > DRAIN_LIMIT) this.close();
    } else if (decoder.done && this.bodyState === BODY_STREAMING) {
      this.bodyState = BODY_IDLE;
      this.body!.push(null);
    }
    return used;
  }

  private readonly onChunk = (piece: Buffer): void => {
    if (this.bodyState !== BODY_STREAMING) return;
    this.bodyBytes += piece.length;
    if (this.bodyBytes > this.ctx.maxBodyBytes) this.failBody(new BodyTooLarge(this.ctx.maxBodyBytes));
    else if (!this.body!.push(piece) && this.bodyState === BODY_STREAMING) this.bodyFull = true;
  };

  /** The body cannot be completed: req.body errors and the connection closes after the answer. */
  private failBody(error: Error): void {
    const wasStreaming = this.bodyState === BODY_STREAMING;
    this.bodyState = BODY_FAILED;
    this.bodyFull = false;
    if (wasStreaming) this.body!.destroy(error);
    if (this.responseDone) this.close();
  }

  /** req.body wants more: say 100 Continue the first time (RFC 9110 §10.1.1), then resume reading. */
  bodyWanted(body: RequestBody): void {
    if (body !== this.body || this.bodyState !== BODY_STREAMING) return;
    if (this.parser.expectContinue && !this.sent100 && !this.res!.headersSent) {
      this.sent100 = true;
      this.socket.write(CONTINUE, 'latin1');
    }
    if (this.bodyFull) {
      this.bodyFull = false;
      this.drive();
    }
  }

  // ---- ResponseOwner ----

  mayKeepAlive(): boolean {
    if (!this.parser.keepAlive || this.ctx.draining || this.peerEnded || this.bodyState === BODY_FAILED) return false;
    if (this.bodyState !== BODY_STREAMING) return true;
    // A client still waiting for 100 Continue may never send the body; one too big to drop is not worth waiting for.
    if (this.parser.expectContinue && !this.sent100) return false;
    return this.decoder !== undefined || this.bodyRemaining <= DRAIN_LIMIT;
  }

  awaitFinish(res: Http1Response): void {
    this.finishing.push(res);
  }

  responseEnded(_res: Http1Response, reusable: boolean): void {
    this.responseDone = true;
    if (!reusable || !this.mayKeepAlive()) {
      this.close();
      return;
    }
    if (this.bodyState === BODY_STREAMING) this.drainBody();
    this.drive();
  }

  /** Nobody will read the rest of the body: drop it (bounded) so the connection can serve the next request. */
  private drainBody(): void {
    this.bodyState = BODY_DRAINING;
    this.bodyFull = false;
    this.bodyBytes = 0;
    this.body!.destroy();
    this.armTimer(TIMER_IDLE);
  }

  // ---- closing, errors, timers, reading ----

  /** Answers a request the handler never saw (or whose handler threw), then closes. */
  private refuse(status: number): boolean {
    const body = Buffer.from(this.ctx.errorBody(status));
    const head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n`
      + `date: ${httpDate()}\r\nconnection: close\r\n\r\n`;
    this.socket.cork();
    this.socket.write(head, 'latin1');
    this.socket.write(body);
    this.socket.uncork();
    if (this.bodyState === BODY_STREAMING) this.failBody(new Error('the request was refused'));
    this.close();
    return false;
  }

  /** Ends the socket after what was written; keeps reading (and dropping) for a while so the client gets the answer rather than a reset. */
  private close(): void {
    if (this.phase >= PHASE_CLOSING) return;
    this.phase = PHASE_CLOSING;
    this.timer = TIMER_NONE;
    this.input.clear();
    this.socket.end();
    this.lingerTimer = setTimeout(() => this.socket.destroy(), LINGER_MS).unref();
    this.updateReading();
  }

  /**
   * Starts the idle or head deadline. No timer per connection: the server sweeps every connection a
   * few times per timeout (sweep()), so arming costs two field writes, not a timer re-arm.
   */
  private armTimer(kind: number): void {
    if (this.timer === kind) return;
    this.timer = kind;
    this.timerSince = this.ctx.sweeps;
  }

  /** Called by the server's sweep: closes idle connections and slow heads (slowloris) past their deadline. */
  sweep(): void {
    if (this.timer === TIMER_NONE) return;
    // Armed somewhere inside sweep number timerSince: at least this much time has passed since.
    const elapsed = (this.ctx.sweeps - this.timerSince - 1) * this.ctx.sweepEveryMs;
    if (this.timer === TIMER_IDLE) {
      if (elapsed >= this.ctx.keepAliveTimeoutMs) this.socket.destroy();
    } else if (elapsed >= this.ctx.headersTimeoutMs && this.phase === PHASE_HEAD) {
      this.timer = TIMER_NONE;
      if (this.input.size() > 0) this.refuse(408);
      else this.socket.destroy();
    }
  }

  /** Reads unless req.body is full or pipelined input beyond maxHeadBytes waits; always reads (and drops) while closing. */
  private updateReading(): void {
    if (this.phase === PHASE_CLOSED) return;
    const pause = this.phase < PHASE_CLOSING && (this.bodyFull || this.input.size() > this.ctx.maxHeadBytes);
    if (pause === this.paused) return;
    this.paused = pause;
    if (pause) this.socket.pause();
    else this.socket.resume();
  }
}

function ignoreSocketError(): void {
  // ECONNRESET, EPIPE…: 'close' follows and cleans up; a client going away must not crash the process.
}
