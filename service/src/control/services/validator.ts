/**
 * Request validation derived from the catalogue: ajv compiles each kind's input JSON Schema (unknown
 * fields rejected, defaults filled in), then the kind's pure cross-field checks run. Errors name the
 * field by its dotted path, e.g. `backend.timeout_ms` or `parameters[2].name`.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { acceptsInput, inputSchema } from '../catalogue/json-schema';
import type { FieldError, ResourceKind } from '../catalogue/types';
import { ApiError } from '../errors';

const ajv = new Ajv2020({ allErrors: true, useDefaults: true, strict: true });
addFormats(ajv);
const compiled = new Map<string, ValidateFunction>();

function validatorFor(kind: ResourceKind): ValidateFunction {
  let validate = compiled.get(kind.kind);
  if (!validate) {
    validate = ajv.compile(inputSchema(kind));
    compiled.set(kind.kind, validate);
  }
  return validate;
}

/** `/parameters/0/name` → `parameters[0].name` */
export function fieldPath(pointer: string): string {
  return pointer.split('/').slice(1).reduce((path, part) =>
    /^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part, '');
}

function describe(error: ErrorObject): FieldError {
  const base = fieldPath(error.instancePath);
  const join = (name: string) => (base ? `${base}.${name}` : name);
  switch (error.keyword) {
    case 'required': return { field: join(error.params.missingProperty), message: 'is required' };
    case 'additionalProperties': return { field: join(error.params.additionalProperty), message: 'is not a known field' };
    case 'enum': return { field: base, message: `must be one of ${error.params.allowedValues.join(', ')}` };
    default: return { field: base || '(body)', message: error.message ?? 'is invalid' };
  }
}

/** Drops server-owned fields a client may echo back from a GET, so read-modify-PUT works. */
function withoutServerFields(kind: ResourceKind, body: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    const field = kind.fields[name];
    if (field && !acceptsInput(field)) continue;
    copy[name] = value;
  }
  return copy;
}

/** Returns the normalised input (defaults filled) or throws VALIDATION_FAILED naming the fields. */
export function validateInput(kind: ResourceKind, body: unknown): Record<string, any> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw ApiError.field('VALIDATION_FAILED', '(body)', 'must be a JSON object');
  }
  const input = structuredClone(withoutServerFields(kind, body as Record<string, unknown>));
  const validate = validatorFor(kind);
  if (!validate(input)) throw ApiError.fields('VALIDATION_FAILED', (validate.errors ?? []).map(describe));
  const errors = kind.check?.(input) ?? [];
  if (errors.length) throw ApiError.fields('VALIDATION_FAILED', errors);
  return input;
}
