import { readResponseFields, ResponseFields, type FramingFields } from './response-fields';

function read(lines: string[]): { fields: ResponseFields | string; framing: FramingFields } {
  const head = `HTTP/1.1 200 OK\r\n${lines.map((l) => `${l}\r\n`).join('')}\r\n`;
  const framing = {} as FramingFields;
  return { fields: readResponseFields(head, 17, head.length - 2, framing), framing };
}

function fieldsOf(lines: string[]): ResponseFields {
  const { fields } = read(lines);
  if (typeof fields === 'string') throw new Error(fields);
  return fields;
}

describe('readResponseFields', () => {
  it('keeps end-to-end lines verbatim and cuts hop-by-hop and framing fields, handing their values over', () => {
    const { fields, framing } = read([
      'Server: nginx', 'Connection: keep-alive', 'Content-Type: text/plain', 'Content-Length: 3', 'Keep-Alive: timeout=5',
      'X-Custom:  spaced  ', 'TE: trailers', 'Transfer-Encoding: chunked', 'Trailer: x', 'Upgrade: h2c',
      'Proxy-Authenticate: Basic', 'Proxy-Authorization: Basic eA==', 'Set-Cookie: a=1', 'Set-Cookie: b=2',
    ]);
    expect(fields).toBeInstanceOf(ResponseFields);
    const f = fields as ResponseFields;
    expect(f.lines).toBe('Server: nginx\r\nContent-Type: text/plain\r\nX-Custom:  spaced  \r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n');
    expect(f.names).toEqual(['server', 'content-type', 'x-custom', 'set-cookie', 'set-cookie']);
    expect(framing).toEqual({ connection: 'keep-alive', close: false, keepAlive: 'timeout=5', transferEncoding: 'chunked', contentLength: '3' });
    expect(f.contentLength).toBe(3);
    expect(f.dated).toBe(false);
  });

  it('cuts the fields a Connection header names, in any spelling, and tells whether it says close', () => {
    const { fields, framing } = read(['X-Hop: 1', 'X-Keep: 2', 'Connection: Keep-Alive, X-HOP', 'x-hop: 3', 'Connection: CLOSE']);
    expect((fields as ResponseFields).lines).toBe('X-Keep: 2\r\n');
    expect((fields as ResponseFields).names).toEqual(['x-keep']);
    expect(framing.close).toBe(true);
    expect(read(['Connection: Keep-Alive']).framing.close).toBe(false);
    expect(read(['Connection: close']).framing.close).toBe(true);
    expect(read(['X-A: 1']).framing.close).toBe(false);
  });

  it('reads the declared length: a repeated identical value is one length, differing values none', () => {
    expect(fieldsOf(['Content-Length: 5', 'Content-Length: 5']).contentLength).toBe(5);
    expect(fieldsOf(['Content-Length: 5, 5']).contentLength).toBe(5);
    expect(fieldsOf(['Content-Length: 5', 'Content-Length: 6']).contentLength).toBe(-1);
    expect(fieldsOf(['Content-Length: 1e3']).contentLength).toBe(-1);
    expect(fieldsOf(['X-A: 1']).contentLength).toBe(-1);
  });

  it('notes a Date field', () => {
    expect(fieldsOf(['Date: Mon, 23 Nov 2026 00:03:36 GMT']).dated).toBe(true);
    expect(fieldsOf(['date: Mon, 23 Nov 2026 00:03:36 GMT', 'Connection: date']).dated).toBe(false);
  });

  it.each([
    ['a control character', 'X-A: one\u0000two', /control character/],
    ['a bare CR', 'X-A: one\rtwo', /control character/],
    ['obs-fold', ' folded', /obs-fold/],
    ['no colon', 'X-A one', /no colon/],
    ['a space before the colon', 'X-A : one', /invalid header name/],
  ])('refuses %s, as the request parser does', (_what, line, message) => {
    expect(read(['X-Ok: 1', line]).fields).toMatch(message);
  });
});

describe('ResponseFields', () => {
  const f = () => fieldsOf(['Content-Type: text/plain', 'Vary: Accept', 'Set-Cookie: a=1', 'Set-Cookie: b=2', 'Content-Length: 2']);

  it('answers has/get from the kept lines, and builds the object view only when asked', () => {
    const fields = f();
    expect(fields.has('vary')).toBe(true);
    expect(fields.has('content-length')).toBe(false); // cut: the writer frames the body from contentLength
    expect(fields.get('set-cookie')).toEqual(['a=1', 'b=2']);
    expect(fields.get('x-absent')).toBeUndefined();
    expect(fields.headers).toEqual({ 'content-type': 'text/plain', vary: 'Accept', 'set-cookie': ['a=1', 'b=2'], 'content-length': '2' });
    expect(fields.headers).toBe(fields.headers);
  });

  it('linesExcept drops every line of a replaced name and returns the lines unchanged when nothing is replaced', () => {
    const fields = f();
    expect(fields.linesExcept({ 'x-request-id': 'r' })).toBe(fields.lines);
    expect(fields.linesExcept({ 'set-cookie': 'c=3', vary: 'Origin' })).toBe('Content-Type: text/plain\r\n');
  });
});
