/**
 * Schema-directed JSON decoding (go-cty `cty/json`): what `UpgradeResourceState.raw_state.json`
 * and the fallback `DynamicValue.json` hold. Missing object attributes become null, unknown ones
 * are an error (as in go-cty), numbers stay exact, and JSON has no unknowns.
 */
import { numberFromText } from './number';
import { ValueError, attr, index, key } from './path';
import type { Path } from './path';
import { JsonNumber, parseJsonExact } from './json-text';
import type { JsonValue } from './json-text';
import { dedupeSet } from './set';
import { sortedAttributeNames, typeFromJson } from './types';
import type { CtyType, ObjectType } from './types';
import { Dynamic, isPlainObject } from './value';
import type { Value } from './value';

export function decodeJson(text: string | Uint8Array, type: CtyType): Value {
  const source = typeof text === 'string' ? text : Buffer.from(text).toString('utf8');
  return fromJson(parseJsonExact(source), type, []);
}

export function fromJson(raw: JsonValue, type: CtyType, path: Path = []): Value {
  if (raw === null) return null;
  if (type === 'dynamic') return dynamicFromJson(raw, path);
  if (typeof type === 'string') return primitiveFromJson(raw, type, path);
  switch (type.kind) {
    case 'list': return arrayOf(raw, path).map((v, i) => fromJson(v, type.element, [...path, index(i)]));
    case 'set': return dedupeSet(arrayOf(raw, path).map((v) => fromJson(v, type.element, path)), type.element);
    case 'tuple': return arrayOf(raw, path).map((v, i) => fromJson(v, type.elements[i] ?? 'dynamic', [...path, index(i)]));
    case 'map': return Object.fromEntries(Object.entries(objectOf(raw, path))
      .map(([k, v]) => [k, fromJson(v, type.element, [...path, key(k)])]));
    case 'object': return objectFromJson(raw, type, path);
  }
}

function primitiveFromJson(raw: JsonValue, type: 'string' | 'number' | 'bool', path: Path): Value {
  if (type === 'string' && typeof raw === 'string') return raw.normalize('NFC');
  if (type === 'bool' && typeof raw === 'boolean') return raw;
  if (type === 'number' && raw instanceof JsonNumber) return numberFromText(raw.text);
  // cty's JSON decoder also accepts a number written as a string ("12"), and a bool as "true".
  if (type === 'number' && typeof raw === 'string') {
    try { return numberFromText(raw); } catch { /* reported below */ }
  }
  if (type === 'bool' && (raw === 'true' || raw === 'false')) return raw === 'true';
  if (type === 'string' && (raw instanceof JsonNumber || typeof raw === 'boolean')) {
    return raw instanceof JsonNumber ? raw.text : String(raw);
  }
  throw new ValueError(path, `expected ${type}`);
}

function arrayOf(raw: JsonValue, path: Path): JsonValue[] {
  if (!Array.isArray(raw)) throw new ValueError(path, 'expected a JSON array');
  return raw;
}

function objectOf(raw: JsonValue, path: Path): Record<string, JsonValue> {
  if (!isPlainObject(raw)) throw new ValueError(path, 'expected a JSON object');
  return raw as Record<string, JsonValue>;
}

function objectFromJson(raw: JsonValue, type: ObjectType, path: Path): Value {
  const obj = objectOf(raw, path);
  for (const name of Object.keys(obj)) {
    if (!(name in type.attributes)) throw new ValueError([...path, attr(name)], 'unsupported attribute');
  }
  const out: Record<string, Value> = {};
  for (const name of sortedAttributeNames(type)) {
    out[name] = name in obj ? fromJson(obj[name], type.attributes[name], [...path, attr(name)]) : null;
  }
  return out;
}

function dynamicFromJson(raw: JsonValue, path: Path): Value {
  const obj = objectOf(raw, path);
  const type = typeFromJson(toPlain(obj.type));
  return new Dynamic(type, fromJson(obj.value ?? null, type, path));
}

/** Type constraints contain no numbers, so a shallow JsonNumber → number conversion is enough. */
function toPlain(raw: JsonValue): unknown {
  if (raw instanceof JsonNumber) return Number(raw.text);
  if (Array.isArray(raw)) return raw.map(toPlain);
  if (isPlainObject(raw)) return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, toPlain(v as JsonValue)]));
  return raw;
}
