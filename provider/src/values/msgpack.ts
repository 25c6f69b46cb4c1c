/**
 * Schema-directed msgpack codec for DynamicValue, byte-compatible with go-cty's `cty/msgpack`:
 * objects carry every attribute (keys sorted), null is nil, unknown is any extension on input and
 * `d4 00 00` on output, numbers use int / float64 / decimal string exactly as cty chooses.
 * @msgpack/msgpack does the byte work; this file maps cty types onto it.
 */
import { ExtData, decode, encode } from '@msgpack/msgpack';
import { Decimal, normalizeNumber, numberWireForm } from './number';
import { ValueError, attr, index, key } from './path';
import type { Path } from './path';
import { byteOrder, sortedAttributeNames, typeFromJson, typeToJson } from './types';
import type { CtyType, ObjectType } from './types';
import { Dynamic, UNKNOWN, Unknown, isPlainObject } from './value';
import type { Value } from './value';
import { dedupeSet } from './set';
import { decodeRefinements } from './refinements';

const UNKNOWN_WIRE = new ExtData(0, new Uint8Array([0]));

export function decodeMsgpack(bytes: Uint8Array, type: CtyType): Value {
  if (bytes.length === 0) return null;
  return fromWire(decode(bytes, { useBigInt64: true }), type, []);
}

export function encodeMsgpack(value: Value, type: CtyType): Uint8Array {
  return encode(toWire(value, type, []), { useBigInt64: true });
}

function fromWire(raw: unknown, type: CtyType, path: Path): Value {
  if (raw === null || raw === undefined) return null;
  if (raw instanceof ExtData) return unknownFromExt(raw);
  if (type === 'dynamic') return fromWireDynamic(raw, path);
  if (typeof type === 'string') return primitiveFromWire(raw, type, path);
  switch (type.kind) {
    case 'list': return arrayOf(raw, path).map((v, i) => fromWire(v, type.element, [...path, index(i)]));
    case 'set': return dedupeSet(arrayOf(raw, path).map((v) => fromWire(v, type.element, path)), type.element);
    case 'tuple': return tupleFromWire(raw, type.elements, path);
    case 'map': return mapFromWire(raw, type.element, path);
    case 'object': return objectFromWire(raw, type, path);
  }
}

/** Plain unknowns decode to the shared UNKNOWN, so `v === UNKNOWN` works; refined ones keep their refinements. */
function unknownFromExt(ext: ExtData): Unknown {
  if (ext.type !== 12 || !(ext.data instanceof Uint8Array)) return UNKNOWN;
  const refinements = decodeRefinements(ext.data);
  return Object.keys(refinements).length ? new Unknown(refinements) : UNKNOWN;
}

function primitiveFromWire(raw: unknown, type: 'string' | 'number' | 'bool', path: Path): Value {
  if (type === 'string' && typeof raw === 'string') return raw.normalize('NFC');
  if (type === 'bool' && typeof raw === 'boolean') return raw;
  if (type === 'number' && (typeof raw === 'number' || typeof raw === 'bigint' || typeof raw === 'string')) {
    try { return normalizeNumber(raw); } catch { /* reported below */ }
  }
  throw new ValueError(path, `expected ${type}, got ${describe(raw)}`);
}

function arrayOf(raw: unknown, path: Path): unknown[] {
  if (!Array.isArray(raw)) throw new ValueError(path, `expected an array, got ${describe(raw)}`);
  return raw;
}

function tupleFromWire(raw: unknown, elements: readonly CtyType[], path: Path): Value {
  const items = arrayOf(raw, path);
  if (items.length !== elements.length) throw new ValueError(path, `a tuple of ${elements.length} elements is required`);
  return items.map((v, i) => fromWire(v, elements[i], [...path, index(i)]));
}

function mapFromWire(raw: unknown, element: CtyType, path: Path): Value {
  if (!isPlainObject(raw)) throw new ValueError(path, `expected a map, got ${describe(raw)}`);
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, fromWire(v, element, [...path, key(k)])]));
}

/** Like go-cty: unknown keys are an error; absent attributes are null (core always sends all). */
function objectFromWire(raw: unknown, type: ObjectType, path: Path): Value {
  if (!isPlainObject(raw)) throw new ValueError(path, `expected an object, got ${describe(raw)}`);
  for (const name of Object.keys(raw)) {
    if (!(name in type.attributes)) throw new ValueError([...path, attr(name)], 'unsupported attribute');
  }
  const out: Record<string, Value> = {};
  for (const name of sortedAttributeNames(type)) {
    out[name] = fromWire(raw[name], type.attributes[name], [...path, attr(name)]);
  }
  return out;
}

function fromWireDynamic(raw: unknown, path: Path): Value {
  const pair = arrayOf(raw, path);
  if (pair.length !== 2 || !(pair[0] instanceof Uint8Array)) throw new ValueError(path, 'invalid dynamic value');
  const type = typeFromJson(JSON.parse(Buffer.from(pair[0]).toString('utf8')));
  return new Dynamic(type, fromWire(pair[1], type, path));
}

function describe(raw: unknown): string {
  if (raw instanceof Uint8Array) return 'binary';
  return Array.isArray(raw) ? 'an array' : typeof raw === 'object' ? 'a map' : typeof raw;
}

function toWire(value: Value | undefined, type: CtyType, path: Path): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Unknown) return UNKNOWN_WIRE;
  if (type === 'dynamic') return toWireDynamic(value, path);
  if (typeof type === 'string') return primitiveToWire(value, type, path);
  if (type.kind === 'object') return objectToWire(value, type, path);
  if (type.kind === 'map') {
    if (!isPlainObject(value)) throw new ValueError(path, 'expected a map');
    return Object.fromEntries(Object.keys(value).sort(byteOrder)
      .map((k) => [k, toWire(value[k], type.element, [...path, key(k)])]));
  }
  if (!Array.isArray(value)) throw new ValueError(path, `expected an array for ${type.kind}`);
  if (type.kind === 'tuple') return value.map((v, i) => toWire(v, type.elements[i], [...path, index(i)]));
  const items = type.kind === 'set' ? dedupeSet(value, type.element) : value;
  return items.map((v, i) => toWire(v, type.element, [...path, index(i)]));
}

function primitiveToWire(value: Value, type: 'string' | 'number' | 'bool', path: Path): unknown {
  if (type === 'string' && typeof value === 'string') return value.normalize('NFC');
  if (type === 'bool' && typeof value === 'boolean') return value;
  if (type === 'number' && (typeof value === 'number' || typeof value === 'bigint' || value instanceof Decimal)) {
    return numberWireForm(value);
  }
  throw new ValueError(path, `expected ${type}, got ${typeof value}`);
}

function objectToWire(value: Value, type: ObjectType, path: Path): unknown {
  if (!isPlainObject(value)) throw new ValueError(path, 'expected an object');
  for (const name of Object.keys(value)) {
    if (!(name in type.attributes)) throw new ValueError([...path, attr(name)], 'unsupported attribute');
  }
  const out: Record<string, unknown> = {};
  for (const name of sortedAttributeNames(type)) {
    out[name] = toWire(value[name], type.attributes[name], [...path, attr(name)]);
  }
  return out;
}

function toWireDynamic(value: Value, path: Path): unknown {
  if (!(value instanceof Dynamic)) throw new ValueError(path, 'a dynamic value needs its type (use Dynamic)');
  return [Buffer.from(JSON.stringify(typeToJson(value.type))), toWire(value.value, value.type, path)];
}
