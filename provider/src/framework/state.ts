/**
 * Makes what a hook returns into a valid state object: every attribute present (absent ones null,
 * absent LIST/SET blocks empty), conforming to the schema type, and wholly known, the three things
 * core checks on every Read/Apply/Import/Upgrade result.
 */
import type { BlockSchema } from '../schema/model';
import { emptyBlockValue, impliedType } from '../schema/model';
import { fromPlain } from '../values/plain';
import { ValueError, attr, index, key } from '../values/path';
import type { Path, PathStep } from '../values/path';
import type { CtyType } from '../values/types';
import { Dynamic, Unknown, isPlainObject } from '../values/value';
import type { ObjectValue, Value } from '../values/value';
import { DiagnosticError, errorDiag } from './diagnostics';

export function completeState(block: BlockSchema, value: ObjectValue, typeName: string): ObjectValue {
  let state: Value;
  try {
    state = fromPlain(withBlockDefaults(block, value), impliedType(block));
  } catch (err) {
    if (!(err instanceof ValueError)) throw err;
    throw new DiagnosticError([errorDiag(`${typeName}: invalid object from the provider`, err.message, err.path)]);
  }
  const unknown = firstUnknown(state, impliedType(block), []);
  if (unknown) {
    throw new DiagnosticError([errorDiag(`${typeName}: the provider returned an unknown value`,
      'Results of read, create, update and import must be wholly known.', unknown)]);
  }
  return state as ObjectValue;
}

/** Absent attributes → null; absent or null LIST/SET/MAP blocks → empty (core rejects null for them). */
function withBlockDefaults(block: BlockSchema, value: ObjectValue): ObjectValue {
  const out: ObjectValue = { ...emptyBlockValue(block), ...value };
  for (const b of block.blockTypes) {
    const v = out[b.typeName];
    if (v === null || v === undefined) out[b.typeName] = emptyBlockValue({ attributes: [], blockTypes: [b] })[b.typeName];
    else if (Array.isArray(v)) out[b.typeName] = v.map((el) => (isPlainObject(el) ? withBlockDefaults(b.block, el) : el));
    else if (isPlainObject(v) && b.nesting === 'map') {
      out[b.typeName] = Object.fromEntries(Object.entries(v).map(([k, el]) => [k, isPlainObject(el) ? withBlockDefaults(b.block, el) : el]));
    } else if (isPlainObject(v)) out[b.typeName] = withBlockDefaults(b.block, v);
  }
  return out;
}

function firstUnknown(v: Value, type: CtyType, at: Path): Path | undefined {
  if (v instanceof Unknown) return at;
  if (v instanceof Dynamic) return firstUnknown(v.value, v.type, at);
  if (typeof type !== 'object') return undefined;
  const items: Array<[Value, CtyType, PathStep | undefined]> = [];
  if (Array.isArray(v)) {
    v.forEach((x, i) => items.push([x, type.kind === 'tuple' ? type.elements[i] : type.kind === 'object' ? 'dynamic' : type.element,
      type.kind === 'set' ? undefined : index(i)]));
  } else if (isPlainObject(v)) {
    for (const [k, x] of Object.entries(v)) {
      items.push(type.kind === 'object' ? [x, type.attributes[k], attr(k)] : [x, type.kind === 'tuple' ? 'dynamic' : type.element, key(k)]);
    }
  }
  for (const [x, t, step] of items) {
    const p = firstUnknown(x, t, step ? [...at, step] : at);
    if (p) return p;
  }
  return undefined;
}
