/**
 * Header field lines of an HTTP/1.1 head (RFC 9110 §5, RFC 9112 §5), shared by the server's request
 * parser and the upstream client's response parser. Strict on purpose: a proxy that reads fields
 * more leniently than the backend behind it invites request smuggling, so obs-fold, whitespace
 * before the colon, non-token names and control characters in values are refused.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { knownFieldName } from './field-names';

export interface ParsedFields {
  headers: IncomingHttpHeaders;
  /** Bytes of the field lines, CRLFs included. */
  bytes: number;
}

export interface FieldError {
  error: string;
}

/** tchar (RFC 9110 §5.6.2): the characters a field name may hold. */
const TOKEN = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") TOKEN[c.charCodeAt(0)] = 1;

export function isToken(s: string, from = 0, to = s.length): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c > 127 || TOKEN[c] === 0) return false;
  }
  return true;
}

/** Field values may hold HTAB, visible ASCII and obs-text, but no other control character. */
function hasControl(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if ((c < 32 && c !== 9) || c === 127) return true;
  }
  return false;
}

/** Repeats of these keep the first value, as node:http does (Host is refused instead: see combine). */
const FIRST_WINS = new Set([
  'host', 'content-type', 'user-agent', 'referer', 'authorization', 'proxy-authorization', 'if-modified-since',
  'if-unmodified-since', 'from', 'location', 'max-forwards', 'retry-after', 'etag', 'last-modified', 'server', 'age', 'expires',
]);

/**
 * Headers are plain objects (node:http's writeHead and for-in loops are measurably slower on
 * null-prototype ones), so a name inherited from Object.prototype ("constructor", "toString") reads
 * as a function: that means "not set yet". __proto__ itself is refused by the parser.
 */
function own(headers: IncomingHttpHeaders, name: string): string | string[] | undefined {
  const v = headers[name];
  return typeof v === 'function' ? undefined : v;
}

function combine(headers: IncomingHttpHeaders, name: string, value: string): string | undefined {
  const prior = own(headers, name);
  if (prior === undefined) {
    headers[name] = name === 'set-cookie' ? [value] : value;
    return undefined;
  }
  if (name === 'content-length') return prior === value ? undefined : 'conflicting Content-Length values';
  // RFC 9112 §3.2: a request with more than one Host is refused (two hosts could route two ways).
  if (name === 'host') return 'more than one Host header';
  if (Array.isArray(prior)) prior.push(value);
  else if (name === 'cookie') headers[name] = `${prior}; ${value}`;
  else if (!FIRST_WINS.has(name)) headers[name] = `${prior}, ${value}`;
  return undefined;
}

function append(headers: IncomingHttpHeaders, name: string, value: string): void {
  const prior = own(headers, name);
  if (prior === undefined) headers[name] = value;
  else if (Array.isArray(prior)) prior.push(value);
  else headers[name] = [prior, value];
}

const isBlank = (c: number) => c === 32 || c === 9;

/** One field line as readFieldLine found it: the lowercase name, the value's bounds (OWS trimmed) and where the next line starts. */
export class FieldLine {
  name = '';
  from = 0;
  to = 0;
  next = 0;
}

/**
 * Reads the field line of `head` starting at `i` (lines end by `end`) into `line`; returns an
 * error message when it is malformed. Known names come back as interned constants (field-names.ts).
 */
export function readFieldLine(head: string, i: number, end: number, line: FieldLine): string | undefined {
  const eol = head.indexOf('\r\n', i);
  if (eol < 0 || eol + 2 > end) return 'a header line does not end with CRLF';
  if (isBlank(head.charCodeAt(i))) return 'folded header lines (obs-fold) are not accepted';
  const colon = head.indexOf(':', i);
  if (colon < 0 || colon > eol) return 'a header line has no colon';
  let name = knownFieldName(head, i, colon);
  if (name === undefined) {
    if (!isToken(head, i, colon)) return `invalid header name "${head.slice(i, Math.min(colon, i + 40))}"`;
    name = head.slice(i, colon).toLowerCase();
    if (name === '__proto__') return 'invalid header name "__proto__"';
  }
  let from = colon + 1;
  let to = eol;
  while (from < to && isBlank(head.charCodeAt(from))) from++;
  while (to > from && isBlank(head.charCodeAt(to - 1))) to--;
  if (hasControl(head, from, to)) return `header "${name}" holds a control character`;
  line.name = name;
  line.from = from;
  line.to = to;
  line.next = eol + 2;
  return undefined;
}

/** Reused by every parse: readFieldLine's results are read before the next line is. */
const scratch = new FieldLine();

/**
 * Parses `head` (a latin1 string) from `start` (just after the start line's CRLF) to `end` (just
 * after the last field line's CRLF). Names come back lowercase. 'request' combines repeats the way
 * node:http does (and refuses differing Content-Length values); 'list' keeps every repeat (arrays),
 * which is what a proxy forwarding a backend's answer needs.
 */
export function parseFieldLines(head: string, start: number, end: number, mode: 'request' | 'list'): ParsedFields | FieldError {
  const headers: IncomingHttpHeaders = {};
  const line = scratch;
  let i = start;
  while (i < end) {
    const error = readFieldLine(head, i, end, line);
    if (error !== undefined) return { error };
    const value = head.slice(line.from, line.to);
    if (mode === 'list') append(headers, line.name, value);
    else {
      const problem = combine(headers, line.name, value);
      if (problem) return { error: problem };
    }
    i = line.next;
  }
  return { headers, bytes: end - start };
}

/** Longest Content-Length accepted: 15 digits, far above any body limit and exact as a double. */
const MAX_LENGTH_DIGITS = 15;

function digitsValue(s: string, from: number, to: number): number {
  if (from >= to || to - from > MAX_LENGTH_DIGITS) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
}

/**
 * Content-Length (RFC 9110 §8.6), for requests and responses alike: digits only; a list (one field
 * `5, 5` or repeated fields) is accepted when every member is the same number. -1 when invalid.
 */
export function parseContentLength(value: string | string[]): number {
  const text = typeof value === 'string' ? value : value.join(',');
  if (text.indexOf(',') < 0) return digitsValue(text, 0, text.length);
  let agreed = -1;
  for (const member of text.split(',')) {
    let from = 0;
    let to = member.length;
    while (from < to && isBlank(member.charCodeAt(from))) from++;
    while (to > from && isBlank(member.charCodeAt(to - 1))) to--;
    const n = digitsValue(member, from, to);
    if (n < 0 || (agreed >= 0 && n !== agreed)) return -1;
    agreed = n;
  }
  return agreed;
}

/**
 * Whether a value the gateway is about to write cannot be one field line: CR, LF or NUL would end it
 * early (header injection), and characters above U+00FF cannot be written as latin1 (node:http refuses them too).
 */
export function breaksFieldLine(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 13 || c === 10 || c === 0 || c > 255) return true;
  }
  return false;
}

export const isFieldError = (r: ParsedFields | FieldError): r is FieldError => (r as FieldError).error !== undefined;
