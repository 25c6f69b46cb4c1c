/**
 * A backend answer's header fields, kept as the field lines that arrived so the proxy can forward
 * them without building an object and serialising it again (ADR 0006: that took 1.2 µs off a no-auth
 * request and 2.5 µs off a full-pipeline one). Every line is validated as parseFieldLines validates it;
 * hop-by-hop fields (RFC 9110 §7.6.1, and those Connection names) and Content-Length are cut out:
 * the writer frames the body itself from `contentLength`. An object view is built only on demand.
 *
 *   const fields = readResponseFields(head, start, end);   // or an error message
 *   res.writeHead(200, { 'x-request-id': id }, fields);   // the gateway's own fields replace the backend's
 */
import { FieldLine, isFieldError, parseContentLength, parseFieldLines, readFieldLine } from './fields';
import type { ForwardedFields, OutgoingHeaders } from './types';

const NO_NAMES: readonly string[] = Object.freeze([]);

export class ResponseFields implements ForwardedFields {
  private view: OutgoingHeaders | undefined = undefined;

  constructor(
    /** The kept field lines, verbatim, each ending in CRLF (empty when none). */
    readonly lines: string,
    /** The lowercase name of each kept line, in order (repeated fields repeat). */
    readonly names: readonly string[],
    /** The body length the backend declared (validated, one value), or -1. */
    readonly contentLength: number,
    /** A Date field is among the kept lines. */
    readonly dated: boolean,
  ) {}

  /** Lowercase names to values, repeats as arrays, content-length included when declared. Built on first use. */
  get headers(): OutgoingHeaders {
    if (this.view === undefined) {
      const parsed = parseFieldLines(this.lines, 0, this.lines.length, 'list');
      // The lines were validated when they were read: a failure here is a bug, not bad input.
      if (isFieldError(parsed)) throw new Error(`kept response fields do not parse: ${parsed.error}`);
      this.view = parsed.headers as OutgoingHeaders;
      if (this.contentLength >= 0) this.view['content-length'] = String(this.contentLength);
    }
    return this.view;
  }

  has(name: string): boolean {
    return this.names.includes(name);
  }

  get(name: string): string | string[] | undefined {
    return this.has(name) ? this.headers[name] : undefined;
  }

  /** The lines without the fields `replaced` names (the gateway's values win); usually none are. */
  linesExcept(replaced: OutgoingHeaders): string {
    let overlap = false;
    for (const name in replaced) {
      if (this.names.includes(name)) {
        overlap = true;
        break;
      }
    }
    if (!overlap) return this.lines;
    return keepLines(this.lines, this.names, (name) => replaced[name] === undefined);
  }
}

/** The lines of `lines` (CRLF-terminated, one per entry of `names`) whose name `keep` accepts. */
function keepLines(lines: string, names: readonly string[], keep: (name: string) => boolean): string {
  let out = '';
  let at = 0;
  for (const name of names) {
    const next = lines.indexOf('\r\n', at) + 2;
    if (keep(name)) out += lines.slice(at, next);
    at = next;
  }
  return out;
}

/** The hop-by-hop and framing fields: never forwarded as they arrived. */
function isCut(name: string): boolean {
  switch (name) {
    case 'connection': case 'keep-alive': case 'transfer-encoding': case 'content-length': case 'te': case 'trailer':
    case 'upgrade': case 'proxy-authenticate': case 'proxy-authorization':
      return true;
    default:
      return false;
  }
}

/** What the response parser needs from the fields it cut out (raw values, repeats joined by commas). */
export interface FramingFields {
  connection: string | undefined;
  /** Connection lists `close`. */
  close: boolean;
  keepAlive: string | undefined;
  transferEncoding: string | undefined;
  contentLength: string | undefined;
}

const joined = (prior: string | undefined, value: string) => (prior === undefined ? value : `${prior},${value}`);

/** Reused: a response head is read to the end before the next one starts. */
const line = new FieldLine();

/**
 * Reads the field lines of a response head from `start` to `end` (just after the last line's
 * CRLF). Fills `framing` with the cut fields' values; returns an error message when a line is malformed.
 */
export function readResponseFields(head: string, start: number, end: number, framing: FramingFields): ResponseFields | string {
  framing.connection = framing.keepAlive = framing.transferEncoding = framing.contentLength = undefined;
  framing.close = false;
  let lines = '';
  let names: string[] | undefined;
  let dated = false;
  let run = start; // kept lines are copied in runs: one slice unless cut lines interrupt them
  let i = start;
  while (i < end) {
    const error = readFieldLine(head, i, end, line);
    if (error !== undefined) return error;
    const name = line.name;
    if (isCut(name)) {
      const value = head.slice(line.from, line.to);
      if (name === 'connection') framing.connection = joined(framing.connection, value);
      else if (name === 'keep-alive') framing.keepAlive = joined(framing.keepAlive, value);
      else if (name === 'transfer-encoding') framing.transferEncoding = joined(framing.transferEncoding, value);
      else if (name === 'content-length') framing.contentLength = joined(framing.contentLength, value);
      if (run < i) lines += head.slice(run, i);
      run = line.next;
    } else {
      (names ??= []).push(name);
      if (name === 'date') dated = true;
    }
    i = line.next;
  }
  if (run < end) lines += head.slice(run, end);
  let kept: readonly string[] = names ?? NO_NAMES;
  const tokens = connectionTokens(framing.connection);
  framing.close = tokens.includes('close');
  // Fields a Connection header names are hop-by-hop too.
  const listed = tokens.length === 0 ? undefined : tokens.filter((t) => t !== 'close' && t !== 'keep-alive');
  if (listed !== undefined && kept.some((n) => listed.includes(n))) {
    lines = keepLines(lines, kept, (n) => !listed.includes(n));
    kept = kept.filter((n) => !listed.includes(n));
  }
  const length = framing.contentLength === undefined ? -1 : parseContentLength(framing.contentLength);
  return new ResponseFields(lines, kept, length, dated && !listed?.includes('date'));
}

const NO_TOKENS: readonly string[] = Object.freeze([]);
const CLOSE: readonly string[] = Object.freeze(['close']);

/** The lowercase tokens of a Connection value; the usual lone token needs no list parsing. */
function connectionTokens(value: string | undefined): readonly string[] {
  if (value === undefined) return NO_TOKENS;
  const lone = value.length <= 10 ? value.toLowerCase() : '';
  if (lone === 'keep-alive') return NO_TOKENS;
  if (lone === 'close') return CLOSE;
  return value.split(',').map((t) => t.trim().toLowerCase()).filter((t) => t !== '');
}
