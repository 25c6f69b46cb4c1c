/**
 * Method + path routing over a segment trie, built once per configuration. `{name}` matches one
 * segment, a trailing `{name+}` the rest; PREFIX routes also match longer paths and hand the rest on.
 * Static segments win over parameters, parameters over greedy ones, exact over prefix; lookups
 * backtrack, and their cost depends on the path's length, not on the number of routes.
 */

export interface RouteSpec<T> {
  method: string; // an HTTP method or ANY
  path: string;
  prefix: boolean;
  value: T;
}

export interface RouteMatch<T> {
  value: T;
  params: Record<string, string>;
  /** With PREFIX routes: the unmatched rest of the path, starting with `/` (or empty). */
  rest: string;
}

interface Endpoint<T> {
  value: T;
  /** Parameter name per captured segment position (in order of capture). */
  names: string[];
  greedyName?: string;
}

type MethodTable<T> = Map<string, Endpoint<T>>;

class Node<T> {
  statics = new Map<string, Node<T>>();
  param?: Node<T>;
  greedy?: MethodTable<T>;
  exact?: MethodTable<T>;
  prefix?: MethodTable<T>;
}

export function splitPath(path: string): string[] {
  const parts = path.split('/');
  parts.shift(); // leading ''
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop(); // trailing slash
  return parts;
}

const lookupMethod = <T>(table: MethodTable<T> | undefined, method: string): Endpoint<T> | undefined =>
  table && (table.get(method) ?? table.get('ANY'));

export class Router<T> {
  private readonly root = new Node<T>();

  constructor(specs: Iterable<RouteSpec<T>>) {
    for (const spec of specs) this.add(spec);
  }

  private add(spec: RouteSpec<T>): void {
    let node = this.root;
    const names: string[] = [];
    let greedyName: string | undefined;
    for (const segment of splitPath(spec.path)) {
      const m = /^\{([^{}+]+)(\+?)\}$/.exec(segment);
      if (m && m[2]) { greedyName = m[1]; break; }
      if (m) { names.push(m[1]); node = node.param ??= new Node<T>(); continue; }
      let next = node.statics.get(segment);
      if (!next) { next = new Node<T>(); node.statics.set(segment, next); }
      node = next;
    }
    const endpoint: Endpoint<T> = { value: spec.value, names, greedyName };
    const table = greedyName ? (node.greedy ??= new Map()) : spec.prefix ? (node.prefix ??= new Map()) : (node.exact ??= new Map());
    if (!table.has(spec.method)) table.set(spec.method, endpoint);
  }

  match(method: string, path: string): RouteMatch<T> | undefined {
    const segments = splitPath(path);
    const captured: string[] = [];
    const found = this.walk(this.root, segments, 0, method, captured);
    if (!found) return undefined;
    const { endpoint, values, consumed } = found;
    const params: Record<string, string> = {};
    endpoint.names.forEach((name, i) => { params[name] = values[i]; });
    let rest = '';
    if (endpoint.greedyName) params[endpoint.greedyName] = segments.slice(consumed).join('/');
    else if (consumed < segments.length) rest = '/' + segments.slice(consumed).join('/');
    return { value: endpoint.value, params, rest };
  }

  private walk(node: Node<T>, segs: string[], i: number, method: string, captured: string[]):
    { endpoint: Endpoint<T>; values: string[]; consumed: number } | undefined {
    if (i === segs.length) {
      const exact = lookupMethod(node.exact, method) ?? lookupMethod(node.prefix, method);
      if (exact) return { endpoint: exact, values: captured.slice(), consumed: i };
    } else {
      const next = node.statics.get(segs[i]);
      const viaStatic = next && this.walk(next, segs, i + 1, method, captured);
      if (viaStatic) return viaStatic;
      if (node.param && segs[i] !== '') {
        captured.push(segs[i]);
        const viaParam = this.walk(node.param, segs, i + 1, method, captured);
        captured.pop();
        if (viaParam) return viaParam;
      }
      const greedy = lookupMethod(node.greedy, method);
      if (greedy) return { endpoint: greedy, values: captured.slice(), consumed: i };
    }
    const prefix = lookupMethod(node.prefix, method);
    return prefix ? { endpoint: prefix, values: captured.slice(), consumed: i } : undefined;
  }
}
