/**
 * Request limits per API, caller tenant, app and source IP, in fixed windows aligned to the period
 * (see docs/throttling.md). Built for every API with a bound rule, and for the others with the
 * default per-second limit (0 disables it). Counting lives in DataServices.limiter, so counts survive
 * configuration swaps; this policy only chooses the keys and turns counts into a decision.
 */
import type { CallContext, Decision, Policy } from '../../pipeline/context';
import type { DataServices } from '../../services';
import { ALLOWED, type CountBatch } from '../../throttling';
import type { PolicyFactory, PolicyScope } from '../types';
import { defaultPlan, planForRule, type Dimension, type ThrottlePlan } from './plan';
import { decide, type Outcome } from './verdict';

interface PolicyBatch extends CountBatch {
  dims: Dimension[];
}

class ThrottlingPolicy implements Policy {
  readonly name = 'throttling';
  /** Reused by every call of this API: the limiter reads it before returning, and JS runs one call at a time. */
  private readonly batch: PolicyBatch;
  private readonly labels: Record<Dimension, Record<'group' | 'api' | 'stage' | 'dimension', string>>;

  constructor(private readonly plan: ThrottlePlan, private readonly services: DataServices, scope: PolicyScope) {
    this.batch = { n: 1, scopes: [plan.apiScope], ids: [''], limits: [plan.apiLimit], dims: ['api'], window: 0, resetAt: 0, now: 0 };
    const route = { group: scope.group.id, api: scope.published.definition.id, stage: scope.stage.name };
    this.labels = {
      api: { ...route, dimension: 'api' }, tenant: { ...route, dimension: 'tenant' },
      app: { ...route, dimension: 'app' }, ip: { ...route, dimension: 'ip' },
    };
  }

  private add(n: number, scope: string, id: string, limit: number, dim: Dimension): number {
    const b = this.batch;
    b.scopes[n] = scope;
    b.ids[n] = id;
    b.limits[n] = limit;
    b.dims[n] = dim;
    return n + 1;
  }

  /** Fills the batch with the dimensions that apply to this caller (the API's own is always first). */
  private fill(ctx: CallContext, now: number): number {
    const { plan, batch } = this;
    const window = Math.floor(now / plan.periodMs);
    batch.window = window;
    batch.resetAt = (window + 1) * plan.periodMs;
    batch.now = now;
    let n = 1;
    const app = ctx.app;
    if (app !== undefined) {
      const tenantLimit = plan.specialTenants?.get(app.tenant) ?? plan.tenantLimit;
      if (tenantLimit !== undefined && app.tenant) n = this.add(n, plan.tenantScope, app.tenant, tenantLimit, 'tenant');
      const appLimit = plan.specialApps?.get(app.id) ?? plan.appLimit;
      if (appLimit !== undefined) n = this.add(n, plan.appScope, app.id, appLimit, 'app');
    }
    if (plan.ipLimit !== undefined) n = this.add(n, plan.ipScope, ctx.sourceIp, plan.ipLimit, 'ip');
    batch.n = n;
    return n;
  }

  apply(ctx: CallContext): Decision | Promise<Decision> {
    const now = this.services.now();
    const n = this.fill(ctx, now);
    const b = this.batch;
    const counts = ctx.debug === undefined ? undefined : new Array<number>(n).fill(0);
    const result = this.services.limiter.take(b, counts);
    if (typeof result === 'number') {
      if (result === ALLOWED && counts === undefined) return undefined; // the hot path: nothing allocated
      return this.conclude(ctx, { blocked: result, n, dims: b.dims, limits: b.limits, counts, resetAt: b.resetAt, now });
    }
    const pending = { n, dims: b.dims.slice(0, n), limits: b.limits.slice(0, n), counts, resetAt: b.resetAt, now };
    return result.then((blocked) => this.conclude(ctx, { ...pending, blocked }));
  }

  private conclude(ctx: CallContext, outcome: Outcome): Decision {
    return decide(ctx, outcome, this.plan, (dim) => this.services.metrics.throttled.inc(this.labels[dim]));
  }
}

export const throttlingPolicy: PolicyFactory = {
  name: 'throttling',
  build(scope): Policy | undefined {
    const { published, stage, services } = scope;
    const apiId = published.definition.id;
    if (published.throttling) return new ThrottlingPolicy(planForRule(published.throttling, apiId, stage.id), services, scope);
    const perSecond = services.options.defaultRateLimitPerSecond;
    return perSecond > 0 ? new ThrottlingPolicy(defaultPlan(perSecond, apiId, stage.id), services, scope) : undefined;
  },
};
