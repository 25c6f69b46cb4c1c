/**
 * The provider's in-memory form of a cty value, as plain JavaScript so resource code can read it:
 * null is `null`, strings/bools are themselves, lists/sets/tuples are arrays, maps/objects are plain
 * objects (every attribute present), and numbers are exact (see number.ts). Two values have no JS
 * counterpart and get small classes: `Unknown` (a value known only after apply, possibly refined)
 * and `Dynamic` (a value of type "dynamic", which carries its runtime type on the wire).
 */
import type { CtyType } from './types';
import type { Decimal } from './number';

/** Refinements Terraform >= 1.6 may attach to an unknown (msgpack ext 12); see object-wire-format.md. */
export interface Refinements {
  /** false: definitely not null. */
  notNull?: boolean;
  stringPrefix?: string;
  numberLower?: { value: NumberValue; inclusive: boolean };
  numberUpper?: { value: NumberValue; inclusive: boolean };
  lengthMin?: number;
  lengthMax?: number;
}

export class Unknown {
  constructor(readonly refinements: Refinements = {}) {}
  toString(): string { return '(known after apply)'; }
}

/** The plain unknown, what the provider emits (`d4 00 00`); refinements are only ever read. */
export const UNKNOWN: Unknown = Object.freeze(new Unknown()) as Unknown;

export class Dynamic {
  constructor(readonly type: CtyType, readonly value: Value) {}
}

export type NumberValue = number | bigint | Decimal;

export type Value =
  | null
  | Unknown
  | string
  | boolean
  | NumberValue
  | Dynamic
  | Value[]
  | ObjectValue;

export interface ObjectValue { [name: string]: Value }

export const isUnknown = (v: unknown): v is Unknown => v instanceof Unknown;

export function isPlainObject(v: unknown): v is ObjectValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

/** True when no part of the value is unknown (what Read/Apply/Upgrade results must be). */
export function isWhollyKnown(v: Value): boolean {
  if (v instanceof Unknown) return false;
  if (v instanceof Dynamic) return isWhollyKnown(v.value);
  if (Array.isArray(v)) return v.every(isWhollyKnown);
  if (isPlainObject(v)) return Object.values(v).every(isWhollyKnown);
  return true;
}
