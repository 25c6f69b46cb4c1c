/**
 * Export of a group's APIs as an OpenAPI 3.0.3 document. `basic` is plain OpenAPI for consumers
 * (paths, parameters, examples); `full` adds the x-apigw-* extensions that make the document import
 * back into the same APIs; `policies` adds the caller's `x-apigw-policies` as well.
 *
 * Two apigw features have no OpenAPI form and are written in every detail level, because they are
 * part of the route itself: `ANY` is an operation under the path item key `x-apigw-any-method`, and a
 * greedy `{name+}` segment is `{name}` plus `x-apigw-greedy: true` on its parameter. When two APIs
 * share a method and path (an EXACT and a PREFIX one), the second goes under the same path with a
 * trailing `/` and names its real path in `x-apigw-path`. See docs/import-export.md.
 */
import { exportResponses } from './examples';
import { writeExtensions } from './extensions';
import { exportParameter } from './parameters-out';
import { exportPath } from './paths';
import { EXT, type ApiDefinition, type Doc, type ExportDetail, type ExportInput } from './types';

const METHOD_ORDER = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'ANY'];
const MAX_SUMMARY = 120;

/** Deterministic output: by path, then method, EXACT before PREFIX (so EXACT keeps the plain key). */
function byRoute(a: ApiDefinition, b: ApiDefinition): number {
  const [ra, rb] = [a.request, b.request];
  if (ra.path !== rb.path) return ra.path < rb.path ? -1 : 1;
  const byMethod = METHOD_ORDER.indexOf(ra.method) - METHOD_ORDER.indexOf(rb.method);
  if (byMethod) return byMethod;
  return (ra.match_mode === 'PREFIX' ? 1 : 0) - (rb.match_mode === 'PREFIX' ? 1 : 0);
}

/** The first line becomes the summary when short; the import joins them back into the same text. */
function describe(text: string | undefined): Doc {
  if (!text) return {};
  const first = text.split('\n')[0];
  const summary = first.trim() && first.length <= MAX_SUMMARY ? first : undefined;
  const out: Doc = {};
  if (summary) out.summary = summary;
  if (text !== summary) out.description = text;
  return out;
}

function operation(api: ApiDefinition, greedy: Set<string>, detail: ExportDetail): Doc {
  const op: Doc = { operationId: api.name, ...describe(api.description) };
  if (api.tags?.length) op.tags = [...api.tags];
  const parameters = (api.parameters ?? []).map((p) => exportParameter(p, greedy.has(p.name), detail));
  if (parameters.length) op.parameters = parameters;
  op.responses = exportResponses(api);
  return { ...op, ...writeExtensions(api, detail) };
}

function place(paths: Doc, api: ApiDefinition, detail: ExportDetail): void {
  const { key, greedy } = exportPath(api.request.path);
  const methodKey = api.request.method === 'ANY' ? EXT.anyMethod : api.request.method.toLowerCase();
  const op = operation(api, greedy, detail);
  let slot = key;
  while (paths[slot]?.[methodKey]) slot += '/';
  if (slot !== key) op[EXT.path] = api.request.path;
  paths[slot] = { ...paths[slot], [methodKey]: op };
}

function tagList(apis: ApiDefinition[]): Doc[] {
  const names = new Set(apis.flatMap((api) => api.tags ?? []));
  return [...names].sort().map((name) => ({ name }));
}

/** The OpenAPI 3.0.3 document for the given APIs of one group (format `oas3`). */
export function exportApis(input: ExportInput): Doc {
  const apis = [...input.apis].sort(byRoute);
  const paths: Doc = {};
  for (const api of apis) place(paths, api, input.detail);
  const info: Doc = { title: input.group.name, version: input.stage ?? '1.0.0' };
  if (input.group.description) info.description = input.group.description;
  const doc: Doc = { openapi: '3.0.3', info };
  if (input.servers?.length) doc.servers = input.servers.map((s) => ({ ...s }));
  const tags = tagList(apis);
  if (tags.length) doc.tags = tags;
  doc.paths = paths;
  if (input.stage) doc[EXT.stage] = input.stage;
  if (input.detail === 'policies') doc[EXT.policies] = input.policies ?? {};
  // A copy: the document must not share objects (backends, policies) with the caller's data.
  return structuredClone(doc);
}
