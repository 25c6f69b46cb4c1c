/** Explains what still uses a resource, without revealing other tenants' resource ids. */
import type { Referrer } from '../db/resource-repository';

export function describeReferrers(referrers: readonly Referrer[], tenant: string): string {
  const own = referrers.filter((r) => r.sourceTenantId === tenant);
  const foreign = referrers.length - own.length;
  const parts = own.slice(0, 5).map((r) => `${r.sourceKind} "${r.sourceId}" (${r.field})`);
  if (own.length > 5) parts.push(`${own.length - 5} more`);
  if (foreign) parts.push(`${foreign} resource(s) of other tenants`);
  return `used by ${parts.join(', ')}; delete or change those first`;
}
