/** Set semantics shared by the codecs: equal known elements collapse, unknown ones never do (as in cty). */
import { valuesEqual } from './equal';
import type { CtyType } from './types';
import { isWhollyKnown } from './value';
import type { Value } from './value';

export function dedupeSet(items: Value[], element: CtyType): Value[] {
  const out: Value[] = [];
  for (const item of items) {
    const known = isWhollyKnown(item);
    if (known && out.some((o) => isWhollyKnown(o) && valuesEqual(o, item, element))) continue;
    out.push(item);
  }
  return out;
}
