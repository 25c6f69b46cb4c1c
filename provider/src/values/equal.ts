/**
 * cty's RawEquals on provider values: numbers compare by exact decimal text, sets ignore order,
 * an unknown equals only another unknown (so "known prior vs unknown plan" is always a change).
 * Pass the type so sets nested anywhere compare unordered; without it arrays compare in order.
 */
import { Decimal, numbersEqual } from './number';
import type { CtyType } from './types';
import { Dynamic, Unknown, isPlainObject } from './value';
import type { Value } from './value';

const isNumber = (v: Value): v is number | bigint | Decimal =>
  typeof v === 'number' || typeof v === 'bigint' || v instanceof Decimal;

export function valuesEqual(a: Value, b: Value, type?: CtyType): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (a instanceof Unknown || b instanceof Unknown) return a instanceof Unknown && b instanceof Unknown;
  if (isNumber(a) || isNumber(b)) return isNumber(a) && isNumber(b) && numbersEqual(a, b);
  if (a instanceof Dynamic || b instanceof Dynamic) {
    return a instanceof Dynamic && b instanceof Dynamic && valuesEqual(a.value, b.value, a.type);
  }
  if (Array.isArray(a) || Array.isArray(b)) return arraysEqual(a, b, type);
  if (isPlainObject(a) && isPlainObject(b)) return objectsEqual(a, b, type);
  return false;
}

function elementType(type: CtyType | undefined, i: number): CtyType | undefined {
  if (typeof type !== 'object') return undefined;
  if (type.kind === 'tuple') return type.elements[i];
  return type.kind === 'object' ? undefined : type.element;
}

function arraysEqual(a: Value, b: Value, type?: CtyType): boolean {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  if (typeof type === 'object' && type.kind === 'set') return sameMembers(a, b, type.element);
  return a.every((x, i) => valuesEqual(x, b[i], elementType(type, i)));
}

function objectsEqual(a: Record<string, Value>, b: Record<string, Value>, type?: CtyType): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  const attrType = (k: string) => (typeof type !== 'object' ? undefined
    : type.kind === 'object' ? type.attributes[k] : type.kind === 'map' ? type.element : undefined);
  return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && valuesEqual(a[k], b[k], attrType(k)));
}

/** Set comparison: every element of one has an equal, unused partner in the other. */
function sameMembers(a: Value[], b: Value[], element: CtyType): boolean {
  const used = new Set<number>();
  return a.every((x) => {
    const i = b.findIndex((y, j) => !used.has(j) && valuesEqual(x, y, element));
    if (i < 0) return false;
    used.add(i);
    return true;
  });
}
