/**
 * Data sources `apigw_group`, `apigw_stage` and `apigw_api`: the list route filtered by the lookup
 * fields (`?name=…`, plus `group_id` for an API), which must match exactly one object.
 */
import type { DataSourceSpec } from '../schema/data-sources';
import { typeNameOf } from '../schema';
import { ApiClient } from '../client/api-client';
import { DiagnosticError, errorDiag } from '../framework/diagnostics';
import { attr } from '../values/path';
import { fromApi } from './api-json';
import { refusal } from './catalogue-crud';
import type { DataSourceHooks } from './hooks';

export function lookupDataSource(spec: DataSourceSpec): DataSourceHooks {
  const { kind } = spec;
  return {
    read: async (ctx, config) => {
      const query: Record<string, string> = {};
      for (const field of spec.lookup) query[field] = String(config[field]);
      let page: { items: Array<Record<string, unknown>>; total: number };
      try {
        page = await new ApiClient(ctx).get(`/v1/${kind.plural}`, { query: { ...query, page_size: '2' } });
      } catch (err) {
        throw refusal(err, kind);
      }
      const described = spec.lookup.map((f) => `${f} = ${JSON.stringify(query[f])}`).join(', ');
      if (page.items.length !== 1) {
        const problem = page.items.length === 0 ? `No ${kind.title.toLowerCase()} found` : `More than one ${kind.title.toLowerCase()} found`;
        throw new DiagnosticError([errorDiag(`${problem} for data.${typeNameOf(kind.kind)}`,
          `Looked up ${kind.plural} with ${described} in the token's tenant.`, [attr(spec.lookup[spec.lookup.length - 1])])]);
      }
      return fromApi(kind.fields, page.items[0], null);
    },
  };
}
