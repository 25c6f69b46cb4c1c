/**
 * JSON Schema (2020-12, as OpenAPI 3.1 uses) derived from catalogue declarations: the input schema
 * validates management requests, the output schema documents responses. No second, hand-kept schema.
 */
import type { Field, Fields, ResourceKind } from './types';

export type JsonSchema = Record<string, unknown>;

/** Callers may send the field (everything except server-owned computed fields). */
export const acceptsInput = (field: Field): boolean => !field.computed || field.input === true;

function scalarSchema(field: Field): JsonSchema {
  switch (field.type) {
    case 'string': {
      const s: JsonSchema = { type: 'string' };
      if (field.enum) s.enum = [...field.enum];
      if (field.pattern) s.pattern = field.pattern;
      if (field.minLength !== undefined) s.minLength = field.minLength;
      if (field.maxLength !== undefined) s.maxLength = field.maxLength;
      if (field.format) s.format = field.format;
      return s;
    }
    case 'integer':
    case 'number': {
      const s: JsonSchema = { type: field.type };
      if (field.minimum !== undefined) s.minimum = field.minimum;
      if (field.maximum !== undefined) s.maximum = field.maximum;
      return s;
    }
    case 'boolean':
      return { type: 'boolean' };
    case 'map': {
      const s: JsonSchema = { type: 'object', additionalProperties: { type: 'string', maxLength: field.maxValueLength ?? 1024 } };
      if (field.maxProperties !== undefined) s.maxProperties = field.maxProperties;
      return s;
    }
    default:
      throw new Error(`not a scalar field type: ${field.type}`);
  }
}

function fieldSchema(field: Field, mode: 'input' | 'output'): JsonSchema {
  let schema: JsonSchema;
  if (field.type === 'object') schema = objectSchema(field.fields, mode);
  else if (field.type === 'list') {
    schema = { type: 'array', items: fieldSchema(field.items, mode) };
    if (field.minItems !== undefined) schema.minItems = field.minItems;
    if (field.maxItems !== undefined) schema.maxItems = field.maxItems;
  } else schema = scalarSchema(field);
  schema.description = field.description;
  if (mode === 'input' && field.default !== undefined) schema.default = field.default;
  if (mode === 'output' && field.computed && !field.input) schema.readOnly = true;
  if (field.sensitive && field.reveal === 'never') schema.writeOnly = true;
  return schema;
}

export function objectSchema(fields: Fields, mode: 'input' | 'output'): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, field] of Object.entries(fields)) {
    if (mode === 'input' && !acceptsInput(field)) continue;
    if (mode === 'output' && field.sensitive && field.reveal === 'never') continue;
    properties[name] = fieldSchema(field, mode);
    if (mode === 'input' && field.required) required.push(name);
  }
  const schema: JsonSchema = { type: 'object', properties, additionalProperties: false };
  if (required.length) schema.required = required;
  return schema;
}

export const inputSchema = (kind: ResourceKind): JsonSchema => objectSchema(kind.fields, 'input');
export const outputSchema = (kind: ResourceKind): JsonSchema => objectSchema(kind.fields, 'output');
