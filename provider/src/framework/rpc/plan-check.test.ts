/**
 * When PlanResourceChange asks a resource to check a plan against the service: only for a real
 * change, never for the first half of a replacement, and with `replacing` set on the second half,
 * which core signals by handing back our planned_private (apply never stores the marker).
 */
import { create } from '@bufbuild/protobuf';
import { PlanResourceChange_RequestSchema } from '../../gen/tfplugin6_pb';
import { buildDataSources, buildResources } from '../../resources';
import { providerSchemas } from '../../schema';
import { impliedType } from '../../schema/model';
import { encodeMsgpack } from '../../values/msgpack';
import type { ObjectValue, Value } from '../../values/value';
import { errorDiag } from '../diagnostics';
import { silentLogger } from '../logger';
import type { PlanCheckRequest } from '../resource';
import { withoutMarker } from './replacing';
import { planResourceChange } from './resource-rpcs';
import { ProviderRuntime } from './runtime';

const times = { created_at: 't0', updated_at: 't0' };
const stage: ObjectValue = { id: 's-1', name: 'TEST', description: '', ...times };

function setup(answer = () => [] as ReturnType<typeof errorDiag>[]) {
  const checks: PlanCheckRequest[] = [];
  const resources = buildResources();
  const base = resources.get('apigw_stage')!;
  resources.set('apigw_stage', { ...base, checkPlan: async (_ctx, request) => { checks.push(request); return answer(); } });
  const rt = new ProviderRuntime(providerSchemas(), resources, buildDataSources(), {}, silentLogger);
  rt.settings = { endpoint: 'http://x', token: 't' };
  const dv = (v: Value) => ({ msgpack: encodeMsgpack(v, impliedType(base.schema.block)) });
  const plan = (prior: ObjectValue | null, config: ObjectValue, priorPrivate: Uint8Array = new Uint8Array()) => planResourceChange(rt, create(PlanResourceChange_RequestSchema, {
    typeName: 'apigw_stage', priorState: dv(prior), config: dv(config), priorPrivate,
    proposedNewState: dv({ ...config, id: prior?.id ?? null, created_at: prior?.created_at ?? null, updated_at: prior?.updated_at ?? null }),
  }));
  return { rt, checks, plan };
}

const config = (name: string, description: string): ObjectValue => ({ id: null, name, description, created_at: null, updated_at: null });

describe('plan-time checks in PlanResourceChange', () => {
  it('checks a create and an update, not a no-op', async () => {
    const { checks, plan } = setup();
    await plan(null, config('TEST', ''));
    await plan(stage, config('TEST', ''));
    await plan(stage, config('TEST', 'changed'));
    expect(checks.map((c) => [c.prior?.id ?? null, c.planned.description, c.replacing])).toEqual([[null, '', false], ['s-1', 'changed', false]]);
  });

  it('marks the first half of a replacement and checks only the second, as a replacement', async () => {
    const { checks, plan } = setup();
    const first = await plan(stage, config('QA', ''));
    expect(first.requiresReplace).toHaveLength(1);
    expect(checks).toEqual([]);
    const second = await plan(null, config('QA', ''), first.plannedPrivate as Uint8Array);
    expect(checks.map((c) => c.replacing)).toEqual([true]);
    expect(second.plannedPrivate).toHaveLength(0);
  });

  it('knows a forced replacement (-replace, replace_triggered_by) too: core plans it the same way', async () => {
    const { checks, plan } = setup();
    const unchanged = await plan(stage, config('TEST', ''));
    expect(unchanged.requiresReplace).toEqual([]);
    await plan(null, config('TEST', ''), unchanged.plannedPrivate as Uint8Array);
    expect(checks.map((c) => c.replacing)).toEqual([true]);
    expect(withoutMarker(unchanged.plannedPrivate as Uint8Array)).toHaveLength(0);
    expect(Buffer.from(withoutMarker(Buffer.from('other')))).toEqual(Buffer.from('other'));
  });

  it('returns what the check reports, and skips it before the provider is configured', async () => {
    const { rt, checks, plan } = setup(() => [errorDiag('duplicate', 'name taken', [{ attribute: 'name' }])]);
    const res = await plan(null, config('TEST', ''));
    expect(res.diagnostics).toEqual([expect.objectContaining({ summary: 'duplicate', severity: 1 })]);
    rt.settings = undefined;
    expect((await plan(null, config('TEST', ''))).diagnostics).toEqual([]);
    expect(checks).toHaveLength(1);
  });
});
