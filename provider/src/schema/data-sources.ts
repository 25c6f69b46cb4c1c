/**
 * Data sources `apigw_group`, `apigw_stage`, `apigw_api`: look an object up by name (an API by
 * group_id and name, the kind's unique key) and expose every catalogue field as a computed
 * attribute. Objects and lists of objects become computed attributes of object type rather than
 * blocks, because a data source cannot fill blocks the configuration did not write.
 */
import { KINDS_BY_NAME } from '../../../service/src/control/catalogue/kinds';
import type { ResourceKind } from '../../../service/src/control/catalogue/types';
import { ctyTypeOf } from './derive';
import type { AttributeSchema, ResourceSchema } from './model';

export interface DataSourceSpec {
  kind: ResourceKind;
  /** Fields the configuration must give to find exactly one object. */
  lookup: readonly string[];
}

export const DATA_SOURCE_SPECS: readonly DataSourceSpec[] = [
  { kind: KINDS_BY_NAME.get('group') as ResourceKind, lookup: ['name'] },
  { kind: KINDS_BY_NAME.get('stage') as ResourceKind, lookup: ['name'] },
  { kind: KINDS_BY_NAME.get('api') as ResourceKind, lookup: ['group_id', 'name'] },
];

export function dataSourceSchema(spec: DataSourceSpec): ResourceSchema {
  const attributes: AttributeSchema[] = Object.entries(spec.kind.fields).map(([name, field]) => {
    const lookup = spec.lookup.includes(name);
    return {
      name, type: ctyTypeOf(field), description: field.description, field,
      ...(lookup ? { required: true } : { computed: true }),
      ...(field.sensitive ? { sensitive: true } : {}),
    };
  });
  const lookupText = spec.lookup.join(' and ');
  return {
    version: 0,
    block: { attributes, blockTypes: [], description: `Looks up one ${spec.kind.title} by ${lookupText}. ${spec.kind.description}` },
  };
}
