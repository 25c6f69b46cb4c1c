/**
 * The provider's resources and data sources: one per catalogue kind, schema derived from the
 * catalogue, CRUD through the management API's generic routes (catalogue-crud.ts), plus the
 * irregular hooks of `<kind>.ts` beside this file (names are mechanical:
 * `apigw_throttling_policy` ↔ `throttling-policy.ts`), which win over the generic ones.
 */
import { RESOURCE_KINDS } from '../../../service/src/control/catalogue/kinds';
import type { DataSource, Resource } from '../framework/resource';
import { DATA_SOURCE_SPECS, dataSourceSchema } from '../schema/data-sources';
import { resourceSchema } from '../schema/derive';
import { typeNameOf } from '../schema';
import { catalogueCrud } from './catalogue-crud';
import { RESOURCE_HOOKS, DATA_SOURCE_HOOKS } from './hooks';
import { lookupDataSource } from './lookup';

export function buildResources(): Map<string, Resource> {
  return new Map(RESOURCE_KINDS.map((kind) => {
    const typeName = typeNameOf(kind.kind);
    return [typeName, { typeName, kind, schema: resourceSchema(kind), ...catalogueCrud(kind), ...RESOURCE_HOOKS[kind.kind] }];
  }));
}

export function buildDataSources(): Map<string, DataSource> {
  return new Map(DATA_SOURCE_SPECS.map((spec) => {
    const typeName = typeNameOf(spec.kind.kind);
    return [typeName, { typeName, schema: dataSourceSchema(spec), ...lookupDataSource(spec), ...DATA_SOURCE_HOOKS[spec.kind.kind] }];
  }));
}
