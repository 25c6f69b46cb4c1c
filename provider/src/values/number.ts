/**
 * Exact numbers. cty numbers are arbitrary-precision decimals; JavaScript's `number` is a float64.
 * A decoded number is a JS `number` when that loses nothing (the shortest decimal text of the float
 * equals the cty text, which is how cty compares numbers), a `bigint` for integers beyond 2^53, and
 * a `Decimal` holding the canonical text otherwise. Encoding mirrors go-cty's marshaller: int64 →
 * msgpack int, exact float64 → float64, anything else → the decimal text as a string.
 */
import type { NumberValue } from './value';

export class Decimal {
  /** `text` is canonical: no exponent, no leading/trailing zeros, `-` only when non-zero. */
  constructor(readonly text: string) {}
  toString(): string { return this.text; }
  toJSON(): string { return this.text; }
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Canonical decimal text ('f' format, shortest) of any decimal literal, or undefined if invalid. */
export function canonicalDecimal(literal: string): string | undefined {
  const m = DECIMAL.exec(literal.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  let digits = m[2] + (m[3] ?? '');
  let point = m[2].length + Number(m[4] ?? 0);
  const lead = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(lead);
  point -= lead;
  digits = digits.replace(/0+$/, '');
  if (digits === '') return '0';
  let text: string;
  if (point <= 0) text = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) text = digits + '0'.repeat(point - digits.length);
  else text = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return m[1] === '-' ? `-${text}` : text;
}

/** The cty text of a number value: what equality and the string wire form use. */
export function numberText(n: NumberValue): string {
  if (n instanceof Decimal) return n.text;
  if (typeof n === 'bigint') return n.toString();
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  return canonicalDecimal(String(n)) as string;
}

/** Builds the most convenient exact representation of a canonical decimal text. */
export function numberFromText(text: string): NumberValue {
  const canon = canonicalDecimal(text);
  if (canon === undefined) throw new Error(`"${text}" is not a number`);
  if (!canon.includes('.')) {
    const big = BigInt(canon);
    return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  }
  const asFloat = Number(canon);
  return numberText(asFloat) === canon ? asFloat : new Decimal(canon);
}

/** Normalizes what a msgpack/JSON decoder produced (number, bigint or decimal string). */
export function normalizeNumber(raw: number | bigint | string): NumberValue {
  if (typeof raw === 'string') return numberFromText(raw);
  if (typeof raw === 'bigint') return numberFromText(raw.toString());
  return raw;
}

export function numbersEqual(a: NumberValue, b: NumberValue): boolean {
  return numberText(a) === numberText(b);
}

/** Exact decimal expansion of a finite float64 (every binary float has a finite one). */
function exactFloatText(x: number): string {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  const exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let e2 = exp === 0 ? -1074 : exp - 1075;
  if (exp !== 0) mant |= 1n << 52n;
  const sign = bits >> 63n ? '-' : '';
  if (e2 >= 0) return canonicalDecimal(sign + (mant << BigInt(e2)).toString()) as string;
  const scaled = (mant * 5n ** BigInt(-e2)).toString().padStart(-e2 + 1, '0');
  e2 = -e2;
  return canonicalDecimal(`${sign}${scaled.slice(0, scaled.length - e2)}.${scaled.slice(scaled.length - e2)}`) as string;
}

/** The value handed to the msgpack encoder for a number, chosen exactly as go-cty does. */
export function numberWireForm(n: NumberValue): number | bigint | string {
  const text = numberText(n);
  if (typeof n === 'number' && !Number.isFinite(n)) return n;
  if (!text.includes('.')) {
    const big = BigInt(text);
    // 64-bit ints go as bigint: with useBigInt64, @msgpack/msgpack writes a *number* >= 2^32 as float64.
    if (big >= -(2n ** 31n) && big < 2n ** 32n) return Number(big);
    if (big >= INT64_MIN && big <= INT64_MAX) return big;
  }
  const asFloat = Number(text);
  return exactFloatText(asFloat) === text ? asFloat : text;
}
