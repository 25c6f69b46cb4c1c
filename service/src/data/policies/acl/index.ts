/**
 * Access control lists bound to an API in a stage. ALLOW admits only the listed values, DENY
 * refuses them. The IP list runs before authentication (cheapest refusal first); the tenant list
 * needs the caller's app, so it runs after authentication — a caller without an app has no tenant,
 * which an ALLOW list refuses and a DENY list lets through.
 */
import { failure, type Decision, type Policy } from '../../pipeline/context';
import type { PolicyFactory, PolicyScope } from '../types';
import { compileIpList } from './ip-matcher';

function deniedCounter(scope: PolicyScope, reason: string): () => void {
  const labels = { group: scope.group.id, api: scope.published.definition.id, stage: scope.stage.name, reason };
  const denied = scope.services.metrics.denied;
  return () => denied.inc(labels);
}

export const aclIpPolicy: PolicyFactory = {
  name: 'acl-ip',
  build(scope): Policy | undefined {
    const rule = scope.published.acl;
    if (!rule || rule.entity_type !== 'IP') return undefined;
    const matcher = compileIpList(rule.values);
    const admitListed = rule.type === 'ALLOW';
    const count = deniedCounter(scope, 'acl_ip');
    const refusal = failure('IP_DENIED', admitListed ? 'The source IP is not in the allow list of this API' : 'The source IP is in the deny list of this API');
    return {
      name: 'acl-ip',
      apply(ctx): Decision {
        if (matcher.matches(ctx.sourceIp) === admitListed) return undefined;
        count();
        return refusal;
      },
    };
  },
};

export const aclTenantPolicy: PolicyFactory = {
  name: 'acl-tenant',
  build(scope): Policy | undefined {
    const rule = scope.published.acl;
    if (!rule || rule.entity_type !== 'TENANT') return undefined;
    const tenants = new Set(rule.values);
    const admitListed = rule.type === 'ALLOW';
    const count = deniedCounter(scope, 'acl_tenant');
    const refusal = failure('TENANT_DENIED', admitListed ? 'The caller tenant is not in the allow list of this API' : 'The caller tenant is in the deny list of this API');
    return {
      name: 'acl-tenant',
      apply(ctx): Decision {
        const tenant = ctx.app?.tenant;
        const listed = tenant !== undefined && tenants.has(tenant);
        if (listed === admitListed) return undefined;
        count();
        return refusal;
      },
    };
  },
};
