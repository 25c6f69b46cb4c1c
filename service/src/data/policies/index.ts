/**
 * The policies of the pipeline, in the order they run: protocol, IP access control,
 * authentication, tenant access control, app authorization, throttling, parameter validation.
 * Each builds per API only when it applies.
 */
import { aclIpPolicy, aclTenantPolicy } from './acl';
import { appAuthorizationPolicy } from './app-authorization';
import { authenticationPolicy } from './authentication';
import { parametersPolicy } from './parameters';
import { protocolPolicy } from './protocol';
import { throttlingPolicy } from './throttling';
import type { PolicyFactory } from './types';

export const POLICY_FACTORIES: readonly PolicyFactory[] = [
  protocolPolicy,
  aclIpPolicy,
  authenticationPolicy,
  aclTenantPolicy,
  appAuthorizationPolicy,
  throttlingPolicy,
  parametersPolicy,
];
