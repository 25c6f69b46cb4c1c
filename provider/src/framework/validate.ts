/** ValidateResourceConfig for catalogue resources: field checks, then the kind's cross-field check. */
import { isPlainObject } from '../values/value';
import type { Value } from '../values/value';
import type { Diagnostic } from './diagnostics';
import type { DataSource, Resource } from './resource';
import { runKindCheck } from './validate-check';
import { validateBlock } from './validate-fields';

export function validateResourceConfig(resource: Resource | DataSource, config: Value): Diagnostic[] {
  const fieldDiags = validateBlock(resource.schema.block, config);
  const kind = 'kind' in resource ? resource.kind : undefined;
  // Cross-field rules assume each field is valid on its own (as the API validates in that order).
  const checkDiags = kind && fieldDiags.length === 0 ? runKindCheck(kind, config) : [];
  const hookDiags = resource.validate && isPlainObject(config) ? resource.validate(config) : [];
  return [...fieldDiags, ...checkDiags, ...hookDiags];
}
