/**
 * The tfplugin6 handlers with fake resource hooks, on the wire types: requests are encoded as core
 * encodes them, responses decoded as core decodes them. No network, no terraform.
 */
import { create } from '@bufbuild/protobuf';
import type { DescMessage, MessageInitShape } from '@bufbuild/protobuf';
import {
  ApplyResourceChange_RequestSchema, ConfigureProvider_RequestSchema, ImportResourceState_RequestSchema,
  PlanResourceChange_RequestSchema, ReadResource_RequestSchema, UpgradeResourceState_RequestSchema,
  ValidateResourceConfig_RequestSchema,
} from '../../gen/tfplugin6_pb';
import { buildDataSources, buildResources } from '../../resources';
import { providerSchemas } from '../../schema';
import { emptyBlockValue, impliedType } from '../../schema/model';
import { decodeMsgpack, encodeMsgpack } from '../../values/msgpack';
import { UNKNOWN } from '../../values/value';
import type { ObjectValue, Value } from '../../values/value';
import { DiagnosticError, errorDiag } from '../diagnostics';
import { silentLogger } from '../logger';
import type { Resource } from '../resource';
import { applyResourceChange, importResourceState } from './apply-rpcs';
import { configureProvider, getProviderSchema, stopProvider } from './provider-rpcs';
import { planResourceChange, readResource, upgradeResourceState, validateResource } from './resource-rpcs';
import { ProviderRuntime } from './runtime';

const req = <D extends DescMessage>(schema: D, init: MessageInitShape<D>) => create(schema, init);

function runtimeWith(hooks: Partial<Resource> = {}) {
  const resources = buildResources();
  const group = resources.get('apigw_group')!;
  resources.set('apigw_group', { ...group, ...hooks });
  const rt = new ProviderRuntime(providerSchemas(), resources, buildDataSources(), { endpoint: 'http://env:8001', token: 'env-token' }, silentLogger);
  const type = impliedType(group.schema.block);
  const dv = (v: Value) => ({ msgpack: encodeMsgpack(v, type) });
  const back = (d?: { msgpack: Uint8Array }) => (d?.msgpack.length ? decodeMsgpack(d.msgpack, type) : null);
  return { rt, group, dv, back };
}

const groupState: ObjectValue = {
  id: 'g-1', name: 'orders', description: '', subdomain: 'g-1.gw', created_at: 't0', updated_at: 't0',
};

describe('provider RPCs', () => {
  it('serves every resource, data source and the provider schema', () => {
    const { rt } = runtimeWith();
    const res = getProviderSchema(rt);
    expect(Object.keys(res.resourceSchemas ?? {})).toHaveLength(rt.resources.size);
    expect(Object.keys(res.dataSourceSchemas ?? {})).toEqual(['apigw_group', 'apigw_stage', 'apigw_api']);
    expect(res.serverCapabilities).toMatchObject({ planDestroy: false, getProviderSchemaOptional: true });
  });

  it('configures from config first, then the environment; refuses an unknown endpoint', async () => {
    const { rt } = runtimeWith();
    const type = impliedType(rt.schemas.provider.block);
    const configure = (v: Value) => configureProvider(rt, req(ConfigureProvider_RequestSchema, { config: { msgpack: encodeMsgpack(v, type) } }));
    expect((await configure({ endpoint: 'http://cfg:8001/', token: null })).diagnostics).toEqual([]);
    expect(rt.settings).toEqual({ endpoint: 'http://cfg:8001', token: 'env-token' });
    const bad = await configure({ endpoint: UNKNOWN, token: 't' });
    expect(bad.diagnostics?.[0]).toMatchObject({ summary: 'Unknown endpoint', severity: 1 });
  });

  it('aborts the hook signal on StopProvider', () => {
    const { rt } = runtimeWith();
    expect(stopProvider(rt)).toEqual({ Error: '' });
    expect(rt.stop.signal.aborted).toBe(true);
  });
});

describe('resource RPCs', () => {
  it('returns diagnostics with attribute paths from ValidateResourceConfig', async () => {
    const { rt, dv, group } = runtimeWith();
    const res = await validateResource(rt, req(ValidateResourceConfig_RequestSchema, {
      typeName: 'apigw_group', config: dv({ ...emptyBlockValue(group.schema.block), name: '1bad' }),
    }));
    expect(res.diagnostics).toHaveLength(1);
    expect(res.diagnostics?.[0].attribute).toEqual({ steps: [{ selector: { case: 'attributeName', value: 'name' } }] });
  });

  it('plans a create with unknowns and echoes private state', async () => {
    const { rt, dv, back, group } = runtimeWith();
    const config = { ...emptyBlockValue(group.schema.block), name: 'orders' };
    const res = await planResourceChange(rt, req(PlanResourceChange_RequestSchema, {
      typeName: 'apigw_group', priorState: dv(null), config: dv(config), proposedNewState: dv(config), priorPrivate: Buffer.from('p'),
    }));
    expect(res.diagnostics).toEqual([]);
    expect(back(res.plannedState as { msgpack: Uint8Array })).toMatchObject({ id: UNKNOWN, description: '' });
    expect(Buffer.from(res.plannedPrivate as Uint8Array).toString()).toBe('p');
  });

  it('applies a create through the hook, completing and checking the result', async () => {
    const seen: ObjectValue[] = [];
    const { rt, dv, back } = runtimeWith({ create: async (_ctx, planned) => { seen.push(planned); return { ...groupState } as ObjectValue; } });
    rt.settings = { endpoint: 'http://x', token: 't' };
    const res = await applyResourceChange(rt, req(ApplyResourceChange_RequestSchema, {
      typeName: 'apigw_group', priorState: dv(null), plannedState: dv({ ...groupState, id: UNKNOWN }), config: dv({ name: 'orders' }),
    }));
    expect(res.diagnostics).toEqual([]);
    expect(back(res.newState as { msgpack: Uint8Array })).toEqual(groupState);
    expect(seen[0].id).toBe(UNKNOWN);
  });

  it('refuses an apply result that still holds unknowns, keeping the prior state', async () => {
    const { rt, dv, back } = runtimeWith({ update: async () => ({ ...groupState, updated_at: UNKNOWN }) });
    rt.settings = { endpoint: 'http://x', token: 't' };
    const res = await applyResourceChange(rt, req(ApplyResourceChange_RequestSchema, {
      typeName: 'apigw_group', priorState: dv(groupState), plannedState: dv(groupState), config: dv({ name: 'orders' }),
    }));
    expect(res.diagnostics?.[0]).toMatchObject({ summary: 'apigw_group: the provider returned an unknown value' });
    expect(back(res.newState as { msgpack: Uint8Array })).toEqual(groupState);
  });

  it('deletes and answers a null new state', async () => {
    const deleted: string[] = [];
    const { rt, dv } = runtimeWith({ delete: async (_c, prior) => { deleted.push(String(prior.id)); } });
    rt.settings = { endpoint: 'http://x', token: 't' };
    const res = await applyResourceChange(rt, req(ApplyResourceChange_RequestSchema, {
      typeName: 'apigw_group', priorState: dv(groupState), plannedState: dv(null),
    }));
    expect(deleted).toEqual(['g-1']);
    expect(Buffer.from((res.newState as { msgpack: Uint8Array }).msgpack).toString('hex')).toBe('c0');
  });

  it('reads: null when gone, an error diagnostic when not implemented', async () => {
    const gone = runtimeWith({ read: async () => null });
    gone.rt.settings = { endpoint: 'http://x', token: 't' };
    const res = await readResource(gone.rt, req(ReadResource_RequestSchema, { typeName: 'apigw_group', currentState: gone.dv(groupState) }));
    expect(gone.back(res.newState as { msgpack: Uint8Array })).toBeNull();
    const none = runtimeWith({ read: undefined });
    none.rt.settings = { endpoint: 'http://x', token: 't' };
    const res2 = await readResource(none.rt, req(ReadResource_RequestSchema, { typeName: 'apigw_group', currentState: none.dv(groupState) }));
    expect(res2.diagnostics?.[0].summary).toBe('apigw_group: read is not implemented yet');
  });

  it('imports an id as a partial state by default', async () => {
    const { rt, back } = runtimeWith();
    rt.settings = { endpoint: 'http://x', token: 't' };
    const res = await importResourceState(rt, req(ImportResourceState_RequestSchema, { typeName: 'apigw_group', id: 'g-9' }));
    const [imported] = res.importedResources ?? [];
    expect(imported.typeName).toBe('apigw_group');
    expect(back(imported.state as { msgpack: Uint8Array })).toMatchObject({ id: 'g-9', name: null });
  });

  it('upgrades raw JSON state exactly, and refuses a newer schema version', async () => {
    const { rt, back } = runtimeWith();
    const json = Buffer.from(JSON.stringify(groupState));
    const res = await upgradeResourceState(rt, req(UpgradeResourceState_RequestSchema, { typeName: 'apigw_group', version: 0n, rawState: { json } }));
    expect(back(res.upgradedState as { msgpack: Uint8Array })).toEqual(groupState);
    const newer = await upgradeResourceState(rt, req(UpgradeResourceState_RequestSchema, { typeName: 'apigw_group', version: 3n, rawState: { json } }));
    expect(newer.diagnostics?.[0].summary).toBe('State from a newer provider');
  });
});

describe('apply after a partial failure', () => {
  it('saves the state a hook reports with its error, so Terraform can taint it', async () => {
    const { rt, dv, back } = runtimeWith({
      create: async () => { throw new DiagnosticError([errorDiag('follow-up failed')], { ...groupState }); },
    });
    rt.settings = { endpoint: 'http://x', token: 't' };
    const res = await applyResourceChange(rt, req(ApplyResourceChange_RequestSchema, {
      typeName: 'apigw_group', priorState: dv(null), plannedState: dv({ ...groupState, id: UNKNOWN }), config: dv({ name: 'orders' }),
    }));
    expect(res.diagnostics?.[0].summary).toBe('follow-up failed');
    expect(back(res.newState as { msgpack: Uint8Array })).toEqual(groupState);
  });
});
