/**
 * The management API's OpenAPI 3.1 document, derived from the catalogue and the route descriptors.
 * `npm run openapi` writes it to openapi/openapi.json; a test keeps that file and the routes in step.
 */
import { RESOURCE_KINDS } from '../catalogue/kinds';
import { inputSchema, outputSchema } from '../catalogue/json-schema';
import { ACTION_OPERATIONS, SERVICE_OPERATIONS } from './action-operations';
import { operationOf, ref, type OperationSpec } from './operations';
import { resourceOperations, schemaName } from './resource-operations';

export const allOperations = (extra: OperationSpec[] = []): OperationSpec[] =>
  [...RESOURCE_KINDS.flatMap(resourceOperations), ...ACTION_OPERATIONS, ...extra, ...SERVICE_OPERATIONS];

const listOf = (item: object) => ({
  type: 'object', required: ['items', 'total', 'next_page_token'], additionalProperties: false,
  properties: {
    items: { type: 'array', items: item },
    total: { type: 'integer', description: 'Number of items matching the filters.' },
    next_page_token: { type: ['string', 'null'], description: 'Token of the next page; null on the last page.' },
  },
});

function componentSchemas(): Record<string, object> {
  const schemas: Record<string, object> = {};
  for (const kind of RESOURCE_KINDS) {
    const name = schemaName(kind);
    schemas[name] = { ...outputSchema(kind), description: kind.description };
    schemas[`${name}Input`] = { ...inputSchema(kind), description: `Request body to create or replace: ${kind.description}` };
    schemas[`${name}List`] = listOf(ref(name));
  }
  schemas.Error = {
    type: 'object', required: ['error_code', 'error_msg', 'request_id'],
    properties: {
      error_code: { type: 'string', description: 'Stable code from the error registry (docs/errors.md).' },
      error_msg: { type: 'string', description: 'Human-readable explanation.' },
      request_id: { type: 'string', description: 'Request id, also in the X-Request-Id header.' },
      errors: { type: 'array', description: 'Fields at fault.', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
    },
  };
  schemas.ApiVersion = {
    type: 'object', description: 'An immutable published snapshot of an API in a stage.',
    properties: {
      id: { type: 'string' }, api_id: { type: 'string' }, stage_id: { type: 'string' }, version: { type: 'integer' },
      description: { type: 'string' }, live: { type: 'boolean' }, created_at: { type: 'string', format: 'date-time' },
      definition: ref('Api'),
    },
  };
  schemas.AuditEvent = {
    type: 'object', description: 'One change: who, what, when, in which request.',
    properties: {
      id: { type: 'string' }, actor: { type: 'string' }, action: { type: 'string' }, kind: { type: 'string' },
      resource_id: { type: ['string', 'null'] }, request_id: { type: ['string', 'null'] },
      detail: { type: ['object', 'null'] }, created_at: { type: 'string', format: 'date-time' },
    },
  };
  schemas.AuditEventList = listOf(ref('AuditEvent'));
  return schemas;
}

export function buildOpenApiDocument(extra: OperationSpec[] = []): Record<string, unknown> {
  const paths: Record<string, Record<string, object>> = {};
  const operations = allOperations(extra);
  for (const op of operations) {
    paths[op.path] ??= {};
    const operation = operationOf(op);
    if (op.tag === 'Service') operation.security = [];
    paths[op.path][op.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'apigw management API',
      version: '1.0.0',
      description: 'Manage every apigw resource: groups, APIs, stages, deployments, apps, policies, domains and certificates. Authenticate with a Bearer token (`npx apigw token create --tenant NAME`).',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: 'http://127.0.0.1:8001', description: 'Local apigw (APIGW_ADMIN_PORT)' }],
    security: [{ bearerAuth: [] }],
    tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({ name, description: `${name} operations.` })),
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: componentSchemas(),
    },
  };
}
