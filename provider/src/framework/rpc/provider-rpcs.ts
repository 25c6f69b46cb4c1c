/** Provider-level RPCs: schema, metadata, provider configuration, stop. */
import type { MessageInitShape } from '@bufbuild/protobuf';
import type {
  ConfigureProvider_Request, ConfigureProvider_ResponseSchema, GetMetadata_ResponseSchema,
  GetProviderSchema_ResponseSchema, ValidateProviderConfig_Request, ValidateProviderConfig_ResponseSchema,
} from '../../gen/tfplugin6_pb';
import { impliedType } from '../../schema/model';
import { toProtoSchema } from '../../schema/proto';
import { attr } from '../../values/path';
import { Unknown, isPlainObject } from '../../values/value';
import type { Value } from '../../values/value';
import { errorDiag, invalidValue } from '../diagnostics';
import type { Diagnostic } from '../diagnostics';
import { guarded } from './guard';
import type { ProviderRuntime } from './runtime';
import { decodeDynamic } from './wire';

/**
 * Core plans destroys itself (plan_destroy false); the schema is static, so core may cache it and
 * skip GetProviderSchema in later processes (get_provider_schema_optional).
 */
const CAPABILITIES = { planDestroy: false, getProviderSchemaOptional: true, moveResourceState: false };

export function getProviderSchema(rt: ProviderRuntime): MessageInitShape<typeof GetProviderSchema_ResponseSchema> {
  const { provider, resources, dataSources } = rt.schemas;
  return {
    provider: toProtoSchema(provider),
    resourceSchemas: Object.fromEntries([...resources].map(([n, s]) => [n, toProtoSchema(s)])),
    dataSourceSchemas: Object.fromEntries([...dataSources].map(([n, s]) => [n, toProtoSchema(s)])),
    serverCapabilities: CAPABILITIES,
  };
}

export function getMetadata(rt: ProviderRuntime): MessageInitShape<typeof GetMetadata_ResponseSchema> {
  return {
    serverCapabilities: CAPABILITIES,
    resources: [...rt.resources.keys()].map((typeName) => ({ typeName })),
    dataSources: [...rt.dataSources.keys()].map((typeName) => ({ typeName })),
  };
}

function checkEndpoint(endpoint: Value | undefined): Diagnostic[] {
  if (typeof endpoint !== 'string') return [];
  try {
    const url = new URL(endpoint);
    if (url.protocol === 'http:' || url.protocol === 'https:') return [];
  } catch { /* reported below */ }
  return [invalidValue([attr('endpoint')], `Must be an http:// or https:// URL; got ${JSON.stringify(endpoint)}.`)];
}

const providerConfig = (rt: ProviderRuntime, req: { config?: Parameters<typeof decodeDynamic>[0] }) => {
  const config = decodeDynamic(req.config, impliedType(rt.schemas.provider.block));
  return isPlainObject(config) ? config : {};
};

export function validateProviderConfig(rt: ProviderRuntime, req: ValidateProviderConfig_Request) {
  return guarded<MessageInitShape<typeof ValidateProviderConfig_ResponseSchema>>(rt.log, 'ValidateProviderConfig', (diags) => {
    diags.push(...checkEndpoint(providerConfig(rt, req).endpoint));
    return {};
  });
}

/**
 * Config wins over the environment; an unknown setting (from a resource) cannot configure a client.
 * The settings are tried once here, so a wrong endpoint or token fails the command at its start.
 */
export function configureProvider(rt: ProviderRuntime, req: ConfigureProvider_Request) {
  return guarded<MessageInitShape<typeof ConfigureProvider_ResponseSchema>>(rt.log, 'ConfigureProvider', async (diags) => {
    const config = providerConfig(rt, req);
    const pick = (name: 'endpoint' | 'token', fallback?: string): string | undefined => {
      const v = config[name];
      if (v instanceof Unknown) {
        const detail = `The provider's ${name} is known only after apply; give a value known at plan time.`;
        diags.push(errorDiag(`Unknown ${name}`, detail, [attr(name)]));
      }
      return typeof v === 'string' && v !== '' ? v : fallback;
    };
    const endpoint = pick('endpoint', rt.env.endpoint);
    const token = pick('token', rt.env.token);
    const missing = (name: string, variable: string) =>
      errorDiag(`Missing ${name}`, `Set ${name} in the provider block or the ${variable} environment variable.`);
    if (!endpoint) diags.push(missing('endpoint', 'APIGW_ENDPOINT'));
    if (!token) diags.push(missing('token', 'APIGW_TOKEN'));
    diags.push(...checkEndpoint(endpoint));
    rt.log.debug('ConfigureProvider', { endpoint, terraform_version: req.terraformVersion });
    if (!endpoint || !token || diags.length > 0) return {};
    rt.settings = { endpoint: endpoint.replace(/\/+$/, ''), token };
    try {
      await rt.options.verifySettings?.(rt.hookContext(diags));
    } catch (err) {
      rt.settings = undefined;
      throw err;
    }
    return {};
  });
}

export function stopProvider(rt: ProviderRuntime): { Error: string } {
  rt.log.info('StopProvider: cancelling running operations');
  rt.stop.abort(new Error('Terraform asked the provider to stop'));
  return { Error: '' };
}
