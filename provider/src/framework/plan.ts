/**
 * PlanResourceChange logic on decoded values, within what Terraform's AssertPlanValid allows:
 * start from core's proposed new state and only fill computed attributes the configuration left
 * null. On create they become their catalogue default or unknown; on update they keep the prior
 * value (core's proposal already did that) except a few volatile ones (updated_at), so plans show
 * real changes only. Attributes with a default go back to it when removed from the configuration,
 * matching the API's PUT-replaces semantics. Changed immutable attributes are reported for replacement.
 */
import type { BlockSchema, NestedBlockSchema } from '../schema/model';
import { impliedType } from '../schema/model';
import { valuesEqual } from '../values/equal';
import { attr, index, key } from '../values/path';
import type { Path } from '../values/path';
import { UNKNOWN, Unknown, isPlainObject } from '../values/value';
import type { ObjectValue, Value } from '../values/value';

export interface PlanInput {
  block: BlockSchema;
  prior: ObjectValue | null;
  proposed: ObjectValue | null;
  config: ObjectValue | null;
  /** Computed attributes that change whenever the object is updated; default `updated_at`. */
  volatileOnUpdate?: readonly string[];
}

export interface PlanOutput {
  planned: ObjectValue | null;
  requiresReplace: Path[];
}

export function planChange(input: PlanInput): PlanOutput {
  const { block, prior, proposed, config } = input;
  if (proposed === null || config === null) return { planned: null, requiresReplace: [] };
  const planned = fillComputed(block, proposed, config, prior);
  if (prior === null) return { planned, requiresReplace: [] };
  const requiresReplace = replacePaths(block, prior, planned, []);
  if (!valuesEqual(planned, prior, impliedType(block))) {
    markUnknownOnChange(block, planned, config, requiresReplace.length > 0, input.volatileOnUpdate ?? ['updated_at']);
  }
  return { planned, requiresReplace };
}

const asObject = (v: Value | undefined): ObjectValue | null => (isPlainObject(v) ? v : null);

function fillComputed(block: BlockSchema, proposed: ObjectValue, config: ObjectValue | null, prior: ObjectValue | null): ObjectValue {
  const out: ObjectValue = { ...proposed };
  for (const a of block.attributes) {
    if (!a.computed || (config?.[a.name] ?? null) !== null) continue;
    if (a.default !== undefined) out[a.name] = a.default;
    else if (prior === null) out[a.name] = UNKNOWN;
  }
  for (const b of block.blockTypes) {
    out[b.typeName] = fillNested(b, out[b.typeName], config?.[b.typeName], prior?.[b.typeName]);
  }
  return out;
}

/** Nested blocks pair with prior elements as core's proposal does: by index, by key, or not at all (sets). */
function fillNested(b: NestedBlockSchema, value: Value, config: Value | undefined, prior: Value | undefined): Value {
  if (value === null || value instanceof Unknown) return value;
  const fill = (v: Value, c: Value | undefined, p: Value | undefined): Value =>
    isPlainObject(v) ? fillComputed(b.block, v, asObject(c) ?? (b.nesting === 'set' ? v : null), asObject(p)) : v;
  switch (b.nesting) {
    case 'single': case 'group': return fill(value, config, prior);
    case 'list': case 'set': {
      if (!Array.isArray(value)) return value;
      const cfg = Array.isArray(config) ? config : [];
      const pri = b.nesting === 'list' && Array.isArray(prior) ? prior : [];
      return value.map((v, i) => fill(v, b.nesting === 'set' ? v : cfg[i], pri[i]));
    }
    case 'map': {
      if (!isPlainObject(value)) return value;
      const cfg = asObject(config) ?? {};
      const pri = asObject(prior) ?? {};
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, cfg[k], pri[k])]));
    }
  }
}

/** Paths of immutable attributes (and blocks) whose planned value differs from the prior one. */
function replacePaths(block: BlockSchema, prior: ObjectValue, planned: ObjectValue, at: Path): Path[] {
  const out: Path[] = [];
  for (const a of block.attributes) {
    if (a.immutable && !valuesEqual(prior[a.name], planned[a.name], a.type)) out.push([...at, attr(a.name)]);
  }
  const types = impliedType(block).attributes;
  for (const b of block.blockTypes) {
    const here = [...at, attr(b.typeName)];
    if (b.immutable) {
      if (!valuesEqual(prior[b.typeName], planned[b.typeName], types[b.typeName])) out.push(here);
      continue;
    }
    for (const [p, n, steps] of pairedElements(b, prior[b.typeName], planned[b.typeName])) {
      out.push(...replacePaths(b.block, p, n, [...here, ...steps]));
    }
  }
  return out;
}

/** Prior and planned block objects at the same address; set elements have none (unaddressable). */
function pairedElements(b: NestedBlockSchema, prior: Value, planned: Value): Array<[ObjectValue, ObjectValue, Path]> {
  const pairs: Array<[Value, Value, Path]> = [];
  if (b.nesting === 'single' || b.nesting === 'group') pairs.push([prior, planned, []]);
  else if (b.nesting === 'list' && Array.isArray(prior) && Array.isArray(planned)) {
    prior.forEach((p, i) => pairs.push([p, planned[i], [index(i)]]));
  } else if (b.nesting === 'map' && isPlainObject(prior) && isPlainObject(planned)) {
    for (const k of Object.keys(prior)) pairs.push([prior[k], planned[k], [key(k)]]);
  }
  return pairs.filter((pair): pair is [ObjectValue, ObjectValue, Path] => isPlainObject(pair[0]) && isPlainObject(pair[1]));
}

/**
 * An update changes the volatile attributes; a replacement makes a new object, so every
 * server-assigned attribute (no default, not configured) is unknown again.
 */
function markUnknownOnChange(
  block: BlockSchema, planned: ObjectValue, config: ObjectValue, replacing: boolean, volatile: readonly string[],
): void {
  for (const a of block.attributes) {
    if (!a.computed || a.default !== undefined || (config[a.name] ?? null) !== null) continue;
    if (replacing || volatile.includes(a.name)) planned[a.name] = UNKNOWN;
  }
}
