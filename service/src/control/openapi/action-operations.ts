/** OpenAPI operations of the action routes (http/action-routes.ts), service routes and import/export. */
import { DRY_RUN, errorResponses, json, PAGE_PARAMS, pathParam, queryParam, ref, type OperationSpec } from './operations';

const obj = (properties: Record<string, object>, required: string[] = []) =>
  ({ type: 'object', properties, required, additionalProperties: false });
const str = (description: string) => ({ type: 'string', description });
const items = (schema: object, description: string) =>
  json(obj({ items: { type: 'array', items: schema } }, ['items']), description);

export const ACTION_OPERATIONS: OperationSpec[] = [
  { method: 'post', path: '/v1/apps/{id}/reset-secret', operationId: 'resetAppSecret', tag: 'App',
    summary: 'Replace the app secret; the old one stops working at once', parameters: [pathParam('id', 'App id.')],
    responses: { 200: json(ref('App'), 'The app with its new secret (shown only here)'), ...errorResponses([401, 404]) } },
  { method: 'get', path: '/v1/apis/{id}/versions', operationId: 'listApiVersions', tag: 'Deployment',
    summary: 'Published versions of an API, newest first', parameters: [pathParam('id', 'API id.'), queryParam('stage_id', 'Only versions of this stage.')],
    responses: { 200: items(ref('ApiVersion'), 'Versions'), ...errorResponses([401, 404]) } },
  { method: 'post', path: '/v1/apis/{id}/versions/{version_id}/activate', operationId: 'activateApiVersion', tag: 'Deployment',
    summary: 'Roll back (or forward): make a version live in its stage',
    parameters: [pathParam('id', 'API id.'), pathParam('version_id', 'Version id.')],
    responses: { 200: json(ref('Deployment'), 'The deployment, now pointing at the version'), ...errorResponses([401, 404, 409]) } },
  { method: 'post', path: '/v1/app-authorizations/batch', operationId: 'authorizeAppForApis', tag: 'App authorization',
    summary: 'Authorize one app for many APIs in a stage (all or nothing)', parameters: [DRY_RUN],
    requestBody: { required: true, content: { 'application/json': { schema: obj({
      app_id: str('App id (may belong to another tenant).'), stage_id: str('Stage id.'),
      api_ids: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 100, description: 'API ids.' },
    }, ['app_id', 'stage_id', 'api_ids']) } } },
    responses: { 201: items(ref('AppAuthorization'), 'The authorizations created'), ...errorResponses([400, 401, 409]) } },
  { method: 'post', path: '/v1/groups/{id}/publish', operationId: 'publishGroup', tag: 'Deployment',
    summary: 'Publish every API of a group to a stage', parameters: [pathParam('id', 'Group id.'), DRY_RUN],
    requestBody: { required: true, content: { 'application/json': { schema: obj({ stage_id: str('Stage id.'), description: str('Why.') }, ['stage_id']) } } },
    responses: { 200: items(ref('Deployment'), 'The deployments'), ...errorResponses([400, 401, 404, 409]) } },
  { method: 'post', path: '/v1/groups/{id}/import', operationId: 'importIntoGroup', tag: 'API',
    summary: 'Import a Swagger 2.0 or OpenAPI 3 document into a group (all or nothing)', parameters: [pathParam('id', 'Group id.'), DRY_RUN],
    requestBody: { required: true, content: { 'application/json': { schema: obj({
      document: { description: 'The document, as a JSON object or as JSON / YAML text (see docs/import-export.md).', oneOf: [{ type: 'object' }, { type: 'string' }] },
      base_path: { type: 'string', enum: ['ignore', 'prepend'], description: 'Whether basePath / the server path is prepended to API paths.' },
      on_conflict: { type: 'string', enum: ['fail', 'overwrite'], description: 'What to do with an API whose name already exists in the group.' },
    }, ['document']) } } },
    responses: { 201: json(obj({ items: { type: 'array', items: ref('Api') }, warnings: { type: 'array', items: { type: 'string' } } }, ['items', 'warnings']), 'The imported APIs and what was imported approximately'),
      ...errorResponses([400, 401, 404, 409]) } },
  { method: 'get', path: '/v1/groups/{id}/export', operationId: 'exportGroup', tag: 'API',
    summary: 'Export a group\'s APIs as OpenAPI 3 (as defined, or as published in a stage)',
    parameters: [pathParam('id', 'Group id.'), queryParam('stage_id', 'Export what is published in this stage.'),
      queryParam('detail', 'basic (interface only), full (with x-apigw-* backends and mapping) or policies (also bound policies; needs stage_id).', { type: 'string', enum: ['basic', 'full', 'policies'] })],
    responses: { 200: json({ type: 'object' }, 'OpenAPI 3.0.3 document'), ...errorResponses([400, 401, 404]) } },
  { method: 'get', path: '/v1/audit-events', operationId: 'listAuditEvents', tag: 'Audit',
    summary: 'Changes made in this tenant, newest first',
    parameters: [queryParam('kind', 'Resource kind.'), queryParam('resource_id', 'Resource id.'), queryParam('action', 'Action.'), ...PAGE_PARAMS],
    responses: { 200: json(ref('AuditEventList'), 'A page of audit events'), ...errorResponses([400, 401]) } },
];

const health = (path: string, operationId: string, summary: string): OperationSpec => ({
  method: 'get', path, operationId, summary, tag: 'Service',
  responses: { 200: json(obj({ status: str('Status.') }), 'OK'), 503: json(obj({ status: str('Status.') }), 'Not ready') },
});

export const SERVICE_OPERATIONS: OperationSpec[] = [
  health('/healthz', 'getHealth', 'Liveness'),
  health('/readyz', 'getReadiness', 'Readiness (database reachable)'),
  { method: 'get', path: '/openapi.json', operationId: 'getOpenApiDocument', tag: 'Service', summary: 'This document',
    responses: { 200: json({ type: 'object' }, 'OpenAPI 3.1 document') } },
  { method: 'get', path: '/metrics', operationId: 'getMetrics', tag: 'Service', summary: 'Prometheus metrics',
    responses: { 200: { description: 'Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } } } },
];
