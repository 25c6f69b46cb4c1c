/** OpenAPI operations of the generic CRUD routes, derived from each catalogue kind. */
import type { ResourceKind } from '../catalogue/types';
import { refFilterFields } from '../http/resource-routes';
import { DRY_RUN, errorResponses, json, PAGE_PARAMS, pathParam, queryParam, ref, type OperationSpec } from './operations';

export const schemaName = (kind: ResourceKind): string =>
  kind.kind.split('_').map((p) => p[0].toUpperCase() + p.slice(1)).join('');

export function resourceOperations(kind: ResourceKind): OperationSpec[] {
  const name = schemaName(kind);
  const tag = kind.title;
  const base = `/v1/${kind.plural}`;
  const one = `${base}/{id}`;
  const id = pathParam('id', `Identifier of the ${kind.title.toLowerCase()}.`);
  const body = { required: true, content: { 'application/json': { schema: ref(`${name}Input`) } } };
  const filters = [
    ...(kind.nameField ? [queryParam('name', `Only the ${kind.plural} with this ${kind.nameField}.`)] : []),
    ...refFilterFields(kind).map((f) => queryParam(f, `Only the ${kind.plural} whose ${f} is this id.`)),
  ];
  return [
    { method: 'get', path: base, operationId: `list${name}s`, summary: `List ${kind.plural}`, tag,
      parameters: [...filters, ...PAGE_PARAMS], responses: { 200: json(ref(`${name}List`), `A page of ${kind.plural}`), ...errorResponses([400, 401]) } },
    { method: 'post', path: base, operationId: `create${name}`, summary: `Create a ${kind.title.toLowerCase()}`, tag,
      parameters: [DRY_RUN], requestBody: body, responses: { 201: json(ref(name), 'Created'), ...errorResponses([400, 401, 409]) } },
    { method: 'get', path: one, operationId: `get${name}`, summary: `Read a ${kind.title.toLowerCase()}`, tag,
      parameters: [id], responses: { 200: json(ref(name), 'The resource'), ...errorResponses([401, 404]) } },
    { method: 'put', path: one, operationId: `replace${name}`, summary: `Replace a ${kind.title.toLowerCase()}`, tag,
      parameters: [id, DRY_RUN], requestBody: body, responses: { 200: json(ref(name), 'Replaced'), ...errorResponses([400, 401, 404, 409]) } },
    { method: 'delete', path: one, operationId: `delete${name}`, summary: `Delete a ${kind.title.toLowerCase()}`, tag,
      parameters: [id, DRY_RUN], responses: { 204: { description: 'Deleted' }, ...errorResponses([401, 404, 409]) } },
  ];
}
