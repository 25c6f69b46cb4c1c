/**
 * How a backend call failed, as the proxy needs to tell it apart: CONNECT (no connection, TLS
 * handshake included), TIMEOUT (no head in time, or the body stalled), BROKEN (the backend closed,
 * reset or answered something that is not valid HTTP/1.1), REQUEST_BODY (the request body stream
 * failed or did not match its declared length; `cause` holds the stream's own error).
 */
export type UpstreamFailure = 'CONNECT' | 'TIMEOUT' | 'BROKEN' | 'REQUEST_BODY';

const MESSAGES: Record<UpstreamFailure, string> = {
  CONNECT: 'could not connect to the backend',
  TIMEOUT: 'the backend did not answer in time',
  BROKEN: 'the backend connection broke',
  REQUEST_BODY: 'the request body could not be sent',
};

export class UpstreamError extends Error {
  constructor(readonly kind: UpstreamFailure, override readonly cause?: unknown) {
    const detail = cause instanceof Error ? cause.message : undefined;
    super(detail ? `${MESSAGES[kind]}: ${detail}` : MESSAGES[kind]);
    this.name = 'UpstreamError';
  }
}
