/**
 * The string an app signs, in Alibaba Cloud API Gateway's X-Ca-* scheme, so that its SDKs work
 * unchanged (docs/authentication.md has the full description and its sources):
 *
 *   HTTPMethod "\n" Accept "\n" Content-MD5 "\n" Content-Type "\n" Date "\n" Headers PathAndParameters
 *
 * Headers: every header named in X-Ca-Signature-Headers, lowercased, sorted, without the six that
 * have a line of their own or carry the signature, each as `name:value\n`. PathAndParameters: the
 * path as sent, then — when there are query or form parameters — `?` and the parameters sorted by
 * key as `key=value` joined by `&` (`key` alone when the value is empty), decoded, first value of a
 * repeated key, a form value replacing a query value of the same key (as the SDKs build it).
 */
import type { IncomingHttpHeaders } from 'node:http';

const EXCLUDED = new Set(['x-ca-signature', 'x-ca-signature-headers', 'accept', 'content-md5', 'content-type', 'date']);
const NONE: readonly string[] = Object.freeze([]);
/** Clients send the same header list on every call: parse each distinct list once. */
const parsedLists = new Map<string, readonly string[]>();
const MAX_PARSED_LISTS = 256;

function parseList(raw: string): readonly string[] {
  const names = new Set<string>();
  for (const part of raw.split(',')) {
    const name = part.trim().toLowerCase();
    if (name !== '' && !EXCLUDED.has(name)) names.add(name);
  }
  return Object.freeze([...names].sort());
}

/** The signed header names of X-Ca-Signature-Headers, lowercased, deduplicated and sorted. */
export function signedHeaderNames(raw: string | string[] | undefined): readonly string[] {
  if (raw === undefined || raw === '') return NONE;
  const list = Array.isArray(raw) ? raw.join(',') : raw;
  let names = parsedLists.get(list);
  if (names) return names;
  names = parseList(list);
  if (parsedLists.size < MAX_PARSED_LISTS) parsedLists.set(list, names);
  return names;
}

function text(value: string | string[] | undefined): string {
  if (value === undefined) return '';
  return Array.isArray(value) ? value.join(',') : value;
}

/** Above this many parameters a Map replaces the linear scans (a long query must not cost O(n²)). */
const SMALL = 16;

/** Collects the first value of each key; a form value replaces a query value of the same key. */
function collect(params: URLSearchParams, keys: string[], values: string[], index: Map<string, number> | undefined, fromForm: boolean): void {
  const known = keys.length;
  const seen = fromForm ? new Set<string>() : undefined;
  params.forEach((value, key) => {
    if (seen) {
      if (seen.has(key)) return;
      seen.add(key);
    }
    const at = index ? index.get(key) ?? -1 : keys.indexOf(key);
    if (at === -1) {
      index?.set(key, keys.length);
      keys.push(key);
      values.push(value);
    } else if (fromForm && at < known) {
      values[at] = value;
    }
  });
}

/** Path, then the sorted query and form parameters when there are any. */
export function pathAndParameters(path: string, query: URLSearchParams, form?: URLSearchParams): string {
  if (query.size === 0 && (form === undefined || form.size === 0)) return path;
  const keys: string[] = [];
  const values: string[] = [];
  const index = query.size + (form?.size ?? 0) > SMALL ? new Map<string, number>() : undefined;
  collect(query, keys, values, index, false);
  if (form) collect(form, keys, values, index, true);
  const order = keys.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
  let out = `${path}?`;
  for (let i = 0; i < order.length; i++) {
    const key = keys[order[i]];
    const value = values[order[i]];
    if (i > 0) out += '&';
    out += value === '' ? key : `${key}=${value}`;
  }
  return out;
}

export interface SignedParts {
  method: string;
  headers: IncomingHttpHeaders;
  /** Signed header names, from signedHeaderNames(). */
  signedHeaders: readonly string[];
  /** Raw path as sent (percent-encoding kept). */
  path: string;
  query: URLSearchParams;
  form?: URLSearchParams;
}

export function buildStringToSign(p: SignedParts): string {
  const h = p.headers;
  let s = `${p.method}\n${text(h.accept)}\n${text(h['content-md5'])}\n${text(h['content-type'])}\n${text(h.date)}\n`;
  for (const name of p.signedHeaders) s += `${name}:${text(h[name])}\n`;
  return s + pathAndParameters(p.path, p.query, p.form);
}
