/**
 * Request paths between OpenAPI and apigw. Both write `{name}` for one segment; apigw's greedy
 * `{name+}` (the rest of the path) is written in OpenAPI as `{name}` with `x-apigw-greedy: true` on
 * the parameter, which standard tools accept. AWS-style `{name+}` in an imported path is read too.
 */
import { isObject } from './doc-walk';
import type { Doc } from './types';

const SEGMENT = /^\{([A-Za-z0-9_.-]+)(\+?)\}$/;
const MAX_PATH = 512;

export type ImportedPath = { path: string } | { skip: string };

function joinBase(base: string, key: string): string {
  if (!base) return key;
  return key === '/' ? base : base + key;
}

/**
 * The apigw path for an OpenAPI path key. `greedy` names the path parameters marked greedy; a
 * segment mixing text and a template (`/files/{name}.json`) has no apigw equivalent.
 */
export function importPath(key: string, base: string, greedy: ReadonlySet<string>): ImportedPath {
  const full = joinBase(base, key);
  if (/[?#]/.test(full)) return { skip: `path "${key}" contains "?" or "#"` };
  if (full.length > MAX_PATH) return { skip: `path is longer than ${MAX_PATH} characters` };
  const segments = full.split('/').map((segment) => {
    if (!/[{}]/.test(segment)) return segment;
    const m = SEGMENT.exec(segment);
    if (!m) return undefined;
    return m[2] || greedy.has(m[1]) ? `{${m[1]}+}` : segment;
  });
  const bad = segments.indexOf(undefined);
  if (bad >= 0) {
    return { skip: `path segment "${full.split('/')[bad]}" mixes text and a template; apigw needs a whole {name} segment` };
  }
  return { path: segments.join('/') };
}

/** The OpenAPI path key for an apigw path, and the names of its greedy parameters. */
export function exportPath(path: string): { key: string; greedy: Set<string> } {
  const greedy = new Set<string>();
  const key = path.replace(/\{([^{}]+)\+\}/g, (_, name: string) => {
    greedy.add(name);
    return `{${name}}`;
  });
  return { key, greedy };
}

function serverPath(doc: Doc): string {
  const server = Array.isArray(doc.servers) ? doc.servers[0] : undefined;
  if (!isObject(server) || typeof server.url !== 'string') return '';
  const variables: Doc = isObject(server.variables) ? server.variables : {};
  const url = server.url.replace(/\{([^{}]+)\}/g, (_, name: string) => String(variables[name]?.default ?? ''));
  try {
    return decodeURI(new URL(url, 'http://relative.invalid').pathname);
  } catch {
    return '';
  }
}

/** Swagger 2 `basePath`, or the path of the first OpenAPI 3 server; '' when it is just `/`. */
export function documentBasePath(doc: Doc, version: 2 | 3): string {
  const raw = version === 2 ? (typeof doc.basePath === 'string' ? doc.basePath : '') : serverPath(doc);
  const trimmed = raw.replace(/\/+$/, '');
  return trimmed && trimmed.startsWith('/') ? trimmed : '';
}
