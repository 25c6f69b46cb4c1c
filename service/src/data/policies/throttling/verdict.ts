/**
 * Turns what the limiter counted into the policy's decision: nothing when allowed; THROTTLED (429)
 * with Retry-After and a message naming the dimension otherwise. In debug mode, the remaining calls
 * of each dimension go to the debug headers (and onto the 429 itself, which carries no debug headers).
 */
import { failure, type CallContext, type Decision } from '../../pipeline/context';
import { ALLOWED } from '../../throttling';
import type { Dimension, ThrottlePlan } from './plan';

/** What one call was counted against, and the limiter's answer. */
export interface Outcome {
  /** ALLOWED, or the index of the dimension at its limit. */
  blocked: number;
  n: number;
  dims: readonly Dimension[];
  limits: readonly number[];
  /** Count per dimension (debug mode only). */
  counts?: readonly number[];
  resetAt: number;
  now: number;
}

export const REMAINING_HEADER: Record<Dimension, string> = {
  api: 'X-Apig-RateLimit-Api-Remaining',
  tenant: 'X-Apig-RateLimit-Tenant-Remaining',
  app: 'X-Apig-RateLimit-App-Remaining',
  ip: 'X-Apig-RateLimit-Ip-Remaining',
};

const DIMENSION_NAME: Record<Dimension, string> = { api: 'API', tenant: 'tenant', app: 'app', ip: 'source IP' };

/** Whole seconds until the window resets, at least 1 (a 0 would invite an immediate retry storm). */
export const retryAfterSeconds = (resetAt: number, now: number): number => Math.max(1, Math.ceil((resetAt - now) / 1000));

function remaining(o: Outcome): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < o.n; i++) {
    const left = i === o.blocked ? 0 : Math.max(0, o.limits[i] - (o.counts?.[i] ?? 0));
    out[REMAINING_HEADER[o.dims[i]]] = String(left);
  }
  return out;
}

export function decide(ctx: CallContext, o: Outcome, plan: ThrottlePlan, onThrottled: (d: Dimension) => void): Decision {
  const debug = ctx.debug !== undefined && o.counts !== undefined ? remaining(o) : undefined;
  if (debug) Object.assign(ctx.debug!, debug);
  if (o.blocked === ALLOWED) return undefined;
  const dim = o.dims[o.blocked];
  onThrottled(dim);
  const retry = retryAfterSeconds(o.resetAt, o.now);
  const message = `Throttled: the ${DIMENSION_NAME[dim]} limit of ${o.limits[o.blocked]} requests per ${plan.periodText} is reached; retry in ${retry} s`;
  return failure('THROTTLED', message, { 'retry-after': String(retry), ...debug });
}
