/** Visiting every object of a parsed document, for the checks and fixes that run before validation. */
import type { Doc } from './types';

export const isObject = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

const escape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Calls `visit` with each object (not array) in the tree and its JSON pointer, in document order.
 * YAML aliases can make the same object appear twice or even contain itself, so each object is
 * visited once; an explicit stack keeps absurdly deep uploads from overflowing the call stack.
 */
export function forEachObject(root: unknown, visit: (node: Doc, pointer: string) => void): void {
  const seen = new Set<object>();
  const stack: [unknown, string][] = [[root, '#']];
  while (stack.length) {
    const [node, pointer] = stack.pop()!;
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    if (!Array.isArray(node)) visit(node as Doc, pointer);
    const children = Object.entries(node).map(([key, child]): [unknown, string] => [child, `${pointer}/${escape(key)}`]);
    stack.push(...children.reverse());
  }
}
