/** IP access control (runs before authentication). (Slot: being implemented.) */
import type { PolicyFactory } from '../types';

export const aclIpPolicy: PolicyFactory = {
  name: 'acl-ip',
  build: () => undefined,
};

/** Tenant access control needs the caller's tenant, so it runs after authentication. (Slot.) */
export const aclTenantPolicy: PolicyFactory = {
  name: 'acl-tenant',
  build: () => undefined,
};
