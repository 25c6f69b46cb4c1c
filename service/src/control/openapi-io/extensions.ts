/**
 * The `x-apigw-*` extensions that carry what OpenAPI cannot say (backend, auth, parameter mapping,
 * match mode...). On import each may sit on the operation, its path item or the document; the nearest
 * wins, and the two objects (backend, auth) are merged field by field so a document-level backend can
 * hold the shared address while operations set their own path. Values are checked by the catalogue
 * validation afterwards; this file only refuses shapes that cannot be merged.
 */
import { isDeepStrictEqual } from 'node:util';
import { backendFields } from '../catalogue/kinds/api';
import { ApiError } from '../errors';
import { isObject } from './doc-walk';
import { EXT, type ApiInput, type Doc, type ExportDetail } from './types';

const AUTH_FIELDS = new Set(['auth_type', 'app_code_auth', 'authorizer_id']);

/** Catalogue fields an extension sets, and the extension to name when one is invalid. */
const SOURCES: [string, string][] = [
  ['backend_parameters', EXT.backendParameters], ['backend', EXT.backend], ['policy_backends', EXT.policyBackends],
  ['auth_type', EXT.auth], ['app_code_auth', EXT.auth], ['authorizer_id', EXT.auth],
  ['request.protocol', EXT.protocol], ['request.match_mode', EXT.matchMode], ['request.cors', EXT.cors],
];

/** The extension a catalogue field came from, if it came from one (`backend.address` → x-apigw-backend). */
export function extensionOf(field: string): string | undefined {
  return SOURCES.find(([f]) => field === f || field.startsWith(`${f}.`) || field.startsWith(`${f}[`))?.[1];
}

export interface ImportedExtensions {
  /** Undefined when no level declares x-apigw-backend: the importer then mocks the API. */
  backend?: Doc;
  auth: Doc;
  backend_parameters?: unknown;
  policy_backends?: unknown;
  request: Doc;
}

const invalid = (where: string, message: string) => new ApiError('IMPORT_INVALID', `${where}: ${message}`);

/** Merges an object extension over the levels, document first. */
function mergedObject(levels: Doc[], name: string, where: string): Doc | undefined {
  let merged: Doc | undefined;
  for (const level of levels) {
    const value = level[name];
    if (value === undefined) continue;
    if (!isObject(value)) throw invalid(where, `${name} must be an object`);
    merged = { ...merged, ...value };
  }
  return merged;
}

/** The value of the nearest level that sets the extension (levels are ordered document first). */
const nearest = (levels: Doc[], name: string): unknown =>
  levels.map((level) => level[name]).filter((v) => v !== undefined).pop();

/** Reads every x-apigw-* extension for one operation; `levels` = [document, path item, operation]. */
export function readExtensions(levels: Doc[], where: string): ImportedExtensions {
  const auth = mergedObject(levels, EXT.auth, where) ?? {};
  const unknown = Object.keys(auth).filter((k) => !AUTH_FIELDS.has(k));
  if (unknown.length) throw invalid(where, `${EXT.auth} has unknown field(s) ${unknown.join(', ')}`);
  const request: Doc = {};
  for (const [field, name] of [['protocol', EXT.protocol], ['match_mode', EXT.matchMode], ['cors', EXT.cors]]) {
    const value = nearest(levels, name);
    if (value !== undefined) request[field] = value;
  }
  return {
    backend: mergedObject(levels, EXT.backend, where),
    auth,
    backend_parameters: nearest(levels, EXT.backendParameters),
    policy_backends: nearest(levels, EXT.policyBackends),
    request,
  };
}

/**
 * A backend without the fields left at their catalogue default (mock_body on an HTTP backend...):
 * they say nothing, and the import fills them back in. `type` stays, as the reader needs it.
 */
function compactBackend(backend: Record<string, unknown>): Doc {
  return Object.fromEntries(Object.entries(backend).filter(([name, value]) =>
    name === 'type' || !isDeepStrictEqual(value, backendFields[name]?.default)));
}

const compactPolicyBackend = (pb: Record<string, unknown>): Doc =>
  (isObject(pb.backend) ? { ...pb, backend: compactBackend(pb.backend) } : pb);

/** The x-apigw-* extensions of an exported operation (detail `full` and `policies` only). */
export function writeExtensions(api: ApiInput, detail: ExportDetail): Doc {
  if (detail === 'basic') return {};
  const auth: Doc = { auth_type: api.auth_type ?? 'NONE', app_code_auth: api.app_code_auth ?? false };
  if (api.authorizer_id !== undefined) auth.authorizer_id = api.authorizer_id;
  return {
    [EXT.protocol]: api.request.protocol ?? 'BOTH',
    [EXT.matchMode]: api.request.match_mode ?? 'EXACT',
    [EXT.cors]: api.request.cors ?? false,
    [EXT.auth]: auth,
    [EXT.backend]: compactBackend(api.backend),
    [EXT.backendParameters]: api.backend_parameters ?? [],
    [EXT.policyBackends]: (api.policy_backends ?? []).map(compactPolicyBackend),
  };
}
