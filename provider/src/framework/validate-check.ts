/**
 * Runs a kind's pure cross-field `check` (the same function the management API runs) on a
 * configuration, and reports each problem on its attribute path. The check sees the API's view:
 * null attributes are absent, numbers are JS numbers. Unknowns need care so nothing is reported
 * that the final values might not have: an unknown reference (an id of another resource, the usual
 * case) becomes a placeholder id, since checks only test that it is set; any other unknown skips
 * the check for now. Terraform validates again at plan time with more values known.
 */
import type { Field, ResourceKind } from '../../../service/src/control/catalogue/types';
import { Decimal, numberText } from '../values/number';
import { parsePath } from '../values/path';
import { Unknown, isPlainObject } from '../values/value';
import type { Value } from '../values/value';
import { errorDiag, invalidValue } from './diagnostics';
import type { Diagnostic } from './diagnostics';

const PLACEHOLDER_ID = '(known after apply)';
class Skip extends Error {}

export function runKindCheck(kind: ResourceKind, config: Value): Diagnostic[] {
  if (!kind.check || !isPlainObject(config)) return [];
  let input: Record<string, unknown>;
  try {
    input = toCheckInput(config, kind.fields) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof Skip) return [];
    throw err;
  }
  let errors: ReturnType<NonNullable<ResourceKind['check']>>;
  try {
    errors = kind.check(input);
  } catch {
    return []; // a check that trips over a partial input is the API's to report, not ours
  }
  return errors.map((e) => {
    const path = parsePath(e.field);
    return path ? invalidValue(path, `${e.field} ${e.message}.`) : errorDiag(`Invalid ${kind.title}`, `${e.field} ${e.message}.`);
  });
}

function toCheckInput(value: Value, fields: Record<string, Field> | undefined, field?: Field): unknown {
  if (value instanceof Unknown) {
    if (field?.type === 'string' && field.ref) return PLACEHOLDER_ID;
    throw new Skip();
  }
  if (value === null) return undefined;
  if (typeof value === 'bigint' || value instanceof Decimal) return Number(numberText(value));
  if (Array.isArray(value)) {
    const items = field?.type === 'list' ? field.items : undefined;
    return value.map((v) => toCheckInput(v, items?.type === 'object' ? items.fields : undefined, items));
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [name, v] of Object.entries(value)) {
      const f = fields?.[name];
      const converted = toCheckInput(v, f?.type === 'object' ? f.fields : undefined, f);
      if (converted !== undefined) out[name] = converted;
    }
    return out;
  }
  return value;
}
