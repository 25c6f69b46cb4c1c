/**
 * Requests off the wire (RFC 9112 §2-§6). InputBuffer keeps the bytes received and not yet
 * consumed and finds where a head ends; HeadParser turns one complete head into the method, the
 * target, the fields, the body framing and the keep-alive wish, or the status that refuses it;
 * Http1Request and RequestBody are what the handler gets. Strict wherever leniency would let this
 * server and a backend disagree about where a message ends (request smuggling): framing fields,
 * line endings, field syntax.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { isFieldError, isToken, parseContentLength, parseFieldLines } from './fields';
import type { ProxyRequest } from './types';

export const BODY_NONE = 0;
export const BODY_LENGTH = 1;
export const BODY_CHUNKED = 2;
export type BodyFraming = typeof BODY_NONE | typeof BODY_LENGTH | typeof BODY_CHUNKED;

/** findHeadEnd answers besides a head length. */
export const HEAD_INCOMPLETE = -1;
export const HEAD_TOO_LARGE = -2;

const EMPTY = Buffer.alloc(0);
const BLANK_LINE = Buffer.from('\r\n\r\n', 'latin1');
/** Content-Length digits beyond this could not be represented exactly. */

/**
 * Bytes received and not yet consumed. The common case (a whole request in one 'data' chunk)
 * never copies: the chunk itself is the buffer. Storage this class allocates is append-only, so
 * views of consumed bytes (body chunks handed to a stream) are never overwritten.
 */
export class InputBuffer {
  private data: Buffer = EMPTY;
  private start = 0;
  private end = 0;
  private owned = false;
  /** Bytes after start already searched for a blank line: a head trickling in is scanned once. */
  private scanned = 0;

  size(): number {
    return this.end - this.start;
  }

  append(chunk: Buffer): void {
    const size = this.end - this.start;
    if (size === 0) {
      this.data = chunk;
      this.start = 0;
      this.end = chunk.length;
      this.owned = false;
      return;
    }
    if (this.owned && this.data.length - this.end >= chunk.length) {
      chunk.copy(this.data, this.end);
      this.end += chunk.length;
      return;
    }
    // Doubling keeps a head that arrives a byte at a time linear in its size.
    const storage = Buffer.allocUnsafe(Math.max(2 * (size + chunk.length), 4096));
    this.data.copy(storage, 0, this.start, this.end);
    chunk.copy(storage, size);
    this.data = storage;
    this.start = 0;
    this.end = size + chunk.length;
    this.owned = true;
  }

  consume(n: number): void {
    this.start += n;
    this.scanned = 0;
    if (this.start >= this.end) this.clear();
  }

  clear(): void {
    this.data = EMPTY;
    this.start = 0;
    this.end = 0;
    this.owned = false;
    this.scanned = 0;
  }

  /** The unconsumed bytes (a view, not a copy). */
  view(): Buffer {
    return this.start === 0 && this.end === this.data.length ? this.data : this.data.subarray(this.start, this.end);
  }

  /** Drops empty lines before a request line, which RFC 9112 §2.2 lets a server ignore. */
  skipEmptyLines(): void {
    while (this.end - this.start >= 2 && this.data[this.start] === 13 && this.data[this.start + 1] === 10) this.consume(2);
  }

  /** Length of the head at the start (request line through the blank line), or HEAD_INCOMPLETE / HEAD_TOO_LARGE. */
  findHeadEnd(maxHeadBytes: number): number {
    const at = this.data.indexOf(BLANK_LINE, this.start + Math.max(0, this.scanned - 3));
    // A match past `end` lies in storage not yet written: not a blank line (yet).
    if (at >= 0 && at + 4 <= this.end) {
      const length = at + 4 - this.start;
      return length > maxHeadBytes ? HEAD_TOO_LARGE : length;
    }
    this.scanned = this.end - this.start;
    return this.scanned >= maxHeadBytes ? HEAD_TOO_LARGE : HEAD_INCOMPLETE;
  }

  /** The next `length` bytes as a latin1 string: one byte per character, as node:http reads heads. */
  latin1(length: number): string {
    return this.data.toString('latin1', this.start, this.start + length);
  }
}

/** Parses heads into its own fields, reused for every request on a connection (no per-request object). */
export class HeadParser {
  method = '';
  url = '';
  httpVersion: '1.0' | '1.1' = '1.1';
  headers: IncomingHttpHeaders = {};
  headerBytes = 0;
  framing: BodyFraming = BODY_NONE;
  contentLength = 0;
  keepAlive = true;
  expectContinue = false;
  /** Why the last head was refused, for tests and debugging. */
  problem = '';
  /** The authority of an absolute-form target, '' for origin-form. */
  private authority = '';

  /** Parses a complete head (through its blank line). Returns 0, or the status refusing it (400 or 505). */
  parse(head: string): number {
    const lineEnd = head.indexOf('\r\n');
    const refused = this.parseRequestLine(head, lineEnd);
    if (refused !== 0) return refused;
    const fields = parseFieldLines(head, lineEnd + 2, head.length - 2, 'request');
    if (isFieldError(fields)) return this.refuse(400, fields.error);
    const headers = fields.headers;
    this.headers = headers;
    this.headerBytes = fields.bytes;
    // RFC 9112 §3.2.2: the authority of an absolute-form target replaces any Host field.
    if (this.authority !== '') headers.host = this.authority;
    else if (this.httpVersion === '1.1' && headers.host === undefined) return this.refuse(400, 'HTTP/1.1 request without Host');
    return this.parseFraming(headers);
  }

  private refuse(status: number, problem: string): number {
    this.problem = problem;
    return status;
  }

  /** `method SP request-target SP HTTP-version`, single spaces, no control characters anywhere. */
  private parseRequestLine(head: string, lineEnd: number): number {
    const sp1 = head.indexOf(' ');
    if (sp1 <= 0 || sp1 > lineEnd || !isToken(head, 0, sp1)) return this.refuse(400, 'malformed request line');
    const sp2 = head.indexOf(' ', sp1 + 1);
    if (sp2 < 0 || sp2 > lineEnd || sp2 === sp1 + 1) return this.refuse(400, 'malformed request line');
    for (let i = sp1 + 1; i < sp2; i++) {
      const c = head.charCodeAt(i);
      if (c < 33 || c === 127) return this.refuse(400, 'control character in the request target');
    }
    const refused = this.parseVersion(head, sp2 + 1, lineEnd);
    if (refused !== 0) return refused;
    this.method = head.slice(0, sp1);
    return this.parseTarget(head, sp1 + 1, sp2);
  }

  private parseVersion(head: string, at: number, lineEnd: number): number {
    if (lineEnd - at !== 8 || !head.startsWith('HTTP/', at) || head.charCodeAt(at + 6) !== 46) return this.refuse(400, 'malformed HTTP version');
    const major = head.charCodeAt(at + 5) - 48;
    const minor = head.charCodeAt(at + 7) - 48;
    if (major < 0 || major > 9 || minor < 0 || minor > 9) return this.refuse(400, 'malformed HTTP version');
    if (major !== 1 || minor > 1) return this.refuse(505, `HTTP/${major}.${minor} is not supported`);
    this.httpVersion = minor === 1 ? '1.1' : '1.0';
    return 0;
  }

  /** Origin-form, or absolute-form for http(s) reduced to origin-form; asterisk- and authority-form are refused. */
  private parseTarget(head: string, from: number, to: number): number {
    this.authority = '';
    if (head.charCodeAt(from) === 47) {
      this.url = head.slice(from, to);
      return 0;
    }
    const scheme = head.slice(from, Math.min(to, from + 8)).toLowerCase();
    const at = scheme.startsWith('http://') ? from + 7 : scheme === 'https://' ? from + 8 : -1;
    if (at < 0) return this.refuse(400, 'the request target must be origin-form or absolute-form');
    let path = at;
    while (path < to) {
      const c = head.charCodeAt(path);
      if (c === 47 || c === 63) break;
      path++;
    }
    const authority = head.slice(at, path);
    if (authority === '' || authority.includes('@')) return this.refuse(400, 'invalid authority in the request target');
    this.authority = authority;
    if (path === to) this.url = '/';
    else this.url = head.charCodeAt(path) === 63 ? `/${head.slice(path, to)}` : head.slice(path, to);
    return 0;
  }

  /** Body framing (RFC 9112 §6.3) and the connection's fate; refuses every ambiguous combination. */
  private parseFraming(headers: IncomingHttpHeaders): number {
    const te = headers['transfer-encoding'];
    const cl = headers['content-length'];
    this.contentLength = 0;
    this.framing = BODY_NONE;
    if (te !== undefined) {
      if (cl !== undefined) return this.refuse(400, 'both Transfer-Encoding and Content-Length');
      if (this.httpVersion === '1.0') return this.refuse(400, 'Transfer-Encoding in an HTTP/1.0 request');
      // Only plain chunked: other codings would reach the backend undeclared once de-chunked.
      if (te.length !== 7 || te.toLowerCase() !== 'chunked') return this.refuse(400, `unsupported Transfer-Encoding "${te.slice(0, 40)}"`);
      this.framing = BODY_CHUNKED;
    } else if (cl !== undefined) {
      const length = parseContentLength(cl);
      if (length < 0) return this.refuse(400, 'invalid Content-Length');
      this.contentLength = length;
      if (length > 0) this.framing = BODY_LENGTH;
    }
    const connection = headers.connection;
    if (this.httpVersion === '1.1') this.keepAlive = connection === undefined || !hasToken(connection, 'close');
    else this.keepAlive = connection !== undefined && hasToken(connection, 'keep-alive') && !hasToken(connection, 'close');
    const expect = headers.expect;
    this.expectContinue = expect !== undefined && this.framing !== BODY_NONE && this.httpVersion === '1.1'
      && expect.toLowerCase() === '100-continue';
    return 0;
  }
}

const trimOws = (s: string) => {
  let from = 0;
  let to = s.length;
  while (from < to && (s.charCodeAt(from) === 32 || s.charCodeAt(from) === 9)) from++;
  while (to > from && (s.charCodeAt(to - 1) === 32 || s.charCodeAt(to - 1) === 9)) to--;
  return s.slice(from, to);
};

/** Whether a comma-separated field value lists `token` (case-insensitive). */
function hasToken(value: string, token: string): boolean {
  const lower = value.toLowerCase();
  if (lower === token) return true;
  if (!lower.includes(token)) return false;
  return lower.split(',').some((member) => trimOws(member) === token);
}

/** A chunked request body grew beyond maxBodyBytes (req.body errors with it). */
export class BodyTooLarge extends Error {
  constructor(limit: number) {
    super(`request body exceeds ${limit} bytes`);
    this.name = 'BodyTooLarge';
  }
}

/** Where a body's bytes come from (the connection). */
export interface BodySource {
  bodyWanted(body: RequestBody): void;
}

/** req.body: paused until read; reading asks the connection for more (backpressure, 100-continue). */
export class RequestBody extends Readable {
  constructor(private readonly source: BodySource) {
    super();
  }

  override _read(): void {
    this.source.bodyWanted(this);
  }

  /** Like node:http's request: an error nobody listens for (an unread body, a client gone) must not crash the process. */
  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    callback(this.listenerCount('error') > 0 ? error : null);
  }
}

/** The handler's view of one request: plain fields copied from the parser, nothing computed later. */
export class Http1Request implements ProxyRequest {
  readonly method: string;
  readonly url: string;
  readonly httpVersion: '1.0' | '1.1';
  readonly headers: IncomingHttpHeaders;
  readonly headerBytes: number;

  constructor(p: HeadParser, readonly remoteAddress: string, readonly encrypted: boolean, readonly body: Readable | undefined) {
    this.method = p.method;
    this.url = p.url;
    this.httpVersion = p.httpVersion;
    this.headers = p.headers;
    this.headerBytes = p.headerBytes;
  }
}
