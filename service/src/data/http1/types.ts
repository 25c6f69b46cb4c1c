/**
 * The data plane's own HTTP/1.1 surface (ADR 0006): what the proxy pipeline sees of a client
 * request and how it answers, and what it sends to a backend. Deliberately small: the pipeline needs
 * headers, a body stream and a way to write one answer, not node:http's full object model, whose
 * per-request cost the benchmark measured.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';

export type OutgoingHeaders = Record<string, string | string[]>;

/** A backend's header lines as writeHead forwards them (response-fields.ts's ResponseFields). */
export interface ForwardedFields {
  /** The declared body length, or -1. */
  readonly contentLength: number;
  /** A Date field is among the lines. */
  readonly dated: boolean;
  /** The validated lines, each ending in CRLF, without those `replaced` names. */
  linesExcept(replaced: OutgoingHeaders): string;
}

/** One parsed client request (HTTP/1.0 or HTTP/1.1). */
export interface ProxyRequest {
  /** The method token as sent (case-sensitive, e.g. GET). */
  readonly method: string;
  /** Origin-form request target: path and query ('/a/b?x=1'). An absolute-form target is reduced to this and its authority becomes headers.host. */
  readonly url: string;
  readonly httpVersion: '1.0' | '1.1';
  /**
   * Lowercase field names. Repeated fields as node:http combines them: set-cookie → array; host,
   * content-type, content-length, authorization, user-agent, referer, etc. (node's "drop duplicates" list) → first value;
   * every other repeated field → values joined with ', '.
   */
  readonly headers: IncomingHttpHeaders;
  /** Bytes of the header section (every field line plus its CRLF), for the gateway's 431 check. */
  readonly headerBytes: number;
  readonly remoteAddress: string;
  /** True over TLS. */
  readonly encrypted: boolean;
  /**
   * The request body (de-chunked), or undefined when the request has none (no Transfer-Encoding
   * and Content-Length absent or 0). Paused until read; if it is never read, the server discards it
   * after the response so the connection stays usable.
   */
  readonly body: Readable | undefined;
}

/** The answer to one ProxyRequest. Exactly one of: writeHead + write* + end, or destroy(). */
export interface ProxyResponse {
  /** 0 until writeHead. */
  readonly statusCode: number;
  readonly headersSent: boolean;
  /** True once end() or destroy() was called. */
  readonly finished: boolean;
  /**
   * Status line and headers (lowercase names). Values must not hold CR, LF or NUL (throws
   * TypeError naming the header). The server adds `date` when absent and `connection` as its
   * keep-alive decision requires, and frames the body: the given content-length, else chunked
   * (HTTP/1.1) or close-delimited (HTTP/1.0). No body for HEAD requests, 1xx, 204 and 304.
   * Hop-by-hop fields given here (connection, keep-alive, transfer-encoding) are ignored.
   * `backend`: a backend's fields to forward as they arrived, ahead of `headers`; a name in
   * `headers` replaces the backend's field of that name; its content-length frames the body unless
   * `headers` has one.
   * The head goes out with the first write()/end(), in one socket write with that chunk.
   */
  writeHead(status: number, headers: OutgoingHeaders, backend?: ForwardedFields): void;
  /** Returns false when the socket's buffer is full: wait for onDrain. */
  write(chunk: Buffer): boolean;
  end(chunk?: Buffer | string): void;
  /** Closes the client connection at once (the answer cannot be completed). */
  destroy(): void;
  /** Called when the client socket drained after write() returned false. */
  onDrain: (() => void) | undefined;
  /** Called once if the client connection closes before end() (client gone, or destroy()). */
  onClose: (() => void) | undefined;
  /** Called once when the whole answer has been handed to the socket (after end()). */
  onFinish: (() => void) | undefined;
}

export type ProxyHandler = (req: ProxyRequest, res: ProxyResponse) => void;
