/**
 * Tenants come into being with their first request: the tenant row and its RELEASE stage are
 * created once, in one transaction, and remembered so later requests skip the check.
 */
import { RELEASE_STAGE } from '../catalogue/kinds/stage';
import { TenantRepository } from '../db/tenant-repository';
import type { RequestContext } from '../resources/hooks';
import type { ResourceService } from './resource-service';
import { newId } from './resource-service';
import { kindOf } from '../catalogue/kinds';

export class TenantService {
  private readonly known = new Set<string>();
  private readonly tenants: TenantRepository;

  constructor(private readonly service: ResourceService) {
    this.tenants = new TenantRepository(service.db.sequelize);
  }

  async ensure(ctx: RequestContext): Promise<void> {
    if (this.known.has(ctx.tenant)) return;
    if (!(await this.tenants.exists(ctx.tenant))) {
      await this.service.inTransaction({ ...ctx, actor: 'system', dryRun: false }, async (w) => {
        if (!(await this.tenants.insertIfMissing(ctx.tenant, w.now, w.tx))) return;
        const id = newId();
        await this.service.write(w, kindOf('stage'), id, { name: RELEASE_STAGE, description: 'Production stage (always exists).' });
        await w.audit('create', 'stage', id, { name: RELEASE_STAGE });
      });
    }
    this.known.add(ctx.tenant);
  }
}
