/**
 * Caller authentication, per API auth type: NONE builds no policy; APP verifies the X-Ca-*
 * signature (or an AppCode when enabled); AUTHORIZER runs the API's frontend authorizer (JWT or
 * external HTTP). Refusals are counted as denied requests. A configuration the policy cannot use
 * (missing authorizer, unreadable key) refuses the API's calls with AUTHORIZER_FAILURE rather than
 * failing the whole configuration swap.
 */
import type { RuntimeAuthorizer } from '../../../shared/runtime-config';
import { failure, type Decision, type Policy } from '../../pipeline/context';
import type { PolicyFactory, PolicyScope } from '../types';
import { appPolicy } from './app';
import { httpAuthorizer } from './http-authorizer';
import { jwtAuthorizer } from './jwt-authorizer';

function unusable(scope: PolicyScope, why: string): Policy {
  scope.services.log?.warn({ api: scope.published.definition.id, stage: scope.stage.name }, `authentication: ${why}`);
  const refusal = failure('AUTHORIZER_FAILURE', why);
  return { name: 'authentication', apply: () => refusal };
}

function authorizerPolicy(scope: PolicyScope): Policy {
  const id = scope.published.definition.authorizer_id;
  const authorizer: RuntimeAuthorizer | undefined = id && Object.hasOwn(scope.config.authorizers, id) ? scope.config.authorizers[id] : undefined;
  if (!authorizer) return unusable(scope, 'The authorizer of this API is not configured');
  if (authorizer.target !== 'FRONTEND') return unusable(scope, 'The authorizer of this API is not a frontend authorizer');
  if (authorizer.type === 'JWT' && authorizer.jwt) return jwtAuthorizer(authorizer, scope.services);
  if (authorizer.type === 'HTTP' && authorizer.http) return httpAuthorizer(authorizer, scope.services);
  return unusable(scope, 'The authorizer of this API has no settings for its type');
}

/** Counts refusals (not authorizer failures, which are the gateway's problem, not the caller's). */
function counted(scope: PolicyScope, policy: Policy): Policy {
  const labels = { group: scope.group.id, api: scope.published.definition.id, stage: scope.stage.name, reason: 'authentication' };
  const denied = scope.services.metrics.denied;
  const note = (d: Decision): Decision => {
    if (d && d.code !== 'AUTHORIZER_FAILURE') denied.inc(labels);
    return d;
  };
  return {
    name: policy.name,
    apply(ctx) {
      const decision = policy.apply(ctx);
      if (decision === undefined) return undefined;
      return decision instanceof Promise ? decision.then(note) : note(decision);
    },
  };
}

export const authenticationPolicy: PolicyFactory = {
  name: 'authentication',
  build(scope): Policy | undefined {
    const type = scope.published.definition.auth_type;
    if (type === 'NONE') return undefined;
    try {
      return counted(scope, type === 'APP' ? appPolicy(scope) : authorizerPolicy(scope));
    } catch (error) {
      return unusable(scope, `The authentication settings cannot be used (${error instanceof Error ? error.message : 'unknown error'})`);
    }
  },
};
