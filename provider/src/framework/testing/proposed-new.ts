/**
 * A test double of Terraform core's `objchange.ProposedNew` (plans/objchange/objchange.go, MPL-2.0
 * in OpenTofu): what core sends as `proposed_new_state`. Computed attributes the config leaves null
 * take the prior value; everything else is the config; blocks pair by index (list) or key (map).
 * Sets are taken from config as is (our schemas have no SET blocks).
 */
import type { BlockSchema, NestedBlockSchema } from '../../schema/model';
import { emptyBlockValue } from '../../schema/model';
import { Unknown, isPlainObject } from '../../values/value';
import type { ObjectValue, Value } from '../../values/value';

export function proposedNew(block: BlockSchema, prior: ObjectValue | null, config: ObjectValue | null): ObjectValue | null {
  if (config === null) return prior;
  return proposeBlock(block, prior ?? emptyBlockValue(block), config);
}

function proposeBlock(block: BlockSchema, prior: ObjectValue, config: ObjectValue): ObjectValue {
  const out: ObjectValue = {};
  for (const a of block.attributes) {
    const c = config[a.name] ?? null;
    out[a.name] = a.computed && c === null ? prior[a.name] ?? null : c;
  }
  for (const b of block.blockTypes) out[b.typeName] = proposeNested(b, prior[b.typeName] ?? null, config[b.typeName] ?? null);
  return out;
}

function proposeNested(b: NestedBlockSchema, prior: Value, config: Value): Value {
  if (config instanceof Unknown || config === null) return config;
  const pair = (c: Value, p: Value | undefined): Value => (isPlainObject(c)
    ? proposeBlock(b.block, isPlainObject(p) ? p : emptyBlockValue(b.block), c) : c);
  if (b.nesting === 'single' || b.nesting === 'group') return pair(config, prior ?? undefined);
  if (b.nesting === 'list' && Array.isArray(config)) {
    return config.map((c, i) => pair(c, Array.isArray(prior) ? prior[i] : undefined));
  }
  if (b.nesting === 'map' && isPlainObject(config)) {
    return Object.fromEntries(Object.entries(config).map(([k, c]) => [k, pair(c, isPlainObject(prior) ? prior[k] : undefined)]));
  }
  return config;
}
