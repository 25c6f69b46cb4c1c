/** Resetting an app secret: the old secret stops working with the next configuration swap. */
import { kindOf } from '../catalogue/kinds';
import { newAppSecret } from '../resources/app';
import type { RequestContext } from '../resources/hooks';
import { presentResource, type PublicResource } from './present';
import type { ResourceService } from './resource-service';
import { sealSecrets } from './secrets';

export function resetAppSecret(service: ResourceService, ctx: RequestContext, appId: string): Promise<PublicResource> {
  const kind = kindOf('app');
  return service.inTransaction(ctx, async (w) => {
    const app = service.open(kind, await service.mustGet(ctx.tenant, kind, appId, w));
    const data = { ...app.data, app_secret: newAppSecret() };
    await w.resources.update({ ...app, data: sealSecrets(kind, data, w.secrets), updatedAt: w.now }, w.tx);
    await w.audit('reset_secret', 'app', appId, { name: app.name });
    return presentResource(kind, { ...app, data, updatedAt: w.now }, { revealOnce: true });
  });
}
