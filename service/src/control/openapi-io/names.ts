/**
 * API names from operationIds. The catalogue allows `^[A-Za-z][A-Za-z0-9_.-]*$` up to 64 characters,
 * unique per group; operationIds are free text ("find pet by id"), so they are folded into that
 * alphabet. Valid names come through unchanged, which keeps export → import lossless.
 */

const MAX = 64;
const VALID = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

export function sanitiseName(raw: string): string {
  if (VALID.test(raw)) return raw;
  let name = raw.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/_{2,}/g, '_').replace(/^[_.-]+|_+$/g, '');
  if (!/^[A-Za-z]/.test(name)) name = `api_${name}`.replace(/_+$/, '');
  return name.slice(0, MAX);
}

/** `GET /pets/{petId}` → `get_pets_petId`. */
export const nameFromRoute = (method: string, path: string): string => sanitiseName(`${method.toLowerCase()} ${path}`);

/** Hands out names unique within one import, case-insensitively (what a user would call a clash). */
export class NameAllocator {
  private readonly taken = new Set<string>();

  allocate(base: string): string {
    let name = base;
    for (let n = 2; this.taken.has(name.toLowerCase()); n += 1) {
      const suffix = `_${n}`;
      name = base.slice(0, MAX - suffix.length) + suffix;
    }
    this.taken.add(name.toLowerCase());
    return name;
  }
}
