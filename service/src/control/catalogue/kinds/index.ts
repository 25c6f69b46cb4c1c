/** Every resource kind of apigw, in dependency order (a kind only references kinds listed before it). */
import type { ResourceKind } from '../types';
import { aclBinding } from './acl-binding';
import { aclPolicy } from './acl-policy';
import { api } from './api';
import { app } from './app';
import { appAuthorization } from './app-authorization';
import { appCode } from './app-code';
import { authorizer } from './authorizer';
import { certificate } from './certificate';
import { channel } from './channel';
import { deployment } from './deployment';
import { domain } from './domain';
import { gatewayResponse } from './gateway-response';
import { group } from './group';
import { signatureBinding } from './signature-binding';
import { signatureKey } from './signature-key';
import { stage } from './stage';
import { throttlingBinding } from './throttling-binding';
import { throttlingPolicy } from './throttling-policy';
import { variable } from './variable';

export const RESOURCE_KINDS: readonly ResourceKind[] = [
  group, certificate, domain, stage, variable, channel, authorizer, api, deployment,
  app, appCode, appAuthorization, throttlingPolicy, throttlingBinding, aclPolicy, aclBinding,
  signatureKey, signatureBinding, gatewayResponse,
];

export const KINDS_BY_NAME: ReadonlyMap<string, ResourceKind> = new Map(RESOURCE_KINDS.map((k) => [k.kind, k]));

export function kindOf(name: string): ResourceKind {
  const kind = KINDS_BY_NAME.get(name);
  if (!kind) throw new Error(`unknown resource kind ${name}`);
  return kind;
}
