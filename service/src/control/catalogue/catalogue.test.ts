/** The catalogue's own invariants: what the OpenAPI document, validation and provider rely on. */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { objectSchema } from './json-schema';
import { KINDS_BY_NAME, RESOURCE_KINDS } from './kinds';
import type { Field, Fields } from './types';
import { walk } from './walk';

function allFields(fields: Fields, prefix = ''): Array<[string, Field]> {
  return Object.entries(fields).flatMap(([name, f]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    const nested = f.type === 'object' ? allFields(f.fields, path) : f.type === 'list' && f.items.type === 'object' ? allFields(f.items.fields, `${path}[]`) : [];
    return [[path, f] as [string, Field], ...nested];
  });
}

const everyField = RESOURCE_KINDS.flatMap((k) => allFields(k.fields).map(([p, f]) => [`${k.kind}.${p}`, f] as const));

test.each(everyField)('%s has a description', (_path, field) => {
  expect(field.description.length).toBeGreaterThan(5);
  expect(field.description.trim()).toMatch(/[.)]$/);
});

test('names are mechanical: snake_case kind ↔ kebab-case plural', () => {
  for (const k of RESOURCE_KINDS) {
    expect(k.kind).toMatch(/^[a-z]+(_[a-z]+)*$/);
    const plural = k.kind.replace(/_/g, '-').replace(/([^aeiou])y$/, '$1ie') + 's';
    expect(k.plural).toBe(plural);
  }
});

test('references, unique keys and quota scopes name real fields and kinds', () => {
  for (const k of RESOURCE_KINDS) {
    for (const [path, f] of allFields(k.fields)) {
      if (f.type === 'string' && f.ref) expect([path, KINDS_BY_NAME.has(f.ref.kind)]).toEqual([path, true]);
      expect([path, !!(f.required && f.computed)]).toEqual([path, false]);
      if (f.reveal) expect([path, f.sensitive]).toEqual([path, true]);
    }
    for (const u of k.unique ?? []) for (const name of u.fields) expect(k.fields[name]).toBeDefined();
    for (const name of k.quota?.per ?? []) expect(k.fields[name]).toBeDefined();
    if (k.nameField) expect(k.fields[k.nameField]).toBeDefined();
  }
});

test('kinds only reference kinds declared before them (dependency order)', () => {
  const seen = new Set<string>();
  for (const k of RESOURCE_KINDS) {
    for (const [, f] of allFields(k.fields)) if (f.type === 'string' && f.ref && f.ref.kind !== k.kind) expect([k.kind, f.ref.kind, seen.has(f.ref.kind)]).toEqual([k.kind, f.ref.kind, true]);
    seen.add(k.kind);
  }
});

test('every default value is valid for its field', () => {
  const ajv = new Ajv2020({ strict: false });
  addFormats(ajv);
  for (const [path, f] of everyField) {
    if (f.default === undefined) continue;
    const schema = objectSchema({ v: f }, 'input');
    expect([path, ajv.validate(schema, { v: f.default })]).toEqual([path, true]);
  }
});

test('walk visits nested list items with indexed paths', () => {
  const api = KINDS_BY_NAME.get('api')!;
  const visits = walk(api.fields, { policy_backends: [{ name: 'a', backend: { channel_id: 'c1' } }] } as any);
  expect(visits.map((v) => v.path)).toContain('policy_backends[0].backend.channel_id');
});
