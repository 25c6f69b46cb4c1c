import { ChunkedDecoder, ChunkedError } from './chunked';

function decodeInPieces(wire: string, pieceSize: number): { body: string; consumed: number; done: boolean } {
  const d = new ChunkedDecoder();
  const buf = Buffer.from(wire, 'latin1');
  const parts: Buffer[] = [];
  let consumed = 0;
  for (let i = 0; i < buf.length && !d.done; i += pieceSize) {
    consumed += d.push(buf.subarray(i, i + pieceSize), (c) => parts.push(Buffer.from(c)));
  }
  return { body: Buffer.concat(parts).toString('latin1'), consumed, done: d.done };
}

describe('ChunkedDecoder', () => {
  const wire = '5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nx-trailer: t\r\n\r\n';

  it.each([1, 2, 3, 7, 1000])('decodes a body split into %i-byte pieces, extensions and trailers skipped', (size) => {
    const r = decodeInPieces(wire, size);
    expect(r).toEqual({ body: 'hello, world', consumed: wire.length, done: true });
  });

  it('stops at the end of the body and reports what belongs to the next message', () => {
    const d = new ChunkedDecoder();
    const next = 'GET / HTTP/1.1\r\n';
    const buf = Buffer.from(`3\r\nabc\r\n0\r\n\r\n${next}`);
    const used = d.push(buf, () => undefined);
    expect(d.done).toBe(true);
    expect(buf.subarray(used).toString()).toBe(next);
  });

  it('accepts upper-case hex sizes', () => {
    expect(decodeInPieces(`A\r\n${'x'.repeat(10)}\r\n0\r\n\r\n`, 4).body).toBe('x'.repeat(10));
  });

  it('accepts many small chunks (the size-line bound is per line)', () => {
    const body = 'y'.repeat(20_000);
    const wire2 = body.split('').map((c) => `1\r\n${c}\r\n`).join('') + '0\r\n\r\n';
    expect(decodeInPieces(wire2, 4096).body).toBe(body);
  });

  it.each([
    ['missing size', '\r\nabc\r\n0\r\n\r\n'],
    ['non-hex size', 'zz\r\nabc\r\n0\r\n\r\n'],
    ['bare LF after the size', '3\nabc\r\n0\r\n\r\n'],
    ['data not followed by CRLF', '3\r\nabcd\r\n0\r\n\r\n'],
    ['huge size', 'fffffffffffff\r\n'],
    ['negative-looking size', '-3\r\nabc\r\n0\r\n\r\n'],
    ['bare LF in the trailer', '0\r\nx: y\n\r\n'],
    ['endless extension', `1;${'e'.repeat(20_000)}\r\n`],
  ])('refuses %s', (_what, bad) => {
    expect(() => decodeInPieces(bad, 5)).toThrow(ChunkedError);
  });
});
