/**
 * Authentication of APP APIs: the X-Ca-* signature, and — when the API enables it — an AppCode as
 * the alternative. A request carrying signature headers is judged as a signed request, so a bad
 * signature is never rescued by a code sent alongside it.
 */
import { failure, type Policy } from '../../pipeline/context';
import type { PolicyScope } from '../types';
import { createAppCodeCheck, readAppCode } from './app-code';
import { createSignatureCheck } from './app-signature';

const MISSING = failure('AUTH_MISSING', 'A signature (X-Ca-Key, X-Ca-Signature) or an AppCode is required');

export function appPolicy(scope: PolicyScope): Policy {
  const apps = scope.services.auth.apps(scope.config);
  const signature = createSignatureCheck(apps, scope.services);
  if (!scope.published.definition.app_code_auth) return { name: 'authentication', apply: signature };
  const appCode = createAppCodeCheck(apps, scope.services.options.allowAppCodeOverHttp);
  return {
    name: 'authentication',
    apply(ctx) {
      const h = ctx.req.headers;
      if (h['x-ca-key'] !== undefined || h['x-ca-signature'] !== undefined) return signature(ctx);
      const code = readAppCode(ctx.req);
      return code === undefined ? MISSING : appCode(ctx, code);
    },
  };
}
