/** Builders for OpenAPI operation objects shared by the generic and the action routes. */
export type Operation = Record<string, unknown>;

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const json = (schema: object, description: string) => ({ description, content: { 'application/json': { schema } } });

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request; `errors` names the fields at fault',
  401: 'Missing, invalid or expired token',
  404: 'No such resource in this tenant',
  409: 'Conflict: duplicate, in use, quota exceeded or path conflict',
};

export function errorResponses(codes: number[]): Record<string, object> {
  return Object.fromEntries(codes.map((c) => [String(c), json(ref('Error'), ERROR_DESCRIPTIONS[c] ?? 'Error')]));
}

export const pathParam = (name: string, description: string) =>
  ({ name, in: 'path', required: true, description, schema: { type: 'string', maxLength: 64 } });
export const queryParam = (name: string, description: string, schema: object = { type: 'string' }) =>
  ({ name, in: 'query', required: false, description, schema });

export const DRY_RUN = queryParam('dry_run', 'Validate every rule (references, quotas, conflicts) and roll back.', { type: 'boolean' });
export const PAGE_PARAMS = [
  queryParam('page_size', 'Items per page (1-500, default 100).', { type: 'integer', minimum: 1, maximum: 500 }),
  queryParam('page_token', 'The `next_page_token` of the previous page.'),
];

export interface OperationSpec {
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI path, e.g. `/v1/apis/{id}/versions`. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  parameters?: object[];
  requestBody?: object;
  responses: Record<string, object>;
}

export function operationOf(spec: OperationSpec): Operation {
  const op: Operation = { operationId: spec.operationId, summary: spec.summary, tags: [spec.tag] };
  if (spec.parameters?.length) op.parameters = spec.parameters;
  if (spec.requestBody) op.requestBody = spec.requestBody;
  op.responses = spec.responses;
  return op;
}
