/** Renders the schema model as tfplugin6 `Schema` messages for GetProviderSchema. */
import { create } from '@bufbuild/protobuf';
import {
  SchemaSchema, Schema_AttributeSchema, Schema_BlockSchema, Schema_NestedBlockSchema,
  Schema_NestedBlock_NestingMode, StringKind,
} from '../gen/tfplugin6_pb';
import type { Schema, Schema_Attribute, Schema_Block, Schema_NestedBlock } from '../gen/tfplugin6_pb';
import { byteOrder, typeToJson } from '../values/types';
import type { AttributeSchema, BlockSchema, Nesting, NestedBlockSchema, ResourceSchema } from './model';

const NESTING: Record<Nesting, Schema_NestedBlock_NestingMode> = {
  single: Schema_NestedBlock_NestingMode.SINGLE,
  list: Schema_NestedBlock_NestingMode.LIST,
  set: Schema_NestedBlock_NestingMode.SET,
  map: Schema_NestedBlock_NestingMode.MAP,
  group: Schema_NestedBlock_NestingMode.GROUP,
};

export function toProtoSchema(schema: ResourceSchema): Schema {
  return create(SchemaSchema, { version: BigInt(schema.version), block: toProtoBlock(schema.block) });
}

function toProtoBlock(block: BlockSchema): Schema_Block {
  return create(Schema_BlockSchema, {
    attributes: [...block.attributes].sort((a, b) => byteOrder(a.name, b.name)).map(toProtoAttribute),
    blockTypes: [...block.blockTypes].sort((a, b) => byteOrder(a.typeName, b.typeName)).map(toProtoNestedBlock),
    description: block.description ?? '',
    descriptionKind: StringKind.PLAIN,
  });
}

function toProtoAttribute(a: AttributeSchema): Schema_Attribute {
  return create(Schema_AttributeSchema, {
    name: a.name,
    type: Buffer.from(JSON.stringify(typeToJson(a.type))),
    description: a.description,
    descriptionKind: StringKind.PLAIN,
    required: a.required ?? false,
    optional: a.optional ?? false,
    computed: a.computed ?? false,
    sensitive: a.sensitive ?? false,
  });
}

function toProtoNestedBlock(b: NestedBlockSchema): Schema_NestedBlock {
  return create(Schema_NestedBlockSchema, {
    typeName: b.typeName,
    block: toProtoBlock(b.block),
    nesting: NESTING[b.nesting],
    minItems: BigInt(b.minItems ?? 0),
    maxItems: BigInt(b.maxItems ?? 0),
  });
}
