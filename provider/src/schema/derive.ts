/**
 * Derives Terraform schemas from the resource catalogue, so each kind is declared exactly once.
 * Rules (DESIGN.md, "One resource catalogue"):
 *   computed without input → computed;  required → required;  default, or computed+input →
 *   optional+computed (the server fills it);  otherwise optional.  `object` → a SINGLE block (min 1
 *   when required); list of `object` → a LIST block; list of scalars → list(T); map → map(string);
 *   integer/number → number.  sensitive and immutable carry over.
 */
import type { Field, Fields, ListField, ObjectField, ResourceKind } from '../../../service/src/control/catalogue/types';
import { fromPlain } from '../values/plain';
import { listOf, mapOf, objectOf } from '../values/types';
import type { CtyType } from '../values/types';
import type { AttributeSchema, BlockSchema, NestedBlockSchema, ResourceSchema } from './model';

/** Schema version recorded in state; bump it together with an upgrader when a field's type changes. */
export const RESOURCE_SCHEMA_VERSION = 0;

export function resourceSchema(kind: ResourceKind): ResourceSchema {
  return { version: RESOURCE_SCHEMA_VERSION, block: blockFromFields(kind.fields, kind.description) };
}

export function blockFromFields(fields: Fields, description?: string): BlockSchema {
  const attributes: AttributeSchema[] = [];
  const blockTypes: NestedBlockSchema[] = [];
  for (const [name, field] of Object.entries(fields)) {
    const block = nestedBlockOf(name, field);
    if (block) blockTypes.push(block);
    else attributes.push(attributeOf(name, field));
  }
  return { attributes, blockTypes, description };
}

/** Object fields and lists of objects become blocks, unless the server computes them alone. */
function nestedBlockOf(name: string, field: Field): NestedBlockSchema | undefined {
  if (field.computed && !field.input) return undefined;
  const common = { typeName: name, immutable: field.immutable, field };
  if (field.type === 'object') {
    const min = field.required ? 1 : 0;
    return { ...common, nesting: 'single', block: blockFromFields(field.fields, field.description), minItems: min, maxItems: min };
  }
  if (field.type === 'list' && field.items.type === 'object') {
    return {
      ...common, nesting: 'list', block: blockFromFields(field.items.fields, field.description),
      minItems: field.minItems ?? 0, maxItems: field.maxItems ?? 0,
    };
  }
  return undefined;
}

function attributeOf(name: string, field: Field): AttributeSchema {
  const type = ctyTypeOf(field);
  const flags = field.computed && !field.input ? { computed: true }
    : field.required ? { required: true }
      : field.default !== undefined || (field.computed && field.input) ? { optional: true, computed: true }
        : { optional: true };
  return {
    name, type, description: field.description, ...flags,
    ...(field.sensitive ? { sensitive: true } : {}),
    ...(field.immutable ? { immutable: true } : {}),
    ...(field.default !== undefined ? { default: fromPlain(field.default, type, [{ attribute: name }]) } : {}),
    field,
  };
}

/** The cty type of a field's values (also used for whole objects inside data sources). */
export function ctyTypeOf(field: Field): CtyType {
  switch (field.type) {
    case 'string': return 'string';
    case 'integer': case 'number': return 'number';
    case 'boolean': return 'bool';
    case 'map': return mapOf('string');
    case 'list': return listOf(ctyTypeOf((field as ListField).items));
    case 'object': return objectOf(Object.fromEntries(
      Object.entries((field as ObjectField).fields).map(([n, f]) => [n, ctyTypeOf(f)]),
    ));
  }
}
