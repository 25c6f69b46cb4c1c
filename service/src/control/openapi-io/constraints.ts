/**
 * JSON Schema keywords of a parameter ↔ apigw's parameter constraints. apigw keeps values as text
 * (default, enum, example) because the gateway validates raw request text; OpenAPI keeps them typed.
 * A constraint apigw cannot hold is dropped with a warning rather than failing the whole import.
 */
import type { ApiParameter, Doc, ParameterType } from './types';

type Warn = (message: string) => void;

/** A document value as the text apigw stores; objects become their JSON. */
export function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** apigw text → the typed value OpenAPI expects, only when converting back gives the same text. */
export function typedValue(text: string, type: ParameterType | undefined): string | number | boolean {
  if ((type === 'INTEGER' || type === 'NUMBER') && text.trim() !== '' && String(Number(text)) === text) return Number(text);
  if (type === 'BOOLEAN' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function isRegex(pattern: string): boolean {
  try { new RegExp(pattern); return true; } catch { return false; }
}

function readBounds(schema: Doc, out: ApiParameter, warn: Warn): void {
  if (isFiniteNumber(schema.minimum)) out.minimum = schema.minimum;
  if (isFiniteNumber(schema.maximum)) out.maximum = schema.maximum;
  for (const [key, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    const value = schema[key];
    if (value === undefined || value === false) continue;
    // OpenAPI 3.1 gives the bound itself; 3.0 and Swagger 2 a flag on minimum/maximum.
    if (isFiniteNumber(value) && out[bound] === undefined) out[bound] = value;
    warn(`${key} is treated as an inclusive ${bound}`);
  }
}

function readLengths(schema: Doc, out: ApiParameter, warn: Warn): void {
  if (schema.minLength !== undefined) {
    if (isInt(schema.minLength, 0, 65535)) out.min_length = schema.minLength;
    else warn(`minLength ${schema.minLength} is outside 0..65535 and is ignored`);
  }
  if (schema.maxLength !== undefined) {
    if (isInt(schema.maxLength, 1, 65535)) out.max_length = schema.maxLength;
    else warn(`maxLength ${schema.maxLength} is outside 1..65535 and is ignored`);
  }
}

function readEnum(schema: Doc, out: ApiParameter, warn: Warn): void {
  if (!Array.isArray(schema.enum)) return;
  const values = schema.enum.map(asText).filter((v): v is string => v !== undefined);
  if (values.length > 100 || values.some((v) => v.length > 255)) {
    warn('enum has more than 100 values or a value longer than 255 characters and is ignored');
  } else if (values.length) out.enum = values;
}

function readTexts(schema: Doc, out: ApiParameter, warn: Warn): void {
  if (typeof schema.pattern === 'string') {
    if (schema.pattern.length <= 512 && isRegex(schema.pattern)) out.pattern = schema.pattern;
    else warn(`pattern "${schema.pattern.slice(0, 60)}" is not a usable regular expression and is ignored`);
  }
  const fallback = asText(schema.default);
  if (fallback !== undefined) {
    if (fallback.length <= 1024) out.default_value = fallback;
    else warn('default is longer than 1024 characters and is ignored');
  }
}

/** Copies the constraints of a (Swagger 2 parameter or OpenAPI 3 schema) object onto `out`. */
export function readConstraints(schema: Doc, out: ApiParameter, warn: Warn): void {
  readLengths(schema, out, warn);
  readBounds(schema, out, warn);
  readEnum(schema, out, warn);
  readTexts(schema, out, warn);
}

/** apigw constraints → JSON Schema keywords (the inverse of readConstraints). */
export function writeConstraints(p: ApiParameter): Doc {
  const schema: Doc = { type: (p.type ?? 'STRING').toLowerCase() };
  if (p.min_length !== undefined) schema.minLength = p.min_length;
  if (p.max_length !== undefined) schema.maxLength = p.max_length;
  if (p.minimum !== undefined) schema.minimum = p.minimum;
  if (p.maximum !== undefined) schema.maximum = p.maximum;
  if (p.enum?.length) schema.enum = p.enum.map((v) => typedValue(v, p.type));
  if (p.pattern !== undefined) schema.pattern = p.pattern;
  if (p.default_value !== undefined) schema.default = typedValue(p.default_value, p.type);
  return schema;
}
