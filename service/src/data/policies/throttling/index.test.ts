/**
 * The throttling policy against the in-memory limiter with a fabricated caller (app, tenant, IP) and
 * a controlled clock: every dimension, special limits, BASIC vs SHARED, the default limit, the 429's
 * Retry-After and message, debug headers and the throttled metric.
 */
import { Registry } from 'prom-client';
import type { ApiDefinition, PublishedApi, RuntimeApp, RuntimeGroup, RuntimeStage, ThrottlingRule } from '../../../shared/runtime-config';
import { EMPTY_RUNTIME_CONFIG } from '../../../shared/runtime-config';
import { createDataMetrics } from '../../metrics';
import type { CallContext, Decision, GatewayFailure, Policy } from '../../pipeline/context';
import type { DataServices } from '../../services';
import { createRateLimiter } from '../../throttling';
import { throttlingPolicy } from './index';

const T0 = Date.UTC(2030, 0, 1, 12, 0, 0); // on a day boundary, so on every period's boundary
let clock = T0;
let services: DataServices;
let registry: Registry;

beforeEach(() => {
  clock = T0;
  registry = new Registry();
  const options = { defaultRateLimitPerSecond: 5, maxBackendTimeoutMs: 1000, maxBodyBytes: 1000, allowAppCodeOverHttp: false };
  services = { options, metrics: createDataMetrics(registry), limiter: createRateLimiter(options), now: () => clock } as unknown as DataServices;
});
afterEach(() => services.limiter.close());

const rule = (extra: Partial<ThrottlingRule> = {}): ThrottlingRule => ({
  policy_id: 'tp1', type: 'BASIC', time_unit: 'MINUTE', time_interval: 1, api_limit: 100, special_apps: {}, special_tenants: {}, ...extra,
});

function build(throttling: ThrottlingRule | undefined, apiId = 'api1', stageId = 'st1'): Policy {
  const published = { version_id: 'v1', version: 1, definition: { id: apiId } as ApiDefinition, throttling, authorized_apps: [] } as PublishedApi;
  const group = { id: 'g1' } as RuntimeGroup;
  const stage = { id: stageId, name: 'RELEASE' } as RuntimeStage;
  const policy = throttlingPolicy.build({ config: EMPTY_RUNTIME_CONFIG, group, stage, published, services });
  if (!policy) throw new Error('no policy built');
  return policy;
}

const app = (id: string, tenant = 'acme'): RuntimeApp => ({ id, tenant, name: id, key: `k-${id}`, secret: 's' });
const call = (opts: { app?: RuntimeApp; ip?: string; debug?: boolean } = {}) =>
  ({ sourceIp: opts.ip ?? '10.0.0.1', app: opts.app, debug: opts.debug ? {} : undefined } as unknown as CallContext);
const sync = (d: Decision | Promise<Decision>): Decision => {
  if (d instanceof Promise) throw new Error('local limiter must answer synchronously');
  return d;
};

/** How many calls pass before the first refusal (up to `max`), and that refusal. */
function passes(policy: Policy, make: () => CallContext, max = 50): { passed: number; refusal?: GatewayFailure } {
  for (let i = 0; i < max; i++) {
    const refusal = sync(policy.apply(make()));
    if (refusal) return { passed: i, refusal };
  }
  return { passed: max };
}

test('the API limit is hit exactly at its count, with Retry-After and a message naming it', () => {
  const policy = build(rule({ api_limit: 3 }));
  clock = T0 + 20_000;
  const { passed, refusal } = passes(policy, () => call());
  expect(passed).toBe(3);
  expect(refusal).toMatchObject({ code: 'THROTTLED', headers: { 'retry-after': '40' } });
  expect(refusal!.message).toMatch(/API limit of 3 requests per minute/);
  clock = T0 + 59_999;
  expect(sync(policy.apply(call()))!.headers!['retry-after']).toBe('1');
  clock = T0 + 60_000;
  expect(passes(policy, () => call()).passed).toBe(3);
});

test('tenant, app and source IP limits each apply to their own caller', () => {
  const policy = build(rule({ api_limit: 100, tenant_limit: 4, app_limit: 2, ip_limit: 6 }));
  expect(passes(policy, () => call({ app: app('a1') })).passed).toBe(2);
  expect(passes(policy, () => call({ app: app('a2') })).passed).toBe(2);
  const tenantFull = passes(policy, () => call({ app: app('a3') }));
  expect(tenantFull.passed).toBe(0);
  expect(tenantFull.refusal!.message).toMatch(/tenant limit of 4/);
  expect(passes(policy, () => call({ app: app('b1', 'other') })).refusal!.message).toMatch(/app limit of 2/);
  // 4 of the IP's 6 calls went to acme's apps and 2 to other's: the anonymous caller gets nothing more.
  expect(passes(policy, () => call()).refusal!.message).toMatch(/source IP limit of 6/);
  expect(passes(policy, () => call({ ip: '10.0.0.2' })).passed).toBe(6);
});

test('special apps and tenants replace the app and tenant limits for them', () => {
  const policy = build(rule({ tenant_limit: 10, app_limit: 2, special_apps: { vip: 5 }, special_tenants: { big: 20 } }));
  expect(passes(policy, () => call({ app: app('vip') })).passed).toBe(5);
  expect(passes(policy, () => call({ app: app('plain') })).passed).toBe(2);
  let n = 0;
  expect(passes(policy, () => call({ app: app(`big-${n++}`, 'big') })).passed).toBe(20);
});

test('a tenant with a special limit is limited even when the policy has no tenant limit', () => {
  const policy = build(rule({ special_tenants: { small: 1 } }));
  expect(passes(policy, () => call({ app: app('s1', 'small') })).passed).toBe(1);
  expect(passes(policy, () => call({ app: app('x1', 'large') }), 10).passed).toBe(10);
});

test('BASIC counts each API alone; SHARED counts every API bound to the policy together', () => {
  const basicA = build(rule({ api_limit: 2 }), 'apiA');
  const basicB = build(rule({ api_limit: 2 }), 'apiB');
  expect([passes(basicA, () => call()).passed, passes(basicB, () => call()).passed]).toEqual([2, 2]);
  const sharedA = build(rule({ policy_id: 'tp2', type: 'SHARED', api_limit: 3 }), 'apiA');
  const sharedB = build(rule({ policy_id: 'tp2', type: 'SHARED', api_limit: 3 }), 'apiB');
  expect([sync(sharedA.apply(call())), sync(sharedB.apply(call())), sync(sharedA.apply(call()))]).toEqual([undefined, undefined, undefined]);
  expect(sync(sharedB.apply(call()))?.code).toBe('THROTTLED');
});

test('counts survive a configuration swap (a rebuilt policy)', () => {
  expect(passes(build(rule({ api_limit: 3 })), () => call(), 2).passed).toBe(2);
  expect(passes(build(rule({ api_limit: 3 })), () => call()).passed).toBe(1);
});

test('APIs with no policy get the default per-second limit; 0 disables it', () => {
  const policy = build(undefined);
  clock = T0 + 500;
  const { passed, refusal } = passes(policy, () => call());
  expect(passed).toBe(5);
  expect(refusal!.headers!['retry-after']).toBe('1');
  clock = T0 + 1000;
  expect(passes(policy, () => call()).passed).toBe(5);
  (services.options as { defaultRateLimitPerSecond: number }).defaultRateLimitPerSecond = 0;
  expect(throttlingPolicy.build({ config: EMPTY_RUNTIME_CONFIG, group: {} as RuntimeGroup, stage: {} as RuntimeStage, published: { definition: { id: 'x' } } as PublishedApi, services })).toBeUndefined();
});

test('debug mode reports what remains in each dimension, on the 429 too', () => {
  const policy = build(rule({ api_limit: 10, tenant_limit: 5, app_limit: 2, ip_limit: 8 }));
  const ctx = call({ app: app('a1'), debug: true });
  expect(sync(policy.apply(ctx))).toBeUndefined();
  expect(ctx.debug).toEqual({
    'X-Apig-RateLimit-Api-Remaining': '9', 'X-Apig-RateLimit-Tenant-Remaining': '4',
    'X-Apig-RateLimit-App-Remaining': '1', 'X-Apig-RateLimit-Ip-Remaining': '7',
  });
  sync(policy.apply(call({ app: app('a1') })));
  const refused = sync(policy.apply(call({ app: app('a1'), debug: true })));
  expect(refused!.headers).toMatchObject({ 'X-Apig-RateLimit-App-Remaining': '0', 'X-Apig-RateLimit-Api-Remaining': '8' });
});

test('refusals are counted by dimension in the throttled metric', async () => {
  const policy = build(rule({ api_limit: 1 }));
  passes(policy, () => call());
  passes(policy, () => call());
  const metric = await registry.getSingleMetricAsString('apigw_throttled_requests_total');
  expect(metric).toContain('apigw_throttled_requests_total{group="g1",api="api1",stage="RELEASE",dimension="api"} 2');
});
