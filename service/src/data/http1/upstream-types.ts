/**
 * The upstream client's contract (see upstream.ts): what a call sends, what its handler hears, and
 * the pool's options. Its own module so the pool and connection modules can use it without
 * importing the client that builds on them.
 */
import type { Readable } from 'node:stream';
import type tls from 'node:tls';
import type { ResponseFields } from './response-fields';
import type { OutgoingHeaders } from './types';
import type { UpstreamError } from './upstream-error';

export interface UpstreamRequest {
  method: string;
  /** Origin-form: '/a?b=1'. */
  path: string;
  /**
   * Lowercase names. The client adds `host` (the origin's host[:port]) unless given, and the body
   * framing: content-length / transfer-encoding given here are replaced, except content-length with
   * a Readable body, which is then sent as-is and enforced.
   */
  headers: OutgoingHeaders;
  /** Buffer → content-length; Readable → chunked unless headers['content-length'] is given. */
  body?: Buffer | Readable;
  /** Longest wait for the response head once the request is out, and longest silence between body chunks. */
  timeoutMs: number;
}

export interface UpstreamHandler {
  /** The final (non-1xx) status and the backend's fields as they came, minus hop-by-hop and framing ones (response-fields.ts). */
  onHeaders(status: number, fields: ResponseFields): void;
  /** Return false to stop reading from the backend until call.resume(). */
  onData(chunk: Buffer): boolean;
  onComplete(): void;
  /** At most one of onComplete / onError is called, and neither after abort(). */
  onError(error: UpstreamError): void;
}

export interface UpstreamCall {
  /** Stops the call at once (its connection is closed); no handler callback follows. */
  abort(): void;
  /** Reading resumes after onData returned false. */
  resume(): void;
}

export interface UpstreamPoolOptions {
  maxConnectionsPerOrigin: number;
  idleTimeoutMs: number;
  connectTimeoutMs: number;
  /** Status line and header section of one response; larger → BROKEN. */
  maxHeadBytes: number;
  /** Extra TLS options for https origins (e.g. `ca`); certificates are verified unless these say otherwise. */
  tls?: tls.ConnectionOptions;
}
