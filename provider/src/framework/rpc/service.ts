/** The tfplugin6.Provider service: maps each RPC to its handler; RPCs left out answer UNIMPLEMENTED. */
import type { ServiceImpl } from '@connectrpc/connect';
import type { Provider } from '../../gen/tfplugin6_pb';
import { applyResourceChange, importResourceState } from './apply-rpcs';
import { readDataSource, validateDataSource } from './data-rpcs';
import {
  configureProvider, getMetadata, getProviderSchema, stopProvider, validateProviderConfig,
} from './provider-rpcs';
import { planResourceChange, readResource, upgradeResourceState, validateResource } from './resource-rpcs';
import type { ProviderRuntime } from './runtime';

export function providerService(rt: ProviderRuntime): Partial<ServiceImpl<typeof Provider>> {
  const traced = <Req, Res>(name: string, fn: (req: Req) => Res) => (req: Req): Res => {
    rt.log.trace(`rpc ${name}`, { type_name: (req as { typeName?: string }).typeName });
    return fn(req);
  };
  return {
    getMetadata: traced('GetMetadata', () => getMetadata(rt)),
    getProviderSchema: traced('GetProviderSchema', () => getProviderSchema(rt)),
    validateProviderConfig: traced('ValidateProviderConfig', (req) => validateProviderConfig(rt, req)),
    configureProvider: traced('ConfigureProvider', (req) => configureProvider(rt, req)),
    stopProvider: traced('StopProvider', () => stopProvider(rt)),
    validateResourceConfig: traced('ValidateResourceConfig', (req) => validateResource(rt, req)),
    upgradeResourceState: traced('UpgradeResourceState', (req) => upgradeResourceState(rt, req)),
    readResource: traced('ReadResource', (req) => readResource(rt, req)),
    planResourceChange: traced('PlanResourceChange', (req) => planResourceChange(rt, req)),
    applyResourceChange: traced('ApplyResourceChange', (req) => applyResourceChange(rt, req)),
    importResourceState: traced('ImportResourceState', (req) => importResourceState(rt, req)),
    validateDataResourceConfig: traced('ValidateDataResourceConfig', (req) => validateDataSource(rt, req)),
    readDataSource: traced('ReadDataSource', (req) => readDataSource(rt, req)),
  };
}
