/** Walks a resource's values along its catalogue fields, for references and sensitive values. */
import type { Field, Fields, StringField } from './types';

export interface FieldVisit {
  /** Dotted path, e.g. `policy_backends[1].backend.channel_id`. */
  path: string;
  field: Field;
  value: unknown;
  /** Replaces the value in the walked object. */
  set(value: unknown): void;
}

function visitField(field: Field, value: unknown, path: string, set: (v: unknown) => void, out: FieldVisit[]): void {
  out.push({ path, field, value, set });
  if (value == null) return;
  if (field.type === 'object' && typeof value === 'object') collect(field.fields, value as Record<string, unknown>, path, out);
  if (field.type === 'list' && Array.isArray(value)) {
    value.forEach((item, i) => visitField(field.items, item, `${path}[${i}]`, (v) => { value[i] = v; }, out));
  }
}

function collect(fields: Fields, data: Record<string, unknown>, prefix: string, out: FieldVisit[]): void {
  for (const [name, field] of Object.entries(fields)) {
    if (!(name in data)) continue;
    const path = prefix ? `${prefix}.${name}` : name;
    visitField(field, data[name], path, (v) => { data[name] = v; }, out);
  }
}

/** Every present field of `data`, depth first. */
export function walk(fields: Fields, data: Record<string, unknown>): FieldVisit[] {
  const out: FieldVisit[] = [];
  collect(fields, data, '', out);
  return out;
}

export interface RefValue {
  path: string;
  field: StringField;
  targetId: string;
}

export function referencesOf(fields: Fields, data: Record<string, unknown>): RefValue[] {
  return walk(fields, data).flatMap((v) => v.field.type === 'string' && v.field.ref && typeof v.value === 'string'
    ? [{ path: v.path, field: v.field, targetId: v.value }] : []);
}

export const sensitiveValues = (fields: Fields, data: Record<string, unknown>): FieldVisit[] =>
  walk(fields, data).filter((v) => v.field.sensitive && typeof v.value === 'string');
