/**
 * One OpenAPI operation → one apigw API body (named later by the importer). Standard documents say
 * nothing about backends, so without `x-apigw-backend` the API is a mock answering the documented
 * success example: importing never points traffic at a server nobody chose.
 */
import { isObject } from './doc-walk';
import { responseExample, type Example } from './examples';
import { readExtensions } from './extensions';
import { importParameters } from './parameters-in';
import { importPath } from './paths';
import { EXT, type ApiInput, type Doc } from './types';

export interface OperationSource {
  doc: Doc;
  version: 2 | 3;
  basePath: string;
  pathKey: string;
  pathItem: Doc;
  /** Upper case, or ANY for `x-apigw-any-method`. */
  method: string;
  operation: Doc;
  /** `GET /pets`: prefixes warnings and errors. */
  where: string;
  warn: (message: string) => void;
}

const MAX_DESCRIPTION = 1024;
const MAX_EXAMPLE = 20480;
const MAX_MOCK_BODY = 65536;
const MOCKED = JSON.stringify({ message: 'This API is a mock: it was imported without an x-apigw-backend.' });

/** Summary and description together, without repeating a summary that opens the description. */
function description(op: Doc, warn: (m: string) => void): string {
  const summary = typeof op.summary === 'string' ? op.summary : '';
  const long = typeof op.description === 'string' ? op.description : '';
  const text = summary && long && !long.startsWith(summary) ? `${summary}\n\n${long}` : long || summary;
  if (text.length > MAX_DESCRIPTION) warn(`description cut to ${MAX_DESCRIPTION} characters`);
  return text.slice(0, MAX_DESCRIPTION);
}

function tags(op: Doc, warn: (m: string) => void): string[] {
  const all = Array.isArray(op.tags) ? op.tags.filter((t): t is string => typeof t === 'string') : [];
  const kept = all.filter((t) => t.length <= 64).slice(0, 20);
  if (kept.length < all.length) warn('tags longer than 64 characters or beyond the 20th are dropped');
  return kept;
}

function exampleText(example: Example | undefined, which: string, warn: (m: string) => void): string {
  if (!example) return '';
  if (example.text.length <= MAX_EXAMPLE) return example.text;
  warn(`${which} example is longer than ${MAX_EXAMPLE} characters and is not kept`);
  return '';
}

function mockBackend(example: Example | undefined): Doc {
  const usable = example && example.text.length <= MAX_MOCK_BODY ? example : undefined;
  const contentType = usable && !usable.mediaType.includes('*') ? usable.mediaType : 'application/json';
  return { type: 'MOCK', mock_status_code: 200, mock_body: usable?.text ?? MOCKED, mock_headers: { 'Content-Type': contentType } };
}

/** Standard security requirements have no apigw meaning; say so rather than silently open the API. */
function warnUnmappedSecurity(src: OperationSource, hasAuthExtension: boolean): void {
  const security = src.operation.security ?? src.doc.security;
  const demands = Array.isArray(security) && security.some((req) => isObject(req) && Object.keys(req).length > 0);
  if (demands && !hasAuthExtension) {
    src.warn(`declares security requirements; imported with auth_type NONE (set ${EXT.auth} to protect it)`);
  }
}

/** The API body for one operation, or the reason it cannot be imported. */
export function buildOperation(src: OperationSource): { api: ApiInput } | { skip: string } {
  const { operation: op, version, warn } = src;
  const params = importParameters(src.pathItem.parameters, op.parameters, version, warn);
  const key = typeof op[EXT.path] === 'string' ? op[EXT.path] : src.pathKey;
  const path = importPath(key, src.basePath, params.greedy);
  if ('skip' in path) return path;
  const ext = readExtensions([src.doc, src.pathItem, op], src.where);
  warnUnmappedSecurity(src, Object.keys(ext.auth).length > 0);
  const success = responseExample(op.responses, version, 'success');
  const api: ApiInput = {
    name: 'import',
    description: description(op, warn),
    tags: tags(op, warn),
    request: { ...ext.request, method: src.method, path: path.path },
    ...ext.auth,
    parameters: params.parameters,
    backend: ext.backend ?? mockBackend(success),
    success_example: exampleText(success, 'success', warn),
    failure_example: exampleText(responseExample(op.responses, version, 'failure'), 'failure', warn),
  };
  if (ext.backend_parameters !== undefined) api.backend_parameters = ext.backend_parameters as ApiInput['backend_parameters'];
  if (ext.policy_backends !== undefined) api.policy_backends = ext.policy_backends as ApiInput['policy_backends'];
  return { api };
}
