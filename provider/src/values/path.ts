/**
 * Paths into a value, the shape of tfplugin6 `AttributePath`: attribute names, map keys and list
 * indexes. Set elements cannot be addressed (Terraform has no step for them), so paths stop at a set.
 */

export type PathStep = { attribute: string } | { key: string } | { index: number };
export type Path = readonly PathStep[];

export const attr = (attribute: string): PathStep => ({ attribute });
export const key = (k: string): PathStep => ({ key: k });
export const index = (i: number): PathStep => ({ index: i });

/** `request.path`, `parameters[2].name`, `mock_headers["X-A"]`: the style catalogue errors use. */
export function formatPath(path: Path): string {
  let out = '';
  for (const step of path) {
    if ('attribute' in step) out += out === '' ? step.attribute : `.${step.attribute}`;
    else if ('index' in step) out += `[${step.index}]`;
    else out += `[${JSON.stringify(step.key)}]`;
  }
  return out;
}

const STEP = /^(?:\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\])/;

/** Parses the dotted form back (catalogue `FieldError.field`); unparsable text → undefined. */
export function parsePath(text: string): PathStep[] | undefined {
  const steps: PathStep[] = [];
  let rest = text;
  while (rest !== '') {
    const m = STEP.exec(rest);
    if (!m) return undefined;
    if (m[1] !== undefined) steps.push(attr(m[1]));
    else if (m[2] !== undefined) steps.push(index(Number(m[2])));
    else steps.push(key(JSON.parse(`"${m[3]}"`)));
    rest = rest.slice(m[0].length);
  }
  return steps;
}

/** A decoding or conversion failure at a path inside a value. */
export class ValueError extends Error {
  constructor(readonly path: Path, readonly reason: string) {
    super(path.length ? `${formatPath(path)}: ${reason}` : reason);
  }
}
