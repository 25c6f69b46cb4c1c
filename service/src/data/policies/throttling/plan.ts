/**
 * A throttling rule compiled for one API in one stage, at configuration swap: the period in ms, the
 * limits, and the counter scopes (built once; a call adds only the caller's tenant, app id or IP).
 *
 * Keys name their scope: BASIC counts each bound API (in its stage) alone, SHARED counts every API
 * bound to the policy together, so its scope is the policy. The scope sits in `{}` (a Redis Cluster
 * hash tag) so all keys of one call live on one node and one script can count them.
 */
import type { ThrottlingRule, TimeUnit } from '../../../shared/runtime-config';

export type Dimension = 'api' | 'tenant' | 'app' | 'ip';

export const UNIT_MS: Record<TimeUnit, number> = { SECOND: 1000, MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000 };

export interface ThrottlePlan {
  periodMs: number;
  /** "minute", "5 seconds": for messages. */
  periodText: string;
  apiScope: string;
  apiLimit: number;
  tenantScope: string;
  tenantLimit?: number;
  specialTenants?: ReadonlyMap<string, number>;
  appScope: string;
  appLimit?: number;
  specialApps?: ReadonlyMap<string, number>;
  ipScope: string;
  ipLimit?: number;
}

function periodText(unit: TimeUnit, interval: number): string {
  const word = unit.toLowerCase();
  return interval === 1 ? word : `${interval} ${word}s`;
}

/** The API's own counter has no caller id: its scope is the whole key. */
function scopes(scope: string, periodMs: number) {
  const base = `{${scope}}:${periodMs}:`;
  return { apiScope: `${base}a`, tenantScope: `${base}t:`, appScope: `${base}p:`, ipScope: `${base}i:` };
}

const specials = (limits: Record<string, number>): ReadonlyMap<string, number> | undefined =>
  Object.keys(limits).length ? new Map(Object.entries(limits)) : undefined;

export function planForRule(rule: ThrottlingRule, apiId: string, stageId: string): ThrottlePlan {
  const interval = Math.max(1, Math.floor(rule.time_interval || 1));
  const periodMs = UNIT_MS[rule.time_unit] * interval;
  const scope = rule.type === 'SHARED' ? `s/${rule.policy_id}` : `b/${apiId}/${stageId}`;
  return {
    periodMs, periodText: periodText(rule.time_unit, interval), ...scopes(scope, periodMs),
    apiLimit: rule.api_limit, tenantLimit: rule.tenant_limit, appLimit: rule.app_limit, ipLimit: rule.ip_limit,
    specialTenants: specials(rule.special_tenants ?? {}), specialApps: specials(rule.special_apps ?? {}),
  };
}

/** The default limit of APIs with no bound policy: per API and stage, per second. */
export function defaultPlan(perSecond: number, apiId: string, stageId: string): ThrottlePlan {
  return { periodMs: 1000, periodText: 'second', ...scopes(`d/${apiId}/${stageId}`, 1000), apiLimit: perSecond };
}
