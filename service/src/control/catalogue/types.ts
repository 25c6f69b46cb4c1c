/**
 * The resource catalogue's vocabulary: every resource kind is declared once with these types, and the
 * HTTP validation, the OpenAPI document and the Terraform schema are derived from the declarations.
 * Declarations are pure data (plus pure checks) so the provider can bundle them without the service.
 */

interface FieldBase {
  /** Shown in OpenAPI, Terraform docs and CDK bindings; a test requires one on every field. */
  description: string;
  /** The caller must send it. */
  required?: boolean;
  /** Set by the server. Without `input`, callers cannot set it (it is ignored when sent back). */
  computed?: boolean;
  /** With `computed`: callers may set it, and the server fills it when they do not. */
  input?: boolean;
  /** Changing it means a new object (Terraform `requires_replace`); a PUT that changes it is refused. */
  immutable?: boolean;
  /** A credential: hidden in Terraform plans, encrypted at rest, never logged. */
  sensitive?: boolean;
  /**
   * How a sensitive value is returned: `never` (write-only, e.g. a private key) or `once` (only in the
   * response that created or reset it, e.g. an app secret). Unset for sensitive fields means always.
   */
  reveal?: 'never' | 'once';
  /** Value used when the caller omits the field; makes the field optional+computed in Terraform. */
  default?: unknown;
}

export interface StringField extends FieldBase {
  type: 'string';
  enum?: readonly string[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  /** The value is the id of another resource. `crossTenant` allows ids of other tenants' resources. */
  ref?: { kind: string; crossTenant?: boolean };
  format?: 'date-time' | 'uri';
}

export interface NumberField extends FieldBase {
  type: 'integer' | 'number';
  minimum?: number;
  maximum?: number;
}

export interface BooleanField extends FieldBase {
  type: 'boolean';
}

export interface ListField extends FieldBase {
  type: 'list';
  items: Field;
  minItems?: number;
  maxItems?: number;
}

export interface MapField extends FieldBase {
  type: 'map';
  /** Map values are strings (Terraform `map(string)`). */
  maxProperties?: number;
  maxValueLength?: number;
}

export interface ObjectField extends FieldBase {
  type: 'object';
  fields: Fields;
}

export type Field = StringField | NumberField | BooleanField | ListField | MapField | ObjectField;
export type Fields = Readonly<Record<string, Field>>;

/** A problem with one field of an input, named by its dotted path (`backend.timeout_ms`, `parameters[2].name`). */
export interface FieldError {
  field: string;
  message: string;
}

export interface UniqueKey {
  /** Field names whose values together must be unique. */
  fields: readonly string[];
  /** `global` spans every tenant (e.g. a domain's hostname); default is per tenant. */
  scope?: 'tenant' | 'global';
}

export interface Quota {
  /** Name of the configurable limit (APIGW_QUOTA_<NAME> overrides the default). */
  name: string;
  default: number;
  /** Fields whose values define the counted scope; empty = the whole tenant. */
  per: readonly string[];
}

export interface ResourceKind {
  /** snake_case singular: `throttling_policy`. Terraform type is `apigw_<kind>`. */
  kind: string;
  /** kebab-case plural used in URLs: `throttling-policies`. */
  plural: string;
  title: string;
  description: string;
  fields: Fields;
  unique?: readonly UniqueKey[];
  quota?: Quota;
  /** Field used as the display name and the `name` filter, when the kind has one. */
  nameField?: string;
  /**
   * Cross-field rules that need no database (limits ordering, one-of choices). Pure, so the
   * provider can run them at plan time too.
   */
  check?: (input: Record<string, any>) => FieldError[];
}
