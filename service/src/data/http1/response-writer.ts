/**
 * One answer on a client connection (the ProxyResponse of types.ts): serialises the head into one
 * latin1 string, frames the body (the given content-length, else chunked on HTTP/1.1, else
 * close-delimited) and sends the head in the same socket write as the first body bytes.
 */
import { STATUS_CODES } from 'node:http';
import type net from 'node:net';
import { httpDate } from './date';
import { breaksFieldLine, parseContentLength } from './fields';
import type { ForwardedFields, OutgoingHeaders, ProxyResponse } from './types';

/** What a response needs from its connection. */
export interface ResponseOwner {
  readonly socket: net.Socket;
  /** False once the connection has closed: nothing written any more reaches the client. */
  readonly open: boolean;
  /** Whether the connection may stay open after this answer (asked once, at writeHead). */
  mayKeepAlive(): boolean;
  /** end() handed everything to the socket; `reusable`: the client can tell where this answer ended. */
  responseEnded(res: Http1Response, reusable: boolean): void;
  /** Queues `res` for onFinish at the callback of its last socket write (afterLastWrite). */
  awaitFinish(res: Http1Response): void;
  readonly afterLastWrite: () => void;
}

const FRAMING_NONE = 0;
const FRAMING_LENGTH = 1;
const FRAMING_CHUNKED = 2;
const FRAMING_CLOSE = 3;

/** Bodies up to this size are copied into one string with the head for a single socket write. */
const COALESCE_LIMIT = 8 * 1024;

const statusLines: string[] = [];

function statusLine(status: number): string {
  if (!Number.isInteger(status) || status < 100 || status > 999) throw new RangeError(`Invalid status code: ${status}`);
  return (statusLines[status] ??= `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}\r\n`);
}

const invalid = (name: string) => new TypeError(`Invalid character in header "${name.replace(/[\r\n\0]/g, '')}"`);

export class Http1Response implements ProxyResponse {
  statusCode = 0;
  headersSent = false;
  finished = false;
  onDrain: (() => void) | undefined = undefined;
  onClose: (() => void) | undefined = undefined;
  onFinish: (() => void) | undefined = undefined;
  /** end() was called (as opposed to destroy()). */
  ended = false;
  /** Decided at writeHead: the head says the connection stays open. */
  keepAlive = false;
  /** The serialised head until it goes out with the first body bytes. */
  private head = '';
  private framing = FRAMING_NONE;
  /** Body bytes still owed under content-length framing. */
  private remaining = 0;
  private chunksSent = false;

  constructor(
    private readonly owner: ResponseOwner,
    private readonly headRequest: boolean,
    private readonly http10: boolean,
  ) {}

  writeHead(status: number, headers: OutgoingHeaders, backend?: ForwardedFields): void {
    if (this.finished) return;
    if (this.statusCode !== 0) throw new Error('writeHead was already called');
    let head = statusLine(status);
    let length = -1;
    let dated = false;
    if (backend !== undefined) {
      // Validated lines, forwarded verbatim; framing fields were cut out and are added below.
      head += backend.linesExcept(headers);
      dated = backend.dated; // unless `headers` has a date: then the loop below sees it
      if (backend.contentLength >= 0 && headers['content-length'] === undefined) {
        length = backend.contentLength;
        head += `content-length: ${length}\r\n`;
      }
    }
    // Names are not checked: they are the pipeline's own (constants, or names the configuration validated).
    for (const name in headers) {
      const value = headers[name];
      if (value === undefined || name === 'connection' || name === 'transfer-encoding' || name === 'keep-alive') continue;
      if (name === 'content-length') {
        length = parseContentLength(value);
        if (length < 0) throw new TypeError('Invalid value for header "content-length"');
      } else if (name === 'date') dated = true;
      if (typeof value === 'object') {
        for (const v of value) {
          if (breaksFieldLine(String(v))) throw invalid(name);
          head += `${name}: ${v}\r\n`;
        }
      } else {
        if (breaksFieldLine(String(value))) throw invalid(name);
        head += `${name}: ${value}\r\n`;
      }
    }
    this.head = this.frame(head, status, length, dated);
    this.statusCode = status;
    this.headersSent = true;
  }

  /** Adds the framing, connection and date fields the server owns, and the blank line. */
  private frame(head: string, status: number, length: number, dated: boolean): string {
    if (this.headRequest || status < 200 || status === 204 || status === 304) this.framing = FRAMING_NONE;
    else if (length >= 0) {
      this.framing = FRAMING_LENGTH;
      this.remaining = length;
    } else if (!this.http10) {
      this.framing = FRAMING_CHUNKED;
      head += 'transfer-encoding: chunked\r\n';
    } else this.framing = FRAMING_CLOSE;
    this.keepAlive = this.framing !== FRAMING_CLOSE && this.owner.mayKeepAlive();
    if (!this.keepAlive) head += 'connection: close\r\n';
    else if (this.http10) head += 'connection: keep-alive\r\n';
    if (!dated) head += `date: ${httpDate()}\r\n`;
    return `${head}\r\n`;
  }

  write(chunk: Buffer): boolean {
    if (this.finished) return false;
    if (this.statusCode === 0) this.writeHead(200, {});
    const size = chunk.length;
    if (this.framing === FRAMING_NONE || size === 0) return true;
    if (this.framing === FRAMING_LENGTH && !this.owe(size)) return false;
    let text = this.takeHead();
    if (this.framing === FRAMING_CHUNKED) {
      // Each chunk's closing CRLF goes out with the next size line (or the last chunk).
      text += this.chunksSent ? `\r\n${size.toString(16)}\r\n` : `${size.toString(16)}\r\n`;
      this.chunksSent = true;
    }
    return this.send(text, chunk, size, '', undefined);
  }

  end(chunk?: Buffer | string): void {
    if (this.finished) return;
    if (this.statusCode === 0) this.writeHead(200, {});
    let body = this.framing === FRAMING_NONE ? undefined : chunk;
    const size = body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.length;
    if (size === 0) body = undefined;
    if (body !== undefined && this.framing === FRAMING_LENGTH && !this.owe(size)) return;
    this.finished = true;
    this.ended = true;
    const owner = this.owner;
    if (!owner.open) return; // onClose already told the caller
    owner.awaitFinish(this);
    let text = this.takeHead();
    let tail = '';
    if (this.framing === FRAMING_CHUNKED) {
      const close = this.chunksSent ? '\r\n' : '';
      if (body === undefined) text += `${close}0\r\n\r\n`;
      else {
        text += `${close}${size.toString(16)}\r\n`;
        tail = '\r\n0\r\n\r\n';
      }
    }
    if (text === '' && body === undefined && tail === '' && owner.socket.writableLength === 0) {
      // Everything is already with the kernel: no empty write (it would cost a syscall per answer).
      process.nextTick(owner.afterLastWrite);
    } else {
      // Even an empty write: its callback runs after everything before it was written.
      this.send(text, body, size, tail, owner.afterLastWrite);
    }
    owner.responseEnded(this, this.keepAlive && this.remaining === 0);
  }

  /**
   * Writes `text` (latin1), `body` and `tail` (latin1). Small pieces go as one latin1 string: node
   * copies it straight into a single syscall, cheaper than a writev (bytes survive latin1 both ways;
   * a string body qualifies when it is ASCII). Larger bodies are not copied: corked writes, one writev.
   */
  private send(text: string, body: Buffer | string | undefined, size: number, tail: string, callback: (() => void) | undefined): boolean {
    const socket = this.owner.socket;
    if (body === undefined) return socket.write(text, 'latin1', callback);
    if (text === '' && tail === '') return socket.write(body, callback);
    if (size <= COALESCE_LIMIT && (typeof body !== 'string' || size === body.length)) {
      return socket.write(text + (typeof body === 'string' ? body : body.toString('latin1')) + tail, 'latin1', callback);
    }
    socket.cork();
    if (text !== '') socket.write(text, 'latin1');
    let ok = socket.write(body, tail === '' ? callback : undefined);
    if (tail !== '') ok = socket.write(tail, 'latin1', callback);
    socket.uncork();
    return ok;
  }

  destroy(): void {
    if (this.finished) return;
    this.finished = true;
    this.owner.socket.destroy();
  }

  /** Counts body bytes against content-length; sending more would be read as the next response (response splitting), so the connection is cut instead. */
  private owe(bytes: number): boolean {
    if (bytes <= this.remaining) {
      this.remaining -= bytes;
      return true;
    }
    this.destroy();
    return false;
  }

  private takeHead(): string {
    const head = this.head;
    this.head = '';
    return head;
  }

  /** The connection closed first: the caller learns the answer cannot be completed. */
  connectionClosed(): void {
    if (this.ended) return;
    this.finished = true;
    const onClose = this.onClose;
    this.onClose = undefined;
    onClose?.();
  }

  /** The last write of end() completed (or failed because the socket went away meanwhile). */
  written(): void {
    const onFinish = this.onFinish;
    this.onFinish = undefined;
    onFinish?.();
  }
}
