/** The unique keys a resource claims, as rows of resource_keys (the database enforces uniqueness). */
import type { ResourceKind } from '../catalogue/types';
import { digest } from '../security/secret-box';

export const GLOBAL_SCOPE = '*';

export function uniqueKeysOf(kind: ResourceKind, tenant: string, data: Record<string, any>) {
  return (kind.unique ?? []).flatMap((u) => {
    const values = u.fields.map((f) => data[f]);
    if (values.some((v) => v === undefined || v === null)) return [];
    // Sensitive values (an AppCode) are stored as digests: the keys table is not encrypted.
    const parts = u.fields.map((f, i) => (kind.fields[f]?.sensitive ? digest(String(values[i])) : String(values[i])));
    const shown = u.fields.filter((f) => !kind.fields[f]?.sensitive).map((f) => `${f} "${data[f]}"`).join(' and ');
    return [{
      scope: u.scope === 'global' ? GLOBAL_SCOPE : tenant,
      key: `${u.fields.join(',')}=${parts.join('\u001f')}`,
      constraint: `a ${kind.kind} with ${shown || u.fields.join(' and ')} already exists`,
    }];
  });
}
