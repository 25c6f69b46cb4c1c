/**
 * Repairs for mistakes common in real documents (see test/fixtures/openapi/ORIGIN.md) whose meaning
 * is unambiguous. Each repair is reported as a warning; anything ambiguous is left for the validator
 * to reject. Runs on the importer's private copy, before validation.
 */
import { forEachObject, isObject } from './doc-walk';
import type { Doc } from './types';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** YAML reads `swagger: 2.0` and `version: 1.0` as numbers; the specifications want strings. */
function fixVersionNumbers(doc: Doc, warnings: string[]): void {
  if (doc.swagger === 2) {
    doc.swagger = '2.0';
    warnings.push('"swagger: 2.0" is a number; read as the string "2.0"');
  }
  if (isObject(doc.info) && typeof doc.info.version === 'number') {
    doc.info.version = String(doc.info.version);
    warnings.push(`info.version ${doc.info.version} is a number; read as a string`);
  }
}

/** Swagger 2 documents written for early tools say `$ref: Pet` for `#/definitions/Pet`. */
function fixRefShorthand(doc: Doc, warnings: string[]): void {
  if (doc.swagger !== '2.0' || !isObject(doc.definitions)) return;
  const definitions = doc.definitions;
  const fixed = new Set<string>();
  forEachObject(doc, (node) => {
    const ref = node.$ref;
    if (typeof ref !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(ref) || !(ref in definitions)) return;
    node.$ref = `#/definitions/${ref}`;
    fixed.add(ref);
  });
  for (const name of fixed) warnings.push(`old-style $ref "${name}" read as "#/definitions/${name}"`);
}

/** Every parameter list a document can hold, with a pointer for messages. */
function parameterLists(doc: Doc): [unknown[], string][] {
  const lists: [unknown[], string][] = [];
  for (const [path, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    if (!isObject(item)) continue;
    if (Array.isArray(item.parameters)) lists.push([item.parameters, path]);
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (isObject(op) && Array.isArray(op.parameters)) lists.push([op.parameters, `${method.toUpperCase()} ${path}`]);
    }
  }
  const shared = isObject(doc.components) ? doc.components.parameters : doc.parameters;
  if (isObject(shared)) lists.push([Object.values(shared), 'shared parameters']);
  return lists;
}

/** Path parameters are always required, but older documents omit `required: true`. */
function fixPathParametersRequired(doc: Doc, warnings: string[]): void {
  for (const [list, where] of parameterLists(doc)) {
    for (const p of list) {
      if (!isObject(p) || p.in !== 'path' || p.required === true) continue;
      p.required = true;
      warnings.push(`${where}: path parameter "${p.name}" lacks "required: true"; treated as required`);
    }
  }
}

function responseObjects(doc: Doc): Doc[] {
  const found: Doc[] = [];
  const add = (responses: unknown) => {
    if (isObject(responses)) found.push(...Object.values(responses).filter(isObject));
  };
  for (const item of Object.values(isObject(doc.paths) ? doc.paths : {})) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) if (isObject(item[method])) add(item[method].responses);
  }
  add(doc.responses);
  if (isObject(doc.components)) add(doc.components.responses);
  return found;
}

/** Response `headers` is a map by header name; some documents write a list of named headers. */
function fixHeaderLists(doc: Doc, warnings: string[]): void {
  let count = 0;
  for (const response of responseObjects(doc)) {
    if (!Array.isArray(response.headers)) continue;
    const headers: Doc = {};
    for (const h of response.headers) {
      if (!isObject(h) || typeof h.name !== 'string') continue;
      const { name, ...rest } = h;
      headers[name] = rest;
    }
    response.headers = headers;
    count += 1;
  }
  if (count) warnings.push(`${count} response(s) list their headers as an array; read as a map by header name`);
}

/** Applies every repair to `doc` in place and returns what was repaired. */
export function fixQuirks(doc: Doc): string[] {
  const warnings: string[] = [];
  fixVersionNumbers(doc, warnings);
  fixRefShorthand(doc, warnings);
  fixPathParametersRequired(doc, warnings);
  fixHeaderLists(doc, warnings);
  return warnings;
}
