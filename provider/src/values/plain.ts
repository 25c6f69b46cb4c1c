/**
 * Converts ordinary JavaScript data (catalogue defaults, API JSON already parsed) into a provider
 * value of a given type, filling absent object attributes with null so every attribute is present.
 */
import { Decimal, normalizeNumber } from './number';
import { ValueError, attr, index, key } from './path';
import type { Path } from './path';
import { dedupeSet } from './set';
import { sortedAttributeNames } from './types';
import type { CtyType } from './types';
import { Dynamic, Unknown, isPlainObject } from './value';
import type { Value } from './value';

export function fromPlain(raw: unknown, type: CtyType, path: Path = []): Value {
  if (raw === null || raw === undefined) return null;
  if (raw instanceof Unknown || raw instanceof Dynamic) return raw;
  if (typeof type === 'string') return primitive(raw, type, path);
  switch (type.kind) {
    case 'list': case 'tuple': case 'set': {
      if (!Array.isArray(raw)) throw new ValueError(path, `expected a list, got ${typeof raw}`);
      const items = raw.map((v, i) => fromPlain(v, type.kind === 'tuple' ? type.elements[i] : type.element, [...path, index(i)]));
      return type.kind === 'set' ? dedupeSet(items, type.element) : items;
    }
    case 'map': {
      if (!isPlainObject(raw)) throw new ValueError(path, 'expected a map');
      return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, fromPlain(v, type.element, [...path, key(k)])]));
    }
    case 'object': {
      if (!isPlainObject(raw)) throw new ValueError(path, 'expected an object');
      const out: Record<string, Value> = {};
      for (const name of sortedAttributeNames(type)) out[name] = fromPlain(raw[name], type.attributes[name], [...path, attr(name)]);
      return out;
    }
  }
}

function primitive(raw: unknown, type: CtyType & string, path: Path): Value {
  if (type === 'dynamic') throw new ValueError(path, 'a dynamic value needs its type (use Dynamic)');
  if (type === 'string' && typeof raw === 'string') return raw.normalize('NFC');
  if (type === 'bool' && typeof raw === 'boolean') return raw;
  if (type === 'number') {
    if (raw instanceof Decimal) return raw;
    if (typeof raw === 'number' || typeof raw === 'bigint' || typeof raw === 'string') {
      try { return normalizeNumber(raw); } catch { /* reported below */ }
    }
  }
  throw new ValueError(path, `expected ${type}, got ${typeof raw}`);
}
