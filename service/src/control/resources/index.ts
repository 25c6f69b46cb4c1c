/** The hooks of each kind that has irregular behaviour; every other kind is fully generic. */
import { apiHooks } from './api';
import { appHooks } from './app';
import { appAuthorizationHooks } from './app-authorization';
import { appCodeHooks } from './app-code';
import { certificateHooks } from './certificate';
import { deploymentHooks } from './deployment';
import { domainHooks } from './domain';
import { groupHooks } from './group';
import type { KindHooks } from './hooks';
import { stageHooks } from './stage';

export const KIND_HOOKS: Readonly<Record<string, KindHooks>> = {
  group: groupHooks,
  certificate: certificateHooks,
  domain: domainHooks,
  stage: stageHooks,
  api: apiHooks,
  deployment: deploymentHooks,
  app: appHooks,
  app_code: appCodeHooks,
  app_authorization: appAuthorizationHooks,
};
