import type { OutgoingHeaders } from './types';
import { Framing, parseResponseHead, ResponseParser, type ResponseSink } from './response-parser';
import type { ResponseFields } from './response-fields';

class Recorder implements ResponseSink {
  events: string[] = [];
  heads: { status: number; headers: OutgoingHeaders }[] = [];
  body: Buffer[] = [];
  onResponseHead(status: number, fields: ResponseFields): void { this.heads.push({ status, headers: fields.headers }); this.events.push(`head ${status}`); }
  onResponseBody(chunk: Buffer): void { this.body.push(Buffer.from(chunk)); }
  onResponseEnd(reusable: boolean): void { this.events.push(`end ${reusable}`); }
  onResponseError(reason: string): void { this.events.push(`error ${reason}`); }
  get text(): string { return Buffer.concat(this.body).toString('latin1'); }
}

function feed(wire: string, pieceSize: number, headRequest = false, maxHeadBytes = 1024): Recorder {
  const sink = new Recorder();
  const parser = new ResponseParser(sink, maxHeadBytes);
  parser.expect(headRequest);
  const buf = Buffer.from(wire, 'latin1');
  for (let i = 0; i < buf.length; i += pieceSize) parser.execute(buf.subarray(i, i + pieceSize));
  if (sink.events.every((e) => !e.startsWith('end') && !e.startsWith('error'))) parser.finish();
  return sink;
}

describe('ResponseParser', () => {
  const lengthWire = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world';
  const chunkedWire = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nhello \r\n5\r\nworld\r\n0\r\n\r\n';

  it.each([1, 2, 5, 17, 4096])('parses a Content-Length response split into %i-byte pieces', (size) => {
    const sink = feed(lengthWire, size);
    expect(sink.events).toEqual(['head 200', 'end true']);
    expect(sink.heads[0].headers).toEqual({ 'content-type': 'text/plain', 'content-length': '11' });
    expect(sink.text).toBe('hello world');
  });

  it.each([1, 3, 4096])('parses a chunked response after a 100 split into %i-byte pieces', (size) => {
    const sink = feed(chunkedWire, size);
    expect(sink.events).toEqual(['head 200', 'end true']);
    expect(sink.text).toBe('hello world');
  });

  it('hands a whole one-chunk response body over as a view, not a copy', () => {
    const wire = Buffer.from(lengthWire, 'latin1');
    const seen: Buffer[] = [];
    const parser = new ResponseParser({ ...new Recorder(), onResponseHead: () => undefined, onResponseEnd: () => undefined, onResponseError: () => undefined, onResponseBody: (c) => { seen.push(c); } }, 1024);
    parser.expect(false);
    parser.execute(wire);
    expect(seen).toHaveLength(1);
    expect(seen[0].buffer).toBe(wire.buffer);
  });

  it('marks the connection not reusable after extra bytes, close, HTTP/1.0 or a close-delimited body', () => {
    expect(feed(`${lengthWire}EXTRA`, 4096).events).toEqual(['head 200', 'end false']);
    expect(feed('HTTP/1.1 204 No Content\r\n\r\nX', 4096).events).toEqual(['head 204', 'end false']);
    expect(feed('HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 0\r\n\r\n', 4096).events).toEqual(['head 200', 'end false']);
    expect(feed('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n', 4096).events).toEqual(['head 200', 'end false']);
    const untilClose = feed('HTTP/1.1 200\r\n\r\nbody', 2);
    expect(untilClose.events).toEqual(['head 200', 'end false']);
    expect(untilClose.text).toBe('body');
  });

  it('reads no body for a HEAD request even with Content-Length', () => {
    const sink = feed('HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n', 4096, true);
    expect(sink.events).toEqual(['head 200', 'end true']);
  });

  it('refuses a head over the limit, whether it arrives whole or in pieces', () => {
    const wire = `HTTP/1.1 200 OK\r\nx: ${'a'.repeat(200)}\r\n\r\n`;
    expect(feed(wire, 4096, false, 100).events).toEqual(['error response head too large']);
    expect(feed(wire, 7, false, 100).events).toEqual(['error response head too large']);
  });

  it('stops at once when the sink stops it', () => {
    const sink = new Recorder();
    const parser = new ResponseParser(sink, 1024);
    sink.onResponseHead = () => { sink.events.push('head'); parser.stop(); };
    parser.expect(false);
    parser.execute(Buffer.from(lengthWire));
    expect(sink.events).toEqual(['head']);
    expect(sink.body).toHaveLength(0);
  });
});

describe('parseResponseHead', () => {
  it('reads the status without a reason phrase and the keep-alive hint', () => {
    const head = parseResponseHead('HTTP/1.1 404\r\nKeep-Alive: max=5, timeout=7\r\ncontent-length: 3\r\n\r\n', false);
    expect(head).toMatchObject({ status: 404, framing: Framing.Length, length: 3, keepAlive: true, keepAliveMs: 7000 });
    expect(typeof head !== 'string' && head.fields.headers).toEqual({ 'content-length': '3' });
  });

  it.each([
    'HTTP/1.1 99 Low\r\n\r\n', 'HTTP/1.1 600 High\r\n\r\n', 'HTTP/1.1 200OK\r\n\r\n', 'http/1.1 200 OK\r\n\r\n', 'HTTP/1.2 200 OK\r\n\r\n', 'HTTP/1.1  200 OK\r\n\r\n',
  ])('refuses the status line of %j', (wire) => {
    expect(typeof parseResponseHead(wire, false)).toBe('string');
  });
});
