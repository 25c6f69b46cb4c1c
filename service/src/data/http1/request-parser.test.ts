/** Request heads without sockets: the input buffer's head search and the head parser's decisions. */
import { BODY_CHUNKED, BODY_LENGTH, BODY_NONE, HEAD_INCOMPLETE, HEAD_TOO_LARGE, HeadParser, InputBuffer } from './request-parser';

const bytes = (s: string) => Buffer.from(s, 'latin1');

describe('InputBuffer', () => {
  it('finds the end of a head that arrives a byte at a time, across chunk boundaries', () => {
    const input = new InputBuffer();
    const head = 'GET / HTTP/1.1\r\nHost: a\r\n\r\n';
    const results: number[] = [];
    for (const c of head) {
      input.append(bytes(c));
      results.push(input.findHeadEnd(1024));
    }
    expect(results.slice(0, -1).every((r) => r === HEAD_INCOMPLETE)).toBe(true);
    expect(results.at(-1)).toBe(head.length);
    expect(input.latin1(head.length)).toBe(head);
  });

  it('does not copy a chunk that holds whole requests', () => {
    const input = new InputBuffer();
    const chunk = bytes('GET / HTTP/1.1\r\n\r\nrest');
    input.append(chunk);
    input.consume(18);
    expect(input.view().buffer).toBe(chunk.buffer);
    expect(input.view().toString()).toBe('rest');
  });

  it('never overwrites bytes handed out as views (body chunks) when more input arrives', () => {
    const input = new InputBuffer();
    input.append(bytes('ab'));
    input.append(bytes('cd')); // now in storage the buffer owns
    const handedOut = input.view().subarray(0, 2);
    input.consume(2);
    input.append(bytes('XY'));
    input.append(bytes('ZW'));
    expect(handedOut.toString()).toBe('ab');
    expect(input.view().toString()).toBe('cdXYZW');
  });

  it('reports a head beyond the limit as too large, found or not', () => {
    const input = new InputBuffer();
    input.append(bytes(`GET / HTTP/1.1\r\nX: ${'x'.repeat(100)}\r\n\r\n`));
    expect(input.findHeadEnd(64)).toBe(HEAD_TOO_LARGE);
    const partial = new InputBuffer();
    partial.append(bytes(`GET / HTTP/1.1\r\nX: ${'x'.repeat(100)}`));
    expect(partial.findHeadEnd(64)).toBe(HEAD_TOO_LARGE);
    expect(partial.findHeadEnd(1000)).toBe(HEAD_INCOMPLETE);
  });

  it('skips empty lines before a request line', () => {
    const input = new InputBuffer();
    input.append(bytes('\r\n\r\n\r\nGET'));
    input.skipEmptyLines();
    expect(input.view().toString()).toBe('GET');
  });
});

describe('HeadParser', () => {
  const parse = (head: string) => {
    const p = new HeadParser();
    const status = p.parse(head);
    return { status, p };
  };

  it('reads method, target, version, fields and header bytes', () => {
    const { status, p } = parse('PATCH /a?b=1 HTTP/1.1\r\nHost: h\r\nX-Y: z\r\nX-Y: w\r\n\r\n');
    expect(status).toBe(0);
    expect([p.method, p.url, p.httpVersion, p.headers.host, p.headers['x-y'], p.headerBytes]).toEqual(['PATCH', '/a?b=1', '1.1', 'h', 'z, w', 25]);
  });

  it.each([
    ['HTTP/1.1, no Connection', 'HTTP/1.1', '', true],
    ['HTTP/1.1, Connection: close', 'HTTP/1.1', 'Connection: close\r\n', false],
    ['HTTP/1.1, Connection: Keep-Alive, CLOSE', 'HTTP/1.1', 'Connection: Keep-Alive, CLOSE\r\n', false],
    ['HTTP/1.1, Connection: upgrade', 'HTTP/1.1', 'Connection: upgrade\r\n', true],
    ['HTTP/1.0, no Connection', 'HTTP/1.0', '', false],
    ['HTTP/1.0, Connection: keep-alive', 'HTTP/1.0', 'Connection: keep-alive\r\n', true],
  ])('keep-alive: %s', (_name, version, field, expected) => {
    const { status, p } = parse(`GET / ${version}\r\nHost: h\r\n${field}\r\n`);
    expect([status, p.keepAlive]).toEqual([0, expected]);
  });

  it.each([
    ['no body fields', '', BODY_NONE, 0],
    ['Content-Length: 0', 'Content-Length: 0\r\n', BODY_NONE, 0],
    ['Content-Length: 12', 'Content-Length: 12\r\n', BODY_LENGTH, 12],
    ['an agreeing Content-Length list', 'Content-Length: 7, 7\r\n', BODY_LENGTH, 7],
    ['repeated equal Content-Length', 'Content-Length: 7\r\nContent-Length: 7\r\n', BODY_LENGTH, 7],
    ['Transfer-Encoding: Chunked', 'Transfer-Encoding: Chunked\r\n', BODY_CHUNKED, 0],
  ])('framing: %s', (_name, fields, framing, length) => {
    const { status, p } = parse(`POST / HTTP/1.1\r\nHost: h\r\n${fields}\r\n`);
    expect([status, p.framing, p.contentLength]).toEqual([0, framing, length]);
  });

  it('expects 100-continue only for an HTTP/1.1 request with a body', () => {
    expect(parse('POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\n').p.expectContinue).toBe(true);
    expect(parse('POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\n\r\n').p.expectContinue).toBe(false);
    expect(parse('POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n').p.expectContinue).toBe(false);
  });

  it('names what it refuses', () => {
    expect(parse('GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n').p.problem).toBe('both Transfer-Encoding and Content-Length');
    expect(parse('GET / HTTP/3.0\r\n\r\n')).toMatchObject({ status: 505, p: { problem: 'HTTP/3.0 is not supported' } });
  });
});
