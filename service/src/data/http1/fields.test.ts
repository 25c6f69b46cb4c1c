import { breaksFieldLine, isFieldError, parseContentLength, parseFieldLines, type ParsedFields } from './fields';

/** Parses field lines given one per array entry, as they sit in a head after the start line. */
function parse(lines: string[], mode: 'request' | 'list' = 'request') {
  const head = `GET / HTTP/1.1\r\n${lines.map((l) => `${l}\r\n`).join('')}\r\n`;
  return parseFieldLines(head, head.indexOf('\r\n') + 2, head.length - 2, mode);
}

const ok = (r: ReturnType<typeof parse>): ParsedFields => {
  if (isFieldError(r)) throw new Error(r.error);
  return r;
};

describe('parseFieldLines', () => {
  it('lowercases names, trims optional whitespace and counts bytes', () => {
    const r = ok(parse(['Host: example.com', 'X-Thing:\t spaced value \t']));
    expect({ ...r.headers }).toEqual({ host: 'example.com', 'x-thing': 'spaced value' });
    expect(r.bytes).toBe('Host: example.com\r\nX-Thing:\t spaced value \t\r\n'.length);
  });

  it('accepts an empty header section and empty values', () => {
    expect(ok(parse([])).bytes).toBe(0);
    expect(ok(parse(['X-Empty:'])).headers['x-empty']).toBe('');
  });

  it('combines repeats like node:http in request mode', () => {
    const r = ok(parse(['Accept: a', 'accept: b', 'Host: one', 'User-Agent: u1', 'User-Agent: u2', 'Set-Cookie: c1', 'Set-Cookie: c2', 'Cookie: x=1', 'Cookie: y=2', 'Content-Length: 3', 'Content-Length: 3']));
    expect({ ...r.headers }).toEqual({ accept: 'a, b', host: 'one', 'user-agent': 'u1', 'set-cookie': ['c1', 'c2'], cookie: 'x=1; y=2', 'content-length': '3' });
  });

  it('keeps every repeat in list mode', () => {
    const r = ok(parse(['Set-Cookie: a', 'Set-Cookie: b', 'Vary: x', 'Server: s'], 'list'));
    expect({ ...r.headers }).toEqual({ 'set-cookie': ['a', 'b'], vary: 'x', server: 's' });
  });

  it('refuses a field named __proto__ and keeps fields named like Object.prototype members', () => {
    expect(isFieldError(parse(['__proto__: x']))).toBe(true);
    const r = ok(parse(['Constructor: a', 'constructor: b', 'toString: c'], 'list'));
    expect([r.headers.constructor, r.headers.tostring]).toEqual([['a', 'b'], 'c']);
    expect(Object.getPrototypeOf(r.headers)).toBe(Object.prototype);
  });

  it.each([
    ['differing Content-Length values', ['Content-Length: 3', 'Content-Length: 4'], /Content-Length/],
    ['two Host headers', ['Host: a', 'Host: b'], /more than one Host/],
    ['obs-fold', ['X-A: one', ' two'], /obs-fold/],
    ['whitespace before the colon', ['X-A : one'], /invalid header name/],
    ['a name with a space', ['X A: one'], /invalid header name/],
    ['an empty name', [': one'], /invalid header name/],
    ['no colon', ['X-A one'], /no colon/],
    ['a control character in a value', ['X-A: one\u0000two'], /control character/],
    ['a bare CR in a value', ['X-A: one\rtwo'], /control character/],
  ])('refuses %s', (_what, lines, message) => {
    const r = parse(lines);
    expect(isFieldError(r) && r.error).toMatch(message);
  });

  it('refuses a bare LF line ending', () => {
    const head = 'GET / HTTP/1.1\r\nX-A: one\nX-B: two\r\n\r\n';
    const r = parseFieldLines(head, 16, head.length - 2, 'request');
    expect(isFieldError(r) && r.error).toMatch(/control character/);
  });
});

describe('parseContentLength', () => {
  it.each([
    ['0', 0], ['42', 42], ['007', 7], ['999999999999999', 999999999999999], ['5,5', 5], ['5 , 5,\t5', 5], [['5', '5'], 5],
    ['', -1], ['-1', -1], ['+1', -1], ['1.0', -1], ['1e3', -1], ['0x10', -1], ['1 2', -1], ['5, 6', -1], [['1', '2'], -1],
    ['5,', -1], ['1234567890123456', -1],
  ] as [string | string[], number][])('%j → %i', (value, expected) => {
    expect(parseContentLength(value)).toBe(expected);
  });
});

describe('breaksFieldLine', () => {
  it.each([
    ['plain value', false], ['tab\tand latin1 \u00e9', false], ['', false],
    ['cr\rlf', true], ['lf\n', true], ['nul\u0000', true], ['euro \u20ac', true],
  ])('%j → %s', (value, expected) => {
    expect(breaksFieldLine(value)).toBe(expected);
  });
});
