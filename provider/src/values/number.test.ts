import { Decimal, canonicalDecimal, numberFromText, numberText, numbersEqual } from './number';

describe('exact numbers', () => {
  it.each([
    ['1e-7', '0.0000001'], ['-0', '0'], ['00012.3400', '12.34'], ['1.5e3', '1500'], ['-1.50', '-1.5'],
    ['.5', '0.5'], ['5.', '5'], ['1E+2', '100'],
  ])('canonicalises %s as %s', (input, text) => {
    expect(canonicalDecimal(input)).toBe(text);
  });

  it('rejects what is not a decimal', () => {
    expect(canonicalDecimal('abc')).toBeUndefined();
    expect(canonicalDecimal('.')).toBeUndefined();
    expect(canonicalDecimal('1e')).toBeUndefined();
  });

  it('picks number, bigint or Decimal without losing digits', () => {
    expect(numberFromText('0.1')).toBe(0.1);
    expect(numberFromText('9007199254740991')).toBe(9007199254740991);
    expect(numberFromText('9007199254740993')).toBe(9007199254740993n);
    expect(numberFromText('0.30000000000000000001')).toEqual(new Decimal('0.30000000000000000001'));
    expect(numberText(1e21)).toBe('1000000000000000000000');
    expect(numberText(1e-7)).toBe('0.0000001');
  });

  it('compares like cty: by exact decimal text', () => {
    expect(numbersEqual(0.1, new Decimal('0.1'))).toBe(true);
    expect(numbersEqual(0.1 + 0.2, 0.3)).toBe(false);
    expect(numbersEqual(5, 5n)).toBe(true);
    expect(numbersEqual(9007199254740993n, 9007199254740992)).toBe(false);
  });
});
