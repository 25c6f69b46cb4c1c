/** Short builders for catalogue declarations, so each resource file reads like a table. */
import type {
  BooleanField, Field, Fields, ListField, MapField, NumberField, ObjectField, StringField,
} from './types';

type Opts<T> = Omit<T, 'type' | 'description'>;

export const str = (description: string, opts: Opts<StringField> = {}): StringField =>
  ({ type: 'string', description, maxLength: 255, ...opts });
export const int = (description: string, opts: Opts<NumberField> = {}): NumberField =>
  ({ type: 'integer', description, ...opts });
export const bool = (description: string, opts: Opts<BooleanField> = {}): BooleanField =>
  ({ type: 'boolean', description, ...opts });
export const list = (description: string, items: Field, opts: Omit<Opts<ListField>, 'items'> = {}): ListField =>
  ({ type: 'list', description, ...opts, items });
export const map = (description: string, opts: Opts<MapField> = {}): MapField =>
  ({ type: 'map', description, maxProperties: 50, maxValueLength: 1024, ...opts });
export const obj = (description: string, fields: Fields, opts: Omit<Opts<ObjectField>, 'fields'> = {}): ObjectField =>
  ({ type: 'object', description, ...opts, fields });
export const oneOf = (description: string, values: readonly string[], opts: Opts<StringField> = {}): StringField =>
  ({ type: 'string', description, enum: values, ...opts });
export const ref = (kind: string, description: string, opts: Opts<StringField> = {}): StringField =>
  ({ type: 'string', description, ref: { kind }, maxLength: 64, ...opts });

/** A resource's display name: 1–64 characters, starting with a letter. */
export const name = (what: string, opts: Opts<StringField> = {}): StringField =>
  str(`Name of the ${what}.`, {
    required: true, minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9_.-]*$', ...opts,
  });

export const description = (what: string): StringField =>
  str(`Free-text description of the ${what}.`, { maxLength: 1024, default: '' });

/** Fields every resource has; the server owns them. */
export function withCommonFields(kind: string, fields: Fields): Fields {
  return {
    id: str(`Identifier of the ${kind}, assigned by the server.`, { computed: true, maxLength: 64 }),
    ...fields,
    created_at: str('When the object was created (RFC 3339).', { computed: true, format: 'date-time' }),
    updated_at: str('When the object was last changed (RFC 3339).', { computed: true, format: 'date-time' }),
  };
}

/** The API, stage and bound policy of a binding resource (one binding per API per stage). */
export function bindingFields(policyKind: string, policyField: string, what: string): Fields {
  return {
    [policyField]: ref(policyKind, `The ${what} to bind.`, { required: true, immutable: true }),
    api_id: ref('api', 'The API the policy applies to.', { required: true, immutable: true }),
    stage_id: ref('stage', 'The stage in which the policy applies.', { required: true, immutable: true }),
  };
}
