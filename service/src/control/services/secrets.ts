/** Sealing and opening a resource's sensitive fields (wherever they nest) with the master key. */
import type { ResourceKind } from '../catalogue/types';
import { sensitiveValues } from '../catalogue/walk';
import type { SecretBox } from '../security/secret-box';

export function sealSecrets(kind: ResourceKind, data: Record<string, any>, box: SecretBox): Record<string, any> {
  const copy = structuredClone(data);
  for (const v of sensitiveValues(kind.fields, copy)) if (!box.isSealed(v.value)) v.set(box.seal(v.value as string));
  return copy;
}

export function openSecrets(kind: ResourceKind, data: Record<string, any>, box: SecretBox): Record<string, any> {
  const copy = structuredClone(data);
  for (const v of sensitiveValues(kind.fields, copy)) if (box.isSealed(v.value)) v.set(box.open(v.value as string));
  return copy;
}
