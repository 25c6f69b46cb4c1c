/**
 * Plan logic on decoded values, with core's proposal emulated (testing/proposed-new.ts): what a
 * create, a no-op, an update and a replacement plan, with unknowns and exact-number edge cases.
 */
import { KINDS_BY_NAME } from '../../../service/src/control/catalogue/kinds';
import type { ResourceKind } from '../../../service/src/control/catalogue/types';
import { resourceSchema } from '../schema/derive';
import { emptyBlockValue } from '../schema/model';
import type { BlockSchema } from '../schema/model';
import { decodeMsgpack } from '../values/msgpack';
import { Decimal } from '../values/number';
import { mp } from '../values/test-bytes';
import { UNKNOWN, Unknown } from '../values/value';
import type { ObjectValue } from '../values/value';
import { planChange } from './plan';
import { proposedNew } from './testing/proposed-new';

const blockOf = (kind: string): BlockSchema => resourceSchema(KINDS_BY_NAME.get(kind) as ResourceKind).block;

function plan(block: BlockSchema, prior: ObjectValue | null, configPart: ObjectValue | null) {
  const config = configPart && { ...emptyBlockValue(block), ...configPart };
  return planChange({ block, prior, config, proposed: proposedNew(block, prior, config) });
}

const group = blockOf('group');
const groupState = {
  id: 'g-1', name: 'orders', description: '', subdomain: 'g-1.apigw.test',
  created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-01T00:00:00Z',
};

describe('plan: create', () => {
  it('marks server-owned attributes unknown and fills catalogue defaults', () => {
    const { planned, requiresReplace } = plan(group, null, { name: 'orders' });
    expect(planned).toEqual({ ...groupState, id: UNKNOWN, subdomain: UNKNOWN, created_at: UNKNOWN, updated_at: UNKNOWN });
    expect(requiresReplace).toEqual([]);
  });

  it('keeps configured and unknown configured values as they are', () => {
    const { planned } = plan(group, null, { name: UNKNOWN, description: 'x' });
    expect(planned).toMatchObject({ name: UNKNOWN, description: 'x' });
  });

  it('fills defaults inside nested blocks, leaves absent optional blocks null and lists empty', () => {
    const api = blockOf('api');
    const { planned } = plan(api, null, {
      group_id: UNKNOWN, name: 'list',
      request: { ...emptyBlockValue(blockOf('api').blockTypes.find((b) => b.typeName === 'request')!.block), method: 'GET', path: '/o' },
      backend: { ...emptyBlockValue(api.blockTypes.find((b) => b.typeName === 'backend')!.block), address: 'http://b' },
    });
    expect(planned!.request).toEqual({ protocol: 'BOTH', method: 'GET', path: '/o', match_mode: 'EXACT', cors: false });
    expect(planned!.backend).toMatchObject({ type: 'HTTP', path: '/', method: 'ANY', timeout_ms: 5000, mock_headers: {}, channel_id: null });
    expect(planned).toMatchObject({ parameters: [], policy_backends: [], tags: [], auth_type: 'NONE', group_id: UNKNOWN });
  });

  it('passes a wholly unknown block (dynamic block with unknown for_each) through', () => {
    const api = blockOf('api');
    const { planned } = plan(api, null, { name: 'x', parameters: UNKNOWN as never });
    expect(planned!.parameters).toBeInstanceOf(Unknown);
  });

  it('plans null for a destroy', () => {
    expect(plan(group, groupState, null)).toEqual({ planned: null, requiresReplace: [] });
  });
});

describe('plan: update', () => {
  it('is a no-op when nothing changed (prior values, no unknowns)', () => {
    const { planned, requiresReplace } = plan(group, groupState, { name: 'orders' });
    expect(planned).toEqual(groupState);
    expect(requiresReplace).toEqual([]);
  });

  it('keeps id/created_at and stable computed values, marks updated_at unknown on a change', () => {
    const { planned } = plan(group, groupState, { name: 'orders', description: 'Order APIs' });
    expect(planned).toEqual({ ...groupState, description: 'Order APIs', updated_at: UNKNOWN });
  });

  it('resets an attribute with a default when it leaves the configuration', () => {
    const { planned } = plan(group, { ...groupState, description: 'old' }, { name: 'orders' });
    expect(planned).toMatchObject({ description: '', updated_at: UNKNOWN, id: 'g-1' });
  });

  it('asks for replacement when an immutable attribute changes, and forgets server-owned values', () => {
    const stage = blockOf('stage');
    const prior = { id: 's-1', name: 'TEST', description: '', created_at: 't', updated_at: 't' };
    const { planned, requiresReplace } = plan(stage, prior, { name: 'PRE' });
    expect(requiresReplace).toEqual([[{ attribute: 'name' }]]);
    expect(planned).toMatchObject({ id: UNKNOWN, created_at: UNKNOWN, name: 'PRE' });
  });

  it('treats an unknown immutable value as a change', () => {
    const variable = blockOf('variable');
    const prior = { id: 'v', group_id: 'g', stage_id: 's', name: 'host', value: 'a', created_at: 't', updated_at: 't' };
    const { requiresReplace } = plan(variable, prior, { group_id: UNKNOWN, stage_id: 's', name: 'host', value: 'a' });
    expect(requiresReplace).toEqual([[{ attribute: 'group_id' }]]);
  });

  it('keeps a generated immutable value (app_code.code) when the configuration leaves it out', () => {
    const code = blockOf('app_code');
    const prior = { id: 'c', app_id: 'a', code: 'x'.repeat(64), created_at: 't', updated_at: 't' };
    expect(plan(code, prior, { app_id: 'a' })).toEqual({ planned: prior, requiresReplace: [] });
    expect(plan(code, null, { app_id: 'a' }).planned!.code).toBe(UNKNOWN);
  });
});

describe('plan: numbers', () => {
  const policy = blockOf('throttling_policy');
  const prior = {
    ...emptyBlockValue(policy), id: 'p', name: 'p', description: '', type: 'BASIC', time_unit: 'SECOND',
    time_interval: 1, api_limit: 9007199254740993n, special_limits: [], created_at: 't', updated_at: 't',
  };

  it('sees no change between a big integer from state and the same one from config', () => {
    const config = decodeMsgpack(mp`cf 00 20 00 00 00 00 00 01`, 'number');
    const { planned } = plan(policy, prior, { name: 'p', time_unit: 'SECOND', api_limit: config });
    expect(planned).toEqual(prior);
  });

  it('sees a change of one unit beyond 2^53', () => {
    const { planned } = plan(policy, prior, { name: 'p', time_unit: 'SECOND', api_limit: 9007199254740992 });
    expect(planned).toMatchObject({ api_limit: 9007199254740992, updated_at: UNKNOWN });
  });

  it('treats 0.1 as a string from core and 0.1 from the API as equal', () => {
    const api = blockOf('api');
    const param = api.blockTypes.find((b) => b.typeName === 'parameters')!.block;
    const configWith = (minimum: ObjectValue[string]) => ({
      name: 'x', parameters: [{ ...emptyBlockValue(param), name: 'q', location: 'QUERY', type: 'NUMBER', minimum }],
    });
    const created = plan(api, null, configWith(0.1)).planned!;
    const prior = { ...created, id: 'a', created_at: 't', updated_at: 't' };
    const { planned } = plan(api, prior, configWith(decodeMsgpack(mp`a3 "0.1"`, 'number')));
    expect(planned).toEqual(prior);
  });

  it('keeps a decimal that float64 cannot hold exact', () => {
    const huge = new Decimal('0.12345678901234567890123');
    const api = blockOf('api');
    const param = api.blockTypes.find((b) => b.typeName === 'parameters')!.block;
    const { planned } = plan(api, null, { name: 'x', parameters: [{ ...emptyBlockValue(param), name: 'q', location: 'QUERY', maximum: huge }] });
    expect((planned!.parameters as ObjectValue[])[0]).toMatchObject({ maximum: huge, type: 'STRING', required: false });
  });
});
