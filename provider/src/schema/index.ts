/** Every schema the provider serves, derived once from the catalogue at start-up. */
import { RESOURCE_KINDS } from '../../../service/src/control/catalogue/kinds';
import { DATA_SOURCE_SPECS, dataSourceSchema } from './data-sources';
import { resourceSchema } from './derive';
import type { ProviderSchemas } from './json';
import { providerConfigSchema } from './provider-config';

export const PROVIDER_TYPE = 'apigw';
export const typeNameOf = (kind: string): string => `${PROVIDER_TYPE}_${kind}`;

export function providerSchemas(): ProviderSchemas {
  return {
    provider: providerConfigSchema,
    resources: new Map(RESOURCE_KINDS.map((k) => [typeNameOf(k.kind), resourceSchema(k)])),
    dataSources: new Map(DATA_SOURCE_SPECS.map((s) => [typeNameOf(s.kind.kind), dataSourceSchema(s)])),
  };
}

export * from './model';
export { providerSchemaJson, PROVIDER_ADDRESS } from './json';
export { toProtoSchema } from './proto';
