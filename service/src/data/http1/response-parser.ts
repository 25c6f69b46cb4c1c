/**
 * Reads a backend's HTTP/1.1 responses off one connection (RFC 9112 §4, §6.3), incrementally: the
 * head is parsed from a latin1 string, the body is framed by Content-Length, chunked coding or the
 * connection closing. One parser lives as long as its socket and is re-armed for every exchange.
 * It calls a sink rather than emitting events: no per-response closures, and the sink may stop the
 * parser from inside any callback (abort, timeout), which every callback site checks for.
 */
import { ChunkedDecoder, ChunkedError } from './chunked';
import { isFieldError, parseContentLength, parseFieldLines } from './fields';
import type { OutgoingHeaders } from './types';

export interface ResponseSink {
  /** The final (non-1xx) head; hop-by-hop fields already removed. */
  onResponseHead(status: number, headers: OutgoingHeaders): void;
  onResponseBody(chunk: Buffer): void;
  /** The message ended; `reusable`: HTTP/1.1, no `connection: close`, nothing after it on the wire. */
  onResponseEnd(reusable: boolean): void;
  /** Malformed or oversized: the connection cannot be trusted any more. */
  onResponseError(reason: string): void;
}

export enum Framing { None, Length, Chunked, UntilClose }

export interface ResponseHead {
  status: number;
  headers: OutgoingHeaders;
  framing: Framing;
  /** Body bytes when framing is Length. */
  length: number;
  /** HTTP/1.1 without `connection: close`. */
  keepAlive: boolean;
  /** The backend's `keep-alive: timeout=N` hint in ms, or -1. */
  keepAliveMs: number;
}

const HOP_BY_HOP = ['keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-authenticate', 'proxy-authorization'];

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

/** Every value of a field, split on commas (a list field may arrive as several lines or one). */
function listItems(value: string | string[]): string[] {
  const joined = typeof value === 'string' ? value : value.join(',');
  return joined.split(',').map((item) => item.trim().toLowerCase()).filter((item) => item !== '');
}

/** `timeout=N` of a Keep-Alive field, in ms, or -1. */
function keepAliveHint(value: string | string[]): number {
  const match = /(?:^|[\s,;])timeout\s*=\s*(\d{1,9})/i.exec(typeof value === 'string' ? value : value.join(','));
  return match ? Number(match[1]) * 1000 : -1;
}

/** Removes the hop-by-hop fields (RFC 9110 §7.6.1); returns whether the backend asked to close. */
function stripHopByHop(headers: OutgoingHeaders): boolean {
  let close = false;
  const connection = headers.connection;
  if (connection !== undefined) {
    delete headers.connection;
    // The usual lone token needs no list parsing.
    const lone = typeof connection === 'string' && connection.length <= 10 ? connection.toLowerCase() : '';
    if (lone === 'close') close = true;
    else if (lone !== 'keep-alive') {
      for (const token of listItems(connection)) {
        if (token === 'close') close = true;
        else delete headers[token];
      }
    }
  }
  for (const name of HOP_BY_HOP) if (headers[name] !== undefined) delete headers[name];
  return close;
}

/** How the body is delimited (RFC 9112 §6.3), or an error message. */
function framingOf(status: number, headers: OutgoingHeaders, headRequest: boolean): { framing: Framing; length: number } | string {
  if (headRequest || status === 204 || status === 304 || status < 200) return { framing: Framing.None, length: 0 };
  const te = headers['transfer-encoding'];
  if (te !== undefined) {
    // Only chunked can be undone here; a body still under another coding could not be labelled
    // once Transfer-Encoding (hop-by-hop) is dropped.
    const chunked = typeof te === 'string' && te.length === 7 ? te.toLowerCase() === 'chunked' : listItems(te).join() === 'chunked';
    if (!chunked) return `unsupported transfer-encoding "${String(te)}"`;
    delete headers['content-length']; // chunked overrides it (§6.3 rule 3); forwarding both would desync
    return { framing: Framing.Chunked, length: 0 };
  }
  const cl = headers['content-length'];
  if (cl === undefined) return { framing: Framing.UntilClose, length: 0 };
  const length = parseContentLength(cl);
  if (length < 0) return 'invalid or conflicting content-length';
  if (Array.isArray(cl) || cl !== String(length)) headers['content-length'] = String(length);
  return { framing: length === 0 ? Framing.None : Framing.Length, length };
}

/**
 * Parses one response head: `head` holds it whole, the final CRLF CRLF included (latin1).
 * Returns an error message when it is malformed.
 */
export function parseResponseHead(head: string, headRequest: boolean): ResponseHead | string {
  const lineEnd = head.indexOf('\r\n');
  const line = parseStatusLine(head, lineEnd);
  if (line === undefined) return 'malformed status line';
  const fields = parseFieldLines(head, lineEnd + 2, head.length - 2, 'list');
  if (isFieldError(fields)) return fields.error;
  const headers = fields.headers as OutgoingHeaders;
  const framing = framingOf(line.status, headers, headRequest);
  if (typeof framing === 'string') return framing;
  const keepAliveField = headers['keep-alive'];
  const keepAliveMs = keepAliveField === undefined ? -1 : keepAliveHint(keepAliveField);
  const close = stripHopByHop(headers);
  const keepAlive = line.minor === 1 && !close && framing.framing !== Framing.UntilClose;
  return { status: line.status, headers, framing: framing.framing, length: framing.length, keepAlive, keepAliveMs };
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
        if (buf.length > 0) this.partial = buf;
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
    this.sink.onResponseHead(head.status, head.headers);
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
