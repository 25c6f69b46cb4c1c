/**
 * Reads a backend's HTTP/1.1 responses off one connection (RFC 9112 §4, §6.3), incrementally: the
 * head is parsed from a latin1 string, the body is framed by Content-Length, chunked coding or the
 * connection closing. One parser lives as long as its socket and is re-armed for every exchange.
 * It calls a sink rather than emitting events: no per-response closures, and the sink may stop the
 * parser from inside any callback (abort, timeout), which every callback site checks for.
 */
import { ChunkedDecoder, ChunkedError } from './chunked';
import { readResponseFields, ResponseFields, type FramingFields } from './response-fields';

export interface ResponseSink {
  /** The final (non-1xx) head; hop-by-hop and framing fields already cut out (response-fields.ts). */
  onResponseHead(status: number, fields: ResponseFields): void;
  onResponseBody(chunk: Buffer): void;
  /** The message ended; `reusable`: HTTP/1.1, no `connection: close`, nothing after it on the wire. */
  onResponseEnd(reusable: boolean): void;
  /** Malformed or oversized: the connection cannot be trusted any more. */
  onResponseError(reason: string): void;
}

export enum Framing { None, Length, Chunked, UntilClose }

export interface ResponseHead {
  status: number;
  fields: ResponseFields;
  framing: Framing;
  /** Body bytes when framing is Length. */
  length: number;
  /** HTTP/1.1 without `connection: close`. */
  keepAlive: boolean;
  /** The backend's `keep-alive: timeout=N` hint in ms, or -1. */
  keepAliveMs: number;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `HTTP/1.x NNN[ reason]` ending at `lineEnd`: status and minor version, or undefined when malformed. */
function parseStatusLine(head: string, lineEnd: number): { status: number; minor: number } | undefined {
  if (lineEnd < 12 || !head.startsWith('HTTP/1.')) return undefined;
  const minor = head.charCodeAt(7) - 48;
  if ((minor !== 0 && minor !== 1) || head.charCodeAt(8) !== 32) return undefined;
  if (!isDigit(head.charCodeAt(9)) || !isDigit(head.charCodeAt(10)) || !isDigit(head.charCodeAt(11))) return undefined;
  if (lineEnd > 12 && head.charCodeAt(12) !== 32) return undefined;
  const status = (head.charCodeAt(9) - 48) * 100 + (head.charCodeAt(10) - 48) * 10 + (head.charCodeAt(11) - 48);
  return status >= 100 && status <= 599 ? { status, minor } : undefined;
}

/** The members of a list field, trimmed and lowercased. */
function listItems(value: string): string[] {
  return value.split(',').map((item) => item.trim().toLowerCase()).filter((item) => item !== '');
}

/** `timeout=N` of a Keep-Alive field, in ms, or -1. */
function keepAliveHint(value: string): number {
  const match = /(?:^|[\s,;])timeout\s*=\s*(\d{1,9})/i.exec(value);
  return match ? Number(match[1]) * 1000 : -1;
}

/** How the body is delimited (RFC 9112 §6.3), or an error message. */
function framingOf(status: number, framing: FramingFields, declared: number, headRequest: boolean): { framing: Framing; length: number } | string {
  if (headRequest || status === 204 || status === 304 || status < 200) return { framing: Framing.None, length: 0 };
  const te = framing.transferEncoding;
  if (te !== undefined) {
    // Only chunked can be undone here; a body still under another coding could not be labelled
    // once Transfer-Encoding (hop-by-hop) is dropped. Chunked overrides a Content-Length (§6.3 rule 3).
    const chunked = te.length === 7 ? te.toLowerCase() === 'chunked' : listItems(te).join() === 'chunked';
    return chunked ? { framing: Framing.Chunked, length: 0 } : `unsupported transfer-encoding "${te}"`;
  }
  if (framing.contentLength === undefined) return { framing: Framing.UntilClose, length: 0 };
  if (declared < 0) return 'invalid or conflicting content-length';
  return { framing: declared === 0 ? Framing.None : Framing.Length, length: declared };
}

/** Reused: one head is parsed at a time. */
const cut: FramingFields = { connection: undefined, close: false, keepAlive: undefined, transferEncoding: undefined, contentLength: undefined };

/**
 * Parses one response head: `head` holds it whole, the final CRLF CRLF included (latin1).
 * Returns an error message when it is malformed.
 */
export function parseResponseHead(head: string, headRequest: boolean): ResponseHead | string {
  const lineEnd = head.indexOf('\r\n');
  const line = parseStatusLine(head, lineEnd);
  if (line === undefined) return 'malformed status line';
  let fields = readResponseFields(head, lineEnd + 2, head.length - 2, cut);
  if (typeof fields === 'string') return fields;
  const framing = framingOf(line.status, cut, fields.contentLength, headRequest);
  if (typeof framing === 'string') return framing;
  // A chunked body's length is unknown: forwarding its Content-Length too would desync the client.
  if (framing.framing === Framing.Chunked && fields.contentLength >= 0) fields = new ResponseFields(fields.lines, fields.names, -1, fields.dated);
  const keepAliveMs = cut.keepAlive === undefined ? -1 : keepAliveHint(cut.keepAlive);
  const keepAlive = line.minor === 1 && !cut.close && framing.framing !== Framing.UntilClose;
  return { status: line.status, fields, framing: framing.framing, length: framing.length, keepAlive, keepAliveMs };
}

const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');

const enum State { Idle, Head, Length, Chunked, UntilClose }

export class ResponseParser {
  private state = State.Idle;
  private headRequest = false;
  private partial: Buffer | undefined;
  private remaining = 0;
  private keepAlive = false;
  private decoder: ChunkedDecoder | undefined;
  /** The last response's keep-alive timeout hint in ms, or -1. */
  keepAliveMs = -1;

  constructor(private readonly sink: ResponseSink, private readonly maxHeadBytes: number) {}

  /** Expects the response to a request just sent. */
  expect(headRequest: boolean): void {
    this.state = State.Head;
    this.headRequest = headRequest;
    this.partial = undefined;
    this.decoder = undefined;
  }

  /** Stops parsing (the exchange was abandoned); later bytes are ignored until expect(). */
  stop(): void {
    this.state = State.Idle;
    this.partial = undefined;
    this.decoder = undefined;
  }

  execute(chunk: Buffer): void {
    const body = this.state === State.Head ? this.readHead(chunk) : chunk;
    if (body === undefined || body.length === 0) return;
    if (this.state === State.Length) this.readLength(body);
    else if (this.state === State.Chunked) this.readChunked(body);
    else if (this.state === State.UntilClose) this.sink.onResponseBody(body);
    // Idle: stopped; the connection never feeds bytes it did not ask for.
  }

  /** The backend closed its side: ends a close-delimited body. False when the message was cut short. */
  finish(): boolean {
    if (this.state !== State.UntilClose) return false;
    this.state = State.Idle;
    this.sink.onResponseEnd(false);
    return true;
  }

  /** Consumes head bytes; returns what follows the final head, or undefined (incomplete, or stopped). */
  private readHead(chunk: Buffer): Buffer | undefined {
    let buf = chunk;
    let from = 0;
    if (this.partial !== undefined) {
      from = Math.max(0, this.partial.length - 3);
      buf = Buffer.concat([this.partial, chunk]);
      this.partial = undefined;
    }
    for (;;) {
      const end = buf.indexOf(HEAD_END, from);
      if (end < 0 || end + 4 > this.maxHeadBytes) {
        if (buf.length > this.maxHeadBytes || end >= 0) return this.fail('response head too large');
        // Kept past this call: copied, since `chunk` may be a view of a shared read buffer.
        if (buf.length > 0) this.partial = buf === chunk ? Buffer.from(chunk) : buf;
        return undefined;
      }
      const head = parseResponseHead(buf.toString('latin1', 0, end + 4), this.headRequest);
      if (typeof head === 'string') return this.fail(head);
      buf = buf.subarray(end + 4);
      from = 0;
      if (head.status === 101) return this.fail('unexpected 101 Switching Protocols');
      if (head.status >= 200) return this.startBody(head, buf);
      // 100 Continue, 103 Early Hints…: informational, the final answer follows.
    }
  }

  private startBody(head: ResponseHead, rest: Buffer): Buffer | undefined {
    this.keepAlive = head.keepAlive;
    this.keepAliveMs = head.keepAliveMs;
    if (head.framing === Framing.Length) {
      this.state = State.Length;
      this.remaining = head.length;
    } else if (head.framing === Framing.Chunked) {
      this.state = State.Chunked;
      this.decoder = new ChunkedDecoder();
    } else {
      this.state = head.framing === Framing.None ? State.Head : State.UntilClose; // Head: a placeholder until the end below
    }
    const state = this.state;
    this.sink.onResponseHead(head.status, head.fields);
    if (this.state !== state) return undefined; // stopped by the sink
    if (head.framing === Framing.None) {
      this.state = State.Idle;
      this.sink.onResponseEnd(this.keepAlive && rest.length === 0);
      return undefined;
    }
    return rest;
  }

  private readLength(buf: Buffer): void {
    if (buf.length < this.remaining) {
      this.remaining -= buf.length;
      this.sink.onResponseBody(buf);
      return;
    }
    const excess = buf.length > this.remaining;
    const last = excess ? buf.subarray(0, this.remaining) : buf;
    this.remaining = 0;
    this.sink.onResponseBody(last);
    if (this.state !== State.Length) return;
    this.state = State.Idle;
    this.sink.onResponseEnd(this.keepAlive && !excess);
  }

  private readChunked(buf: Buffer): void {
    let used: number;
    try {
      used = this.decoder!.push(buf, this.deliverChunk);
    } catch (error) {
      if (error instanceof ChunkedError) return void this.fail(`chunked body: ${error.message}`);
      throw error;
    }
    if (this.state !== State.Chunked || !this.decoder!.done) return;
    this.state = State.Idle;
    this.decoder = undefined;
    this.sink.onResponseEnd(this.keepAlive && used === buf.length);
  }

  /** Bound once per parser: the decoder hands body pieces here. */
  private readonly deliverChunk = (chunk: Buffer): void => {
    if (this.state === State.Chunked) this.sink.onResponseBody(chunk);
  };

  private fail(reason: string): undefined {
    this.stop();
    this.sink.onResponseError(reason);
    return undefined;
  }
}
