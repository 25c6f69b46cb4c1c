/**
 * A policy is built per published API when the configuration is compiled: the factory returns a
 * Policy when the API needs it (e.g. throttling only when a rule is bound, or by default), or
 * undefined, so an API's hot path carries only the policies that apply to it.
 */
import type { PublishedApi, RuntimeConfig, RuntimeGroup, RuntimeStage } from '../../shared/runtime-config';
import type { Policy } from '../pipeline/context';
import type { DataServices } from '../services';

export interface PolicyScope {
  config: RuntimeConfig;
  group: RuntimeGroup;
  stage: RuntimeStage;
  published: PublishedApi;
  services: DataServices;
}

export interface PolicyFactory {
  readonly name: string;
  build(scope: PolicyScope): Policy | undefined;
}
