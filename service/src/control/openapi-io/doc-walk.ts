/** Visiting every object of a parsed document, for the checks and fixes that run before validation. */
import type { Doc } from './types';

export const isObject = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

const escape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Calls `visit` with each object (not array) in the tree and its JSON pointer. YAML aliases can make
 * the same object appear twice or even contain itself, so each object is visited once.
 */
export function forEachObject(root: unknown, visit: (node: Doc, pointer: string) => void): void {
  const seen = new Set<object>();
  const walk = (node: unknown, pointer: string): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    if (!Array.isArray(node)) visit(node as Doc, pointer);
    for (const [key, child] of Object.entries(node)) walk(child, `${pointer}/${escape(key)}`);
  };
  walk(root, '#');
}
