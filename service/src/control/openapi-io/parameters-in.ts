/**
 * Imported parameters: OpenAPI path/query/header parameters become apigw request parameters that the
 * gateway validates. Bodies pass through untouched (apigw does not validate them), cookies have no
 * apigw location, and anything else apigw cannot hold is skipped with a warning.
 */
import { asText, readConstraints } from './constraints';
import { isObject } from './doc-walk';
import { EXT, type ApiParameter, type Doc, type ParameterLocation, type ParameterType } from './types';

type Warn = (message: string) => void;

const LOCATIONS: Record<string, ParameterLocation> = { path: 'PATH', query: 'QUERY', header: 'HEADER' };
const TYPES: Record<string, ParameterType> = { string: 'STRING', number: 'NUMBER', integer: 'INTEGER', boolean: 'BOOLEAN' };
const NAME = /^[A-Za-z0-9_.-]{1,64}$/;

export interface ImportedParameters {
  parameters: ApiParameter[];
  /** Path parameters marked `x-apigw-greedy` or written AWS-style as `{name+}`. */
  greedy: Set<string>;
}

/** Operation parameters override path-level ones with the same location and name. */
function merged(pathLevel: unknown, operationLevel: unknown): Doc[] {
  const byKey = new Map<string, Doc>();
  for (const list of [pathLevel, operationLevel]) {
    for (const p of Array.isArray(list) ? list : []) {
      if (isObject(p)) byKey.set(`${p.in}:${p.name}`, p);
    }
  }
  return [...byKey.values()];
}

function mapType(raw: unknown, name: string, warn: Warn): ParameterType {
  // OpenAPI 3.1 allows a list of types such as ["integer", "null"].
  const type = Array.isArray(raw) ? raw.find((t) => t !== 'null') : raw;
  if (type === undefined) return 'STRING';
  const mapped = TYPES[String(type)];
  if (mapped) return mapped;
  warn(`parameter "${name}" of type ${String(type)} is validated as a plain string`);
  return 'STRING';
}

function exampleOf(p: Doc, schema: Doc, version: 2 | 3): string | undefined {
  if (version === 2) return asText(p['x-example']);
  if (p.example !== undefined) return asText(p.example);
  const first = isObject(p.examples) ? Object.values(p.examples).find(isObject) : undefined;
  return asText(first?.value ?? schema.example);
}

function convert(p: Doc, location: ParameterLocation, version: 2 | 3, warn: Warn): ApiParameter {
  const name = String(p.name);
  const schema: Doc = version === 2 ? p : isObject(p.schema) ? p.schema : {};
  const out: ApiParameter = { name, location, type: mapType(schema.type, name, warn) };
  // Path parameters must say required: true in OpenAPI; x-apigw-required keeps apigw's own value.
  out.required = location === 'PATH' ? p[EXT.required] !== false : p.required === true;
  readConstraints(schema, out, (m) => warn(`parameter "${name}": ${m}`));
  const description = asText(p.description);
  if (description !== undefined) out.description = description.slice(0, 1024);
  if (description && description.length > 1024) warn(`parameter "${name}": description cut to 1024 characters`);
  const example = exampleOf(p, schema, version);
  if (example !== undefined && example.length <= 1024) out.example = example;
  else if (example !== undefined) warn(`parameter "${name}": example is longer than 1024 characters and is not kept`);
  return out;
}

/** Why a parameter cannot be imported, or undefined when it can. */
function skipReason(p: Doc): string | undefined {
  if (p.in === 'body') return '';
  if (p.in === 'formData') return `form parameter "${p.name}" is passed to the backend in the body without validation`;
  if (p.in === 'cookie') return `cookie parameter "${p.name}" is not supported and is not validated`;
  if (!LOCATIONS[p.in]) return `parameter "${p.name}" in ${p.in} is not supported`;
  return undefined;
}

export function importParameters(pathLevel: unknown, operationLevel: unknown, version: 2 | 3, warn: Warn): ImportedParameters {
  const parameters: ApiParameter[] = [];
  const greedy = new Set<string>();
  const seen = new Set<string>();
  for (const raw of merged(pathLevel, operationLevel)) {
    const reason = skipReason(raw);
    if (reason !== undefined) {
      if (reason) warn(reason);
      continue;
    }
    const location = LOCATIONS[raw.in];
    let name = String(raw.name);
    if (location === 'PATH' && name.endsWith('+')) name = name.slice(0, -1);
    if (location === 'PATH' && (name !== raw.name || raw[EXT.greedy] === true)) greedy.add(name);
    const key = `${location}:${location === 'HEADER' ? name.toLowerCase() : name}`;
    if (!NAME.test(name) || seen.has(key)) {
      warn(`parameter "${name}" is skipped: ${seen.has(key) ? 'declared twice' : 'apigw names use letters, digits, _ . - (max 64)'}`);
      continue;
    }
    seen.add(key);
    parameters.push(convert({ ...raw, name }, location, version, warn));
  }
  return { parameters, greedy };
}
