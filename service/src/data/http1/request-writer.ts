/**
 * Puts a request on the wire to a backend: the head (validated, so a header value can never smuggle
 * a second request), and the body — a Buffer in the same socket write as the head when small, a
 * stream with socket backpressure and its declared length enforced, or chunked when it has none.
 */
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { breaksFieldLine, isToken } from './fields';
import type { UpstreamRequest } from './upstream-types';

/** Methods whose requests carry a body by definition: an empty one is announced as content-length: 0. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);
/** The request target: no whitespace or control characters (they would split the request line). */
const INVALID_TARGET = /[\0-\x20\x7f\u0100-\uffff]/;
/** Up to this size a Buffer body is copied next to the head for a single write; larger ones are written as a vector. */
const COPY_BODY_BYTES = 16 * 1024;

/** Names already found valid: the same few names come with every request, so each is checked once (bounded). */
const validNames = new Set<string>();
const MAX_VALID_NAMES = 4096;

function checkName(name: string): void {
  if (validNames.has(name)) return;
  if (!isToken(name)) throw new TypeError(`Invalid header name "${name}"`);
  if (validNames.size < MAX_VALID_NAMES) validNames.add(name);
}

function fieldLine(name: string, value: string): string {
  if (breaksFieldLine(value)) throw new TypeError(`Invalid character in the value of header "${name}"`);
  return name + ': ' + value + '\r\n';
}

/** A stream body's declared content-length, or -1 (it is then sent chunked). */
function declaredLength(req: UpstreamRequest): number {
  const value = req.headers['content-length'];
  if (value === undefined) return -1;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) throw new TypeError(`Invalid content-length "${String(value)}"`);
  return Number(value);
}

function framing(req: UpstreamRequest): string {
  const body = req.body;
  if (body === undefined) return BODY_METHODS.has(req.method) ? 'content-length: 0\r\n' : '';
  if (Buffer.isBuffer(body)) return 'content-length: ' + body.length + '\r\n';
  const length = declaredLength(req);
  return length < 0 ? 'transfer-encoding: chunked\r\n' : 'content-length: ' + length + '\r\n';
}

/**
 * The request head as a latin1 string, CRLF CRLF included. Adds `host` unless given and the body
 * framing; framing fields in `req.headers` are replaced by it. Throws TypeError on anything that
 * would not survive as one well-formed head.
 */
export function requestHead(req: UpstreamRequest, hostHeader: string): string {
  if (!isToken(req.method)) throw new TypeError(`Invalid method "${req.method}"`);
  if (req.path.length === 0 || INVALID_TARGET.test(req.path)) throw new TypeError(`Invalid request target "${req.path}"`);
  let head = req.method + ' ' + req.path + ' HTTP/1.1\r\n';
  const headers = req.headers;
  if (headers.host === undefined) head += 'host: ' + hostHeader + '\r\n';
  for (const name in headers) {
    if (name === 'content-length' || name === 'transfer-encoding') continue;
    const value = headers[name];
    if (value === undefined) continue;
    checkName(name);
    if (typeof value === 'string') head += fieldLine(name, value);
    else for (const item of value) head += fieldLine(name, item);
  }
  return head + framing(req) + '\r\n';
}

export interface BodyWriterOwner {
  /** Some body bytes went out: the backend is not the one keeping us waiting. */
  onBodyProgress(): void;
  onBodySent(): void;
  onBodyError(error: unknown): void;
}

/**
 * Writes the head and, for a Buffer, the body. Returns the writer still streaming a Readable body,
 * or undefined when the whole request is in the socket.
 */
export function writeRequest(socket: Socket, req: UpstreamRequest, head: string, owner: BodyWriterOwner): RequestBodyStream | undefined {
  const body = req.body;
  if (body === undefined) {
    socket.write(head, 'latin1');
    return undefined;
  }
  if (Buffer.isBuffer(body)) {
    if (body.length <= COPY_BODY_BYTES) {
      const out = Buffer.allocUnsafe(head.length + body.length);
      out.write(head, 0, 'latin1');
      body.copy(out, head.length);
      socket.write(out);
    } else {
      socket.cork();
      socket.write(head, 'latin1');
      socket.write(body);
      socket.uncork();
    }
    return undefined;
  }
  socket.write(head, 'latin1');
  const writer = new RequestBodyStream(socket, body, declaredLength(req), owner);
  writer.start();
  return writer;
}

const ignore = (): void => undefined;

/** Streams a Readable request body, pausing it while the socket is full. */
export class RequestBodyStream {
  private sent = 0;
  private stopped = false;

  /** `length` -1: chunked. */
  constructor(private readonly socket: Socket, private readonly body: Readable, private readonly length: number, private readonly owner: BodyWriterOwner) {}

  start(): void {
    const body = this.body;
    if (body.errored) {
      process.nextTick(this.onError, body.errored);
      return;
    }
    body.on('data', this.onData);
    body.on('end', this.onEnd);
    body.on('error', this.onError);
    this.socket.on('drain', this.onDrain);
    if (body.readableEnded) process.nextTick(this.onEnd);
    else body.resume();
  }

  /** Detaches from the body (sent, failed, or no longer wanted). */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    const body = this.body;
    body.off('data', this.onData);
    body.off('end', this.onEnd);
    body.off('error', this.onError);
    this.socket.off('drain', this.onDrain);
    // A body abandoned mid-way may still fail later; with no listener left that would crash the process.
    if (!body.readableEnded && body.listenerCount('error') === 0) body.on('error', ignore);
  }

  private readonly onData = (chunk: Buffer | string): void => {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (data.length === 0) return;
    this.sent += data.length;
    if (this.length >= 0 && this.sent > this.length) {
      return this.fail(new Error(`the request body is longer than its content-length (${this.length})`));
    }
    let ok: boolean;
    if (this.length >= 0) ok = this.socket.write(data);
    else {
      this.socket.cork();
      this.socket.write(data.length.toString(16) + '\r\n', 'latin1');
      this.socket.write(data);
      ok = this.socket.write('\r\n', 'latin1');
      this.socket.uncork();
    }
    if (!ok) this.body.pause();
    this.owner.onBodyProgress();
  };

  private readonly onEnd = (): void => {
    if (this.stopped) return;
    if (this.length >= 0 && this.sent !== this.length) {
      return this.fail(new Error(`the request body ended after ${this.sent} of ${this.length} bytes`));
    }
    if (this.length < 0) this.socket.write('0\r\n\r\n', 'latin1');
    this.stop();
    this.owner.onBodySent();
  };

  private readonly onError = (error: unknown): void => {
    if (!this.stopped) this.fail(error);
  };

  private readonly onDrain = (): void => {
    this.body.resume();
  };

  private fail(error: unknown): void {
    this.stop();
    this.owner.onBodyError(error);
  }
}
