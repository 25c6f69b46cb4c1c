import { decodeJson } from './json';
import { Decimal } from './number';
import { listOf, mapOf, objectOf, setOf } from './types';

describe('JSON decoding (UpgradeResourceState raw state)', () => {
  const type = objectOf({
    id: 'string', big: 'number', ratio: 'number', tiny: 'number', tags: mapOf('string'),
    items: listOf(objectOf({ n: 'number' })), names: setOf('string'), note: 'string',
  });

  it('keeps numbers exact and fills missing attributes with null', () => {
    const text = '{"id":"g-1","big":12345678901234567890,"ratio":0.1,"tiny":0.12345678901234567890123,'
      + '"tags":{"a":"b"},"items":[{"n":1e3}],"names":["x","x","y"]}';
    expect(decodeJson(text, type)).toEqual({
      id: 'g-1', big: 12345678901234567890n, ratio: 0.1, tiny: new Decimal('0.12345678901234567890123'),
      tags: { a: 'b' }, items: [{ n: 1000 }], names: ['x', 'y'], note: null,
    });
  });

  it('rejects attributes the schema does not have, naming them', () => {
    expect(() => decodeJson('{"id":"x","gone":1}', type)).toThrow('gone: unsupported attribute');
  });

  it('rejects malformed JSON with an offset', () => {
    expect(() => decodeJson('{"id":', type)).toThrow(/invalid JSON at offset/);
    expect(() => decodeJson('{"id":"x"} x', type)).toThrow(/trailing/);
  });
});
