/**
 * Test helper: writes msgpack bytes the way the cty docs show them, e.g.
 * mp`86 a7 "enabled" c3` — hex byte pairs and double-quoted UTF-8 text (JSON string escapes).
 */
export function mp(strings: TemplateStringsArray, ...subs: unknown[]): Uint8Array {
  const source = strings.raw.reduce((acc, s, i) => acc + s + (i < subs.length ? String(subs[i]) : ''), '');
  const out: number[] = [];
  const token = /\s*(?:([0-9a-fA-F]{2})|("(?:[^"\\]|\\.)*"))/y;
  let m: RegExpExecArray | null;
  while ((m = token.exec(source)) !== null) {
    if (m[1] !== undefined) out.push(parseInt(m[1], 16));
    else out.push(...Buffer.from(JSON.parse(m[2]) as string, 'utf8'));
    if (token.lastIndex === source.length) break;
  }
  if (token.lastIndex !== source.trimEnd().length && source.trim() !== '') {
    throw new Error(`bad byte template near offset ${token.lastIndex}: ${source}`);
  }
  return Uint8Array.from(out);
}

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').replace(/(..)(?!$)/g, '$1 ');
