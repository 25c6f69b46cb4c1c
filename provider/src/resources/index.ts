/**
 * The provider's resources and data sources: one per catalogue kind, schema derived from the
 * catalogue, plus the hooks of `<kind>.ts` beside this file (names are mechanical:
 * `apigw_throttling_policy` ↔ `throttling-policy.ts`). A kind without a hooks file still validates
 * and plans; its CRUD answers "not implemented yet".
 */
import { RESOURCE_KINDS } from '../../../service/src/control/catalogue/kinds';
import type { DataSource, Resource } from '../framework/resource';
import { DATA_SOURCE_SPECS, dataSourceSchema } from '../schema/data-sources';
import { resourceSchema } from '../schema/derive';
import { typeNameOf } from '../schema';
import { RESOURCE_HOOKS, DATA_SOURCE_HOOKS } from './hooks';

export function buildResources(): Map<string, Resource> {
  return new Map(RESOURCE_KINDS.map((kind) => {
    const typeName = typeNameOf(kind.kind);
    return [typeName, { typeName, kind, schema: resourceSchema(kind), ...RESOURCE_HOOKS[kind.kind] }];
  }));
}

export function buildDataSources(): Map<string, DataSource> {
  return new Map(DATA_SOURCE_SPECS.map((spec) => {
    const typeName = typeNameOf(spec.kind.kind);
    return [typeName, { typeName, schema: dataSourceSchema(spec), ...DATA_SOURCE_HOOKS[spec.kind.kind] }];
  }));
}
