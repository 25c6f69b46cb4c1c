/**
 * Renders the schemas in the exact JSON shape of `terraform providers schema -json`
 * (terraform internal/command/jsonprovider): Go struct field order, map keys sorted, false flags and
 * zero min/max omitted, `description_kind` always present. The CDK bindings and docs read this file.
 */
import { byteOrder, typeToJson } from '../values/types';
import type { AttributeSchema, BlockSchema, NestedBlockSchema, ResourceSchema } from './model';

export const PROVIDER_ADDRESS = 'registry.terraform.io/apigw/apigw';

export interface ProviderSchemas {
  provider: ResourceSchema;
  resources: ReadonlyMap<string, ResourceSchema>;
  dataSources: ReadonlyMap<string, ResourceSchema>;
}

export function providerSchemaJson(schemas: ProviderSchemas, address = PROVIDER_ADDRESS): object {
  const entry: Record<string, unknown> = { provider: schemaJson(schemas.provider) };
  if (schemas.resources.size) entry.resource_schemas = sortedRecord(schemas.resources, schemaJson);
  if (schemas.dataSources.size) entry.data_source_schemas = sortedRecord(schemas.dataSources, schemaJson);
  return { format_version: '1.0', provider_schemas: { [address]: entry } };
}

function sortedRecord<T>(entries: Iterable<[string, T]>, render: (v: T) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, v] of [...entries].sort(([a], [b]) => byteOrder(a, b))) out[name] = render(v);
  return out;
}

function schemaJson(schema: ResourceSchema): object {
  return { version: schema.version, block: blockJson(schema.block) };
}

function blockJson(block: BlockSchema): object {
  const out: Record<string, unknown> = {};
  if (block.attributes.length) out.attributes = sortedRecord(block.attributes.map((a) => [a.name, a]), attributeJson);
  if (block.blockTypes.length) out.block_types = sortedRecord(block.blockTypes.map((b) => [b.typeName, b]), blockTypeJson);
  if (block.description) out.description = block.description;
  out.description_kind = 'plain';
  return out;
}

function attributeJson(a: AttributeSchema): object {
  const out: Record<string, unknown> = { type: typeToJson(a.type) };
  if (a.description) out.description = a.description;
  out.description_kind = 'plain';
  for (const flag of ['required', 'optional', 'computed', 'sensitive'] as const) if (a[flag]) out[flag] = true;
  return out;
}

function blockTypeJson(b: NestedBlockSchema): object {
  const out: Record<string, unknown> = { nesting_mode: b.nesting, block: blockJson(b.block) };
  if (b.minItems) out.min_items = b.minItems;
  if (b.maxItems) out.max_items = b.maxItems;
  return out;
}
