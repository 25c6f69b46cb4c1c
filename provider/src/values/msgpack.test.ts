/**
 * Golden bytes for the msgpack codec. Each expectation was written by hand from the cty wire format
 * (proto/object-wire-format.md, go-cty cty/msgpack: compact ints, float64 only when exact, decimal
 * strings otherwise, sorted object keys, `d4 00 00` for unknown) and checked byte by byte.
 */
import { Decimal } from './number';
import { decodeMsgpack, encodeMsgpack } from './msgpack';
import { hex, mp } from './test-bytes';
import { listOf, mapOf, objectOf, setOf, tupleOf } from './types';
import type { CtyType } from './types';
import { Dynamic, UNKNOWN, Unknown } from './value';
import type { Value } from './value';

const enc = (v: Value, t: CtyType) => hex(encodeMsgpack(v, t));

describe('msgpack golden bytes: objects', () => {
  const type = objectOf({ enabled: 'bool', id: 'string', name: 'string', port: 'number', ratio: 'number', tags: mapOf('string') });
  const bytes = mp`86 a7 "enabled" c3 a2 "id" d4 00 00 a4 "name" a3 "web" a4 "port" cd 1f 90 a5 "ratio" a3 "0.1" a4 "tags" c0`;

  it('encodes every attribute in byte order, unknown as d4 00 00, 0.1 as a string', () => {
    const value = { tags: null, ratio: 0.1, port: 8080, name: 'web', id: UNKNOWN, enabled: true };
    expect(enc(value, type)).toBe(hex(bytes));
  });

  it('decodes the same bytes back, every attribute present', () => {
    const v = decodeMsgpack(bytes, type) as Record<string, Value>;
    expect(Object.keys(v)).toEqual(['enabled', 'id', 'name', 'port', 'ratio', 'tags']);
    expect(v.id).toBeInstanceOf(Unknown);
    expect(v).toMatchObject({ enabled: true, name: 'web', port: 8080, ratio: 0.1, tags: null });
  });

  it('writes absent attributes as nil and refuses attributes the type lacks', () => {
    expect(enc({ name: 'a' }, objectOf({ name: 'string', note: 'string' }))).toBe(hex(mp`82 a4 "name" a1 "a" a4 "note" c0`));
    expect(() => encodeMsgpack({ zz: 'a' }, objectOf({ name: 'string' }))).toThrow('zz: unsupported attribute');
    expect(() => decodeMsgpack(mp`81 a2 "zz" c0`, objectOf({ name: 'string' }))).toThrow('zz: unsupported attribute');
  });

  it('fills attributes missing on the wire with null', () => {
    expect(decodeMsgpack(mp`81 a4 "name" a1 "a"`, objectOf({ name: 'string', note: 'string' }))).toEqual({ name: 'a', note: null });
  });

  it('keeps null, empty and unknown apart in nested blocks', () => {
    const block = objectOf({ request: objectOf({ path: 'string' }), rules: listOf(objectOf({ n: 'number' })) });
    expect(enc({ request: null, rules: [] }, block)).toBe(hex(mp`82 a7 "request" c0 a5 "rules" 90`));
    expect(enc({ request: UNKNOWN, rules: UNKNOWN }, block)).toBe(hex(mp`82 a7 "request" d4 00 00 a5 "rules" d4 00 00`));
    const decoded = decodeMsgpack(mp`82 a7 "request" 81 a4 "path" a1 "/" a5 "rules" 91 81 a1 "n" 05`, block);
    expect(decoded).toEqual({ request: { path: '/' }, rules: [{ n: 5 }] });
  });
});

describe('msgpack golden bytes: collections', () => {
  it('encodes lists, sorted maps, sets and tuples', () => {
    expect(enc(['a', 'b'], listOf('string'))).toBe(hex(mp`92 a1 61 a1 62`));
    expect(enc({ k: 'v' }, mapOf('string'))).toBe(hex(mp`81 a1 6b a1 76`));
    expect(enc({ b: 1, a: 2 }, mapOf('number'))).toBe(hex(mp`82 a1 "a" 02 a1 "b" 01`));
    expect(enc(['x', 'x', 'y'], setOf('string'))).toBe(hex(mp`92 a1 "x" a1 "y"`));
    expect(enc(['a', true], tupleOf(['string', 'bool']))).toBe(hex(mp`92 a1 "a" c3`));
    expect(enc([], listOf('string'))).toBe('90');
    expect(enc(null, listOf('string'))).toBe('c0');
  });

  it('collapses equal set elements on decode but never unknown ones', () => {
    expect(decodeMsgpack(mp`93 a1 61 a1 62 a1 61`, setOf('string'))).toEqual(['a', 'b']);
    const v = decodeMsgpack(mp`93 d4 00 00 d4 00 00 a1 61`, setOf('string')) as Value[];
    expect(v).toHaveLength(3);
  });

  it('decodes unknown list elements and a whole unknown list', () => {
    expect(decodeMsgpack(mp`92 a1 61 d4 00 00`, listOf('string'))).toEqual(['a', UNKNOWN]);
    expect(decodeMsgpack(mp`d4 00 00`, listOf('string'))).toBeInstanceOf(Unknown);
  });

  it('round-trips a dynamic value with its type as JSON bytes', () => {
    const bytes = mp`92 c4 08 "\"string\"" a1 78`;
    expect(enc(new Dynamic('string', 'x'), 'dynamic')).toBe(hex(bytes));
    expect(decodeMsgpack(bytes, 'dynamic')).toEqual(new Dynamic('string', 'x'));
  });
});

describe('msgpack golden bytes: numbers', () => {
  const cases: Array<[Value, string]> = [
    [0, '00'], [127, '7f'], [128, 'cc 80'], [256, 'cd 01 00'], [65536, 'ce 00 01 00 00'],
    [2 ** 32, 'cf 00 00 00 01 00 00 00 00'], [-1, 'ff'], [-32, 'e0'], [-33, 'd0 df'], [-129, 'd1 ff 7f'],
    [-(2 ** 31) - 1, 'd3 ff ff ff ff 7f ff ff ff'],
    [0.5, 'cb 3f e0 00 00 00 00 00 00'], [-0.25, 'cb bf d0 00 00 00 00 00 00'],
    [0.1, hex(mp`a3 "0.1"`)], [123.456, hex(mp`a7 "123.456"`)],
    [9007199254740993n, 'cf 00 20 00 00 00 00 00 01'],
    [2n ** 63n, 'cb 43 e0 00 00 00 00 00 00'],
    [2n ** 64n - 1n, hex(mp`b4 "18446744073709551615"`)],
    [1e20, 'cb 44 15 af 1d 78 b5 8c 40'],
    [new Decimal('0.12345678901234567890123'), hex(mp`b9 "0.12345678901234567890123"`)],
  ];
  it.each(cases)('encodes %p like cty', (value, bytes) => {
    expect(enc(value, 'number')).toBe(bytes);
  });

  it('decodes ints, floats and decimal strings exactly', () => {
    expect(decodeMsgpack(mp`cf ff ff ff ff ff ff ff ff`, 'number')).toBe(18446744073709551615n);
    expect(decodeMsgpack(mp`d3 80 00 00 00 00 00 00 00`, 'number')).toBe(-9223372036854775808n);
    expect(decodeMsgpack(mp`cf 00 00 00 00 00 00 00 07`, 'number')).toBe(7);
    expect(decodeMsgpack(mp`a3 "0.1"`, 'number')).toBe(0.1);
    expect(decodeMsgpack(mp`cb 3f b9 99 99 99 99 99 9a`, 'number')).toBe(0.1);
    expect(decodeMsgpack(mp`ca 3f c0 00 00`, 'number')).toBe(1.5);
    expect(decodeMsgpack(mp`b9 "0.12345678901234567890123"`, 'number')).toEqual(new Decimal('0.12345678901234567890123'));
    expect(decodeMsgpack(mp`b4 "18446744073709551616"`, 'number')).toBe(18446744073709551616n);
    expect(() => decodeMsgpack(mp`a3 "abc"`, 'number')).toThrow('expected number');
  });
});

describe('msgpack golden bytes: unknowns and primitives', () => {
  it('treats every extension as unknown and reads ext 12 refinements', () => {
    expect(decodeMsgpack(mp`c7 00 00`, 'string')).toBeInstanceOf(Unknown);
    expect(decodeMsgpack(mp`d5 05 01 02`, 'string')).toBeInstanceOf(Unknown);
    expect((decodeMsgpack(mp`c7 03 0c 81 01 c2`, 'string') as Unknown).refinements).toEqual({ notNull: true });
    const prefixed = decodeMsgpack(mp`c7 08 0c 82 01 c2 02 a3 "ab/"`, 'string') as Unknown;
    expect(prefixed.refinements).toEqual({ notNull: true, stringPrefix: 'ab/' });
    const bounded = decodeMsgpack(mp`c7 09 0c 82 03 92 01 c3 04 92 0a c2`, 'number') as Unknown;
    expect(bounded.refinements).toEqual({ numberLower: { value: 1, inclusive: true }, numberUpper: { value: 10, inclusive: false } });
    expect(decodeMsgpack(mp`c7 01 0c ff`, 'string')).toBeInstanceOf(Unknown);
  });

  it('always encodes unknown as d4 00 00, even a refined one', () => {
    expect(enc(new Unknown({ notNull: true }), 'string')).toBe('d4 00 00');
  });

  it('handles null, bools, long strings and NFC', () => {
    expect(decodeMsgpack(new Uint8Array(0), 'string')).toBeNull();
    expect(decodeMsgpack(mp`c0`, 'string')).toBeNull();
    expect(enc(false, 'bool')).toBe('c2');
    expect(enc('x'.repeat(40), 'string')).toBe(hex(mp`d9 28 ${'"' + 'x'.repeat(40) + '"'}`));
    expect(decodeMsgpack(mp`a3 65 cc 81`, 'string')).toBe('\u00e9');
    expect(() => decodeMsgpack(mp`01`, 'string')).toThrow('expected string');
  });
});
