/**
 * Field-level checks from the catalogue declarations (enum, pattern, length, range, item counts),
 * walked over a configuration with its schema so each problem carries its attribute path.
 * Unknown values are skipped: they are checked again at plan time, once known.
 */
import type { Field, NumberField, StringField } from '../../../service/src/control/catalogue/types';
import type { BlockSchema, NestedBlockSchema } from '../schema/model';
import { Decimal, numberText } from '../values/number';
import { attr, index, key } from '../values/path';
import type { Path } from '../values/path';
import { Unknown, isPlainObject } from '../values/value';
import type { Value } from '../values/value';
import { invalidValue } from './diagnostics';
import type { Diagnostic } from './diagnostics';

export function validateBlock(block: BlockSchema, value: Value, at: Path = []): Diagnostic[] {
  if (!isPlainObject(value)) return [];
  const out: Diagnostic[] = [];
  for (const a of block.attributes) {
    if (a.field && !(a.computed && !a.optional)) out.push(...validateField(a.field, value[a.name], [...at, attr(a.name)]));
  }
  for (const b of block.blockTypes) {
    for (const [element, path] of blockElements(b, value[b.typeName], [...at, attr(b.typeName)])) {
      out.push(...validateBlock(b.block, element, path));
    }
  }
  return out;
}

/** Each configured block of a type with its path (set elements cannot be addressed: the set's path). */
function blockElements(b: NestedBlockSchema, value: Value, here: Path): Array<[Value, Path]> {
  if (Array.isArray(value)) return value.map((el, i) => [el, b.nesting === 'set' ? here : [...here, index(i)]]);
  if (b.nesting === 'map' && isPlainObject(value)) return Object.entries(value).map(([k, el]) => [el, [...here, key(k)]]);
  return [[value, here]];
}

export function validateField(field: Field, value: Value, at: Path): Diagnostic[] {
  if (value === null || value === undefined || value instanceof Unknown) return [];
  switch (field.type) {
    case 'string': return typeof value === 'string' ? validateString(field, value, at) : [];
    case 'integer': case 'number': return isNumber(value) ? validateNumber(field, value, at) : [];
    case 'list': return Array.isArray(value) ? validateList(field, value, at) : [];
    case 'map': return isPlainObject(value) ? validateMap(field, value, at) : [];
    default: return [];
  }
}

const isNumber = (v: Value): v is number | bigint | Decimal => typeof v === 'number' || typeof v === 'bigint' || v instanceof Decimal;
const quoted = (values: readonly string[]) => values.map((v) => JSON.stringify(v)).join(', ');

function validateString(field: StringField, value: string, at: Path): Diagnostic[] {
  const length = [...value].length;
  if (field.enum && !field.enum.includes(value)) {
    return [invalidValue(at, `Must be one of ${quoted(field.enum)}; got ${JSON.stringify(value)}.`)];
  }
  if (field.minLength !== undefined && length < field.minLength) {
    return [invalidValue(at, `Must be at least ${field.minLength} characters long; got ${length}.`)];
  }
  if (field.maxLength !== undefined && length > field.maxLength) {
    return [invalidValue(at, `Must be at most ${field.maxLength} characters long; got ${length}.`)];
  }
  if (field.pattern && !new RegExp(field.pattern).test(value)) {
    return [invalidValue(at, `Must match the pattern ${field.pattern}; got ${JSON.stringify(value)}.`)];
  }
  return [];
}

function validateNumber(field: NumberField, value: number | bigint | Decimal, at: Path): Diagnostic[] {
  const text = numberText(value);
  if (field.type === 'integer' && text.includes('.')) return [invalidValue(at, `Must be a whole number; got ${text}.`)];
  const n = Number(text);
  if (field.minimum !== undefined && n < field.minimum) return [invalidValue(at, `Must be at least ${field.minimum}; got ${text}.`)];
  if (field.maximum !== undefined && n > field.maximum) return [invalidValue(at, `Must be at most ${field.maximum}; got ${text}.`)];
  return [];
}

function validateList(field: Extract<Field, { type: 'list' }>, value: Value[], at: Path): Diagnostic[] {
  if (field.minItems !== undefined && value.length < field.minItems) {
    return [invalidValue(at, `Must have at least ${field.minItems} element(s); got ${value.length}.`)];
  }
  if (field.maxItems !== undefined && value.length > field.maxItems) {
    return [invalidValue(at, `Must have at most ${field.maxItems} element(s); got ${value.length}.`)];
  }
  return value.flatMap((v, i) => validateField(field.items, v, [...at, index(i)]));
}

function validateMap(field: Extract<Field, { type: 'map' }>, value: Record<string, Value>, at: Path): Diagnostic[] {
  const entries = Object.entries(value);
  if (field.maxProperties !== undefined && entries.length > field.maxProperties) {
    return [invalidValue(at, `Must have at most ${field.maxProperties} entries; got ${entries.length}.`)];
  }
  return entries.flatMap(([k, v]) => (typeof v === 'string' && field.maxValueLength !== undefined && [...v].length > field.maxValueLength
    ? [invalidValue([...at, key(k)], `Must be at most ${field.maxValueLength} characters long.`)] : []));
}
