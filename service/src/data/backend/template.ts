/**
 * Backend address and path templates, resolved when the configuration is compiled: `#variables#`
 * come from the stage, `{params}` are filled per request.
 */
export type PathPart = { text: string } | { param: string };

const VARIABLE = /#([A-Za-z][A-Za-z0-9_-]*)#/g;

/** Substitutes stage variables; returns the names that are not defined. */
export function substituteVariables(template: string, variables: Readonly<Record<string, string>>): { value: string; missing: string[] } {
  const missing: string[] = [];
  const value = template.replace(VARIABLE, (_m, name: string) => {
    if (name in variables) return variables[name];
    missing.push(name);
    return '';
  });
  return { value, missing };
}

/** `/users/{id}/files/{path+}` → static text and parameter slots. */
export function parsePathTemplate(path: string): PathPart[] {
  const parts: PathPart[] = [];
  let last = 0;
  for (const m of path.matchAll(/\{([^{}+]+)\+?\}/g)) {
    if (m.index! > last) parts.push({ text: path.slice(last, m.index) });
    parts.push({ param: m[1] });
    last = m.index! + m[0].length;
  }
  if (last < path.length) parts.push({ text: path.slice(last) });
  return parts;
}

/** Fills the slots, percent-encoding each value segment by segment (greedy values keep their slashes). */
export function renderPath(parts: readonly PathPart[], values: Readonly<Record<string, string | undefined>>): string {
  let out = '';
  for (const part of parts) {
    if ('text' in part) out += part.text;
    else out += (values[part.param] ?? '').split('/').map(encodeURIComponent).join('/');
  }
  return out;
}
