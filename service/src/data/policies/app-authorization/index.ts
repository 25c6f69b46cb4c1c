/**
 * For APP APIs, the authenticated app must be authorized for the API in this stage. The list is
 * compiled into a Set once per configuration; a revoked authorization, a deleted app or a reset
 * secret takes effect with the next configuration swap, because apps and grants come from it.
 */
import { failure, type Policy } from '../../pipeline/context';
import type { PolicyFactory } from '../types';

export const appAuthorizationPolicy: PolicyFactory = {
  name: 'app-authorization',
  build({ published, group, stage, services }): Policy | undefined {
    if (published.definition.auth_type !== 'APP') return undefined;
    const authorized = new Set(published.authorized_apps);
    const labels = { group: group.id, api: published.definition.id, stage: stage.name, reason: 'app_authorization' };
    const refusal = failure('APP_NOT_AUTHORIZED', `The app is not authorized for this API in stage ${stage.name}`);
    return {
      name: 'app-authorization',
      apply(ctx) {
        if (ctx.app && authorized.has(ctx.app.id)) return undefined;
        services.metrics.denied.inc(labels);
        return refusal;
      },
    };
  },
};
