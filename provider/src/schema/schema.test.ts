/**
 * The derived Terraform schemas: every catalogue field appears with the right flags, every
 * attribute and block is described, and the committed schema JSON is what the code derives now.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESOURCE_KINDS } from '../../../service/src/control/catalogue/kinds';
import type { Fields } from '../../../service/src/control/catalogue/types';
import { providerSchemaJson, providerSchemas, typeNameOf } from './index';
import type { BlockSchema } from './model';
import { attributeNamed, blockNamed } from './model';

const schemas = providerSchemas();

function everyDescription(block: BlockSchema, at: string, missing: string[]): void {
  for (const a of block.attributes) if (!a.description?.trim()) missing.push(`${at}.${a.name}`);
  for (const b of block.blockTypes) {
    if (!b.block.description?.trim()) missing.push(`${at}.${b.typeName}`);
    everyDescription(b.block, `${at}.${b.typeName}`, missing);
  }
}

function unmapped(fields: Fields, block: BlockSchema, at: string): string[] {
  return Object.entries(fields).flatMap(([name, field]) => {
    const nested = blockNamed(block, name);
    if (nested) {
      const inner = field.type === 'object' ? field.fields : field.type === 'list' && field.items.type === 'object' ? field.items.fields : {};
      return unmapped(inner, nested.block, `${at}.${name}`);
    }
    return attributeNamed(block, name) ? [] : [`${at}.${name}`];
  });
}

describe('derived schemas', () => {
  it('describe every attribute and block (provider, resources, data sources)', () => {
    const missing: string[] = [];
    everyDescription(schemas.provider.block, 'provider', missing);
    for (const [name, s] of [...schemas.resources, ...schemas.dataSources]) everyDescription(s.block, name, missing);
    expect(missing).toEqual([]);
  });

  it('map every catalogue field of every kind to an attribute or block', () => {
    expect(schemas.resources.size).toBe(RESOURCE_KINDS.length);
    const missing = RESOURCE_KINDS.flatMap((k) => {
      const s = schemas.resources.get(typeNameOf(k.kind));
      return s ? unmapped(k.fields, s.block, typeNameOf(k.kind)) : [typeNameOf(k.kind)];
    });
    expect(missing).toEqual([]);
  });

  it('apply the flag rules to apigw_group', () => {
    const block = schemas.resources.get('apigw_group')!.block;
    const flags = (n: string) => {
      const { required, optional, computed } = attributeNamed(block, n)!;
      return { required: !!required, optional: !!optional, computed: !!computed };
    };
    expect(flags('id')).toEqual({ required: false, optional: false, computed: true });
    expect(flags('name')).toEqual({ required: true, optional: false, computed: false });
    expect(flags('description')).toEqual({ required: false, optional: true, computed: true });
    expect(attributeNamed(block, 'description')!.default).toBe('');
  });

  it('turn objects into blocks, lists of scalars into list types and keep immutable / sensitive', () => {
    const api = schemas.resources.get('apigw_api')!.block;
    expect(blockNamed(api, 'request')).toMatchObject({ nesting: 'single', minItems: 1, maxItems: 1 });
    expect(blockNamed(api, 'parameters')).toMatchObject({ nesting: 'list', minItems: 0, maxItems: 50 });
    expect(attributeNamed(api, 'tags')!.type).toEqual({ kind: 'list', element: 'string' });
    expect(attributeNamed(api, 'group_id')).toMatchObject({ required: true, immutable: true });
    const code = schemas.resources.get('apigw_app_code')!.block;
    expect(attributeNamed(code, 'code')).toMatchObject({ optional: true, computed: true, sensitive: true, immutable: true });
    const backend = blockNamed(api, 'backend')!.block;
    expect(attributeNamed(backend, 'timeout_ms')).toMatchObject({ type: 'number', default: 5000 });
    expect(attributeNamed(backend, 'mock_headers')).toMatchObject({ type: { kind: 'map', element: 'string' }, default: {} });
  });

  it('offer the provider settings and the lookup data sources', () => {
    expect(schemas.provider.block.attributes.map((a) => [a.name, !!a.sensitive])).toEqual([['endpoint', false], ['token', true]]);
    expect([...schemas.dataSources.keys()]).toEqual(['apigw_group', 'apigw_stage', 'apigw_api']);
    const api = schemas.dataSources.get('apigw_api')!.block;
    expect(api.attributes.filter((a) => a.required).map((a) => a.name)).toEqual(['group_id', 'name']);
    expect(api.blockTypes).toEqual([]);
  });

  it('match the committed provider/schema/apigw.schema.json (run scripts/write-schema.ts)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'schema', 'apigw.schema.json'), 'utf8');
    expect(committed).toBe(`${JSON.stringify(providerSchemaJson(schemas), null, 2)}\n`);
  });
});
