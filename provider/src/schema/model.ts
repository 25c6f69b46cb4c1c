/**
 * The provider's own schema model, one step above tfplugin6: the same shape as `Schema.Block`, plus
 * what the framework needs at plan and validate time (the catalogue field an attribute came from,
 * its default, whether a change forces replacement). proto.ts and json.ts render it for Terraform.
 */
import type { Field } from '../../../service/src/control/catalogue/types';
import { listOf, mapOf, objectOf, setOf } from '../values/types';
import type { CtyType, ObjectType } from '../values/types';
import type { Value } from '../values/value';

export interface AttributeSchema {
  name: string;
  type: CtyType;
  description: string;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  /** A change means a new object: planned as `requires_replace`. */
  immutable?: boolean;
  /** Planned when the configuration leaves the attribute null (so plans match what the API stores). */
  default?: Value;
  /** The catalogue declaration, for enum/pattern/range checks. */
  field?: Field;
}

export type Nesting = 'single' | 'list' | 'set' | 'map' | 'group';

export interface NestedBlockSchema {
  typeName: string;
  nesting: Nesting;
  block: BlockSchema;
  minItems?: number;
  maxItems?: number;
  immutable?: boolean;
  field?: Field;
}

export interface BlockSchema {
  attributes: readonly AttributeSchema[];
  blockTypes: readonly NestedBlockSchema[];
  description?: string;
}

export interface ResourceSchema {
  version: number;
  block: BlockSchema;
}

/** The object type Terraform derives from a block (configschema `ImpliedType`). */
export function impliedType(block: BlockSchema): ObjectType {
  const attrs: Record<string, CtyType> = {};
  for (const a of block.attributes) attrs[a.name] = a.type;
  for (const b of block.blockTypes) attrs[b.typeName] = nestedType(b);
  return objectOf(attrs);
}

function nestedType(b: NestedBlockSchema): CtyType {
  const inner = impliedType(b.block);
  switch (b.nesting) {
    case 'single': case 'group': return inner;
    case 'list': return listOf(inner);
    case 'set': return setOf(inner);
    case 'map': return mapOf(inner);
  }
}

/**
 * The value of a block with nothing configured: null attributes, no nested blocks. Import starts
 * from it, and so does core's proposal on create.
 */
export function emptyBlockValue(block: BlockSchema): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const a of block.attributes) out[a.name] = null;
  for (const b of block.blockTypes) {
    out[b.typeName] = b.nesting === 'list' || b.nesting === 'set' ? []
      : b.nesting === 'map' ? {} : b.nesting === 'group' ? emptyBlockValue(b.block) : null;
  }
  return out;
}

export const attributeNamed = (block: BlockSchema, name: string) => block.attributes.find((a) => a.name === name);
export const blockNamed = (block: BlockSchema, name: string) => block.blockTypes.find((b) => b.typeName === name);
