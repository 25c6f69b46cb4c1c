/**
 * Swagger 2.0 / OpenAPI 3.0 / 3.1 import: one apigw API per operation, each a body the api kind
 * accepts as is (the caller only adds `group_id`). Pure: no database, no HTTP. What cannot be imported
 * faithfully is reported in `warnings`; a broken document, or a broken x-apigw-* extension (which the
 * author wrote for apigw on purpose), fails the whole import with IMPORT_INVALID.
 * See docs/import-export.md.
 */
import { api as apiKind } from '../catalogue/kinds/api';
import { ApiError } from '../errors';
import { routesOverlap } from '../resources/api';
import { validateInput } from '../services/validator';
import { isObject } from './doc-walk';
import { extensionOf } from './extensions';
import { loadDocument } from './load';
import { NameAllocator, nameFromRoute, sanitiseName } from './names';
import { buildOperation, type OperationSource } from './operation';
import { documentBasePath } from './paths';
import { EXT, type ApiInput, type Doc, type ImportOptions, type ImportResult } from './types';

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch']);
/** validateInput needs a group; the caller supplies the real one. */
const PLACEHOLDER_GROUP = 'import-placeholder';

function* operations(doc: Doc, version: 2 | 3, basePath: string, warnings: string[]): Generator<OperationSource> {
  for (const [pathKey, pathItem] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    if (!isObject(pathItem)) continue;
    for (const [key, operation] of Object.entries(pathItem)) {
      const method = key === EXT.anyMethod ? 'ANY' : METHODS.has(key) ? key.toUpperCase() : undefined;
      const where = `${method ?? key.toUpperCase()} ${pathKey}`;
      if (key === 'trace') warnings.push(`${where}: skipped: apigw does not serve TRACE`);
      if (!method || !isObject(operation)) continue;
      const warn = (message: string) => warnings.push(`${where}: ${message}`);
      yield { doc, version, basePath, pathKey, pathItem, method, operation, where, warn };
    }
  }
}

/**
 * The catalogue's own validation, run here so every returned body is known good. Failures caused by
 * an x-apigw-* extension fail the import; others skip just this operation.
 */
function validated(candidate: ApiInput, src: OperationSource): ApiInput | undefined {
  try {
    const out = validateInput(apiKind, { ...candidate, group_id: PLACEHOLDER_GROUP });
    delete out.group_id;
    return out as ApiInput;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    const culprit = e.errors.find((f) => extensionOf(f.field));
    if (culprit) {
      throw new ApiError('IMPORT_INVALID', `${src.where}: ${extensionOf(culprit.field)}: ${culprit.field} ${culprit.message}`);
    }
    src.warn(`skipped: ${e.message}`);
    return undefined;
  }
}

interface Named {
  api: ApiInput;
  where: string;
  /** From the operationId: such names are handed out before generated ones, so they stay as written. */
  explicit: boolean;
  base: string;
}

function importOne(src: OperationSource): Named | undefined {
  const built = buildOperation(src);
  if ('skip' in built) {
    src.warn(`skipped: ${built.skip}`);
    return undefined;
  }
  const api = validated(built.api, src);
  if (!api) return undefined;
  const id = src.operation.operationId;
  const explicit = typeof id === 'string' && id !== '';
  return { api, where: src.where, explicit, base: explicit ? sanitiseName(id) : nameFromRoute(src.method, src.pathKey) };
}

function assignNames(imported: Named[]): ApiInput[] {
  const names = new NameAllocator();
  for (const item of imported.filter((i) => i.explicit)) item.api.name = names.allocate(item.base);
  for (const item of imported.filter((i) => !i.explicit)) item.api.name = names.allocate(item.base);
  return imported.map((i) => i.api);
}

/** Parses, validates and converts an API description (JSON or YAML text, or a parsed object). */
export async function parseApiDocument(input: string | object, options: ImportOptions = {}): Promise<ImportResult> {
  const { doc, version, warnings } = await loadDocument(input);
  const base = documentBasePath(doc, version);
  const basePath = options.basePath === 'prepend' ? base : '';
  if (base && !basePath) warnings.push(`base path "${base}" is not part of the imported request paths`);
  if (doc[EXT.policies] !== undefined) warnings.push(`${EXT.policies} is not imported; bind policies to the APIs separately`);
  const imported: Named[] = [];
  for (const src of operations(doc, version, basePath, warnings)) {
    const one = importOne(src);
    // The group would refuse the second of two APIs serving one route (PATH_CONFLICT); say which here.
    const clash = one && imported.find((other) => routesOverlap(other.api.request, one.api.request));
    if (clash) src.warn(`skipped: serves the same route as ${clash.where}`);
    else if (one) imported.push(one);
  }
  const apis = assignNames(imported);
  if (!apis.length) warnings.push('the document has no operation that can be imported');
  return { title: String(doc.info?.title ?? ''), apis, warnings };
}
