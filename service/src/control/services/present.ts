/** The public JSON of a resource: its fields plus id and timestamps, without what must stay hidden. */
import type { ResourceKind } from '../catalogue/types';
import { walk } from '../catalogue/walk';
import type { StoredResource } from '../db/resource-repository';

export type PublicResource = Record<string, unknown> & { id: string };

export interface PresentOptions {
  /** Include `reveal: 'once'` secrets (the response that created or reset them). */
  revealOnce?: boolean;
}

export function presentResource(kind: ResourceKind, r: StoredResource, options: PresentOptions = {}): PublicResource {
  const data = structuredClone(r.data);
  for (const visit of walk(kind.fields, data)) {
    const reveal = visit.field.reveal;
    if (reveal === 'never' || (reveal === 'once' && !options.revealOnce)) visit.set(undefined);
  }
  const out: PublicResource = { id: r.id };
  for (const name of Object.keys(kind.fields)) {
    if (name === 'id' || name === 'created_at' || name === 'updated_at') continue;
    if (data[name] !== undefined) out[name] = data[name];
  }
  out.created_at = r.createdAt;
  out.updated_at = r.updatedAt;
  return JSON.parse(JSON.stringify(out)); // drops the undefined left by hidden nested fields
}
