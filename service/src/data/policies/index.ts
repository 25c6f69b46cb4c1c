/**
 * The policies of the pipeline, in the order they run: protocol, access control, authentication,
 * app authorization, throttling, parameter validation. Each builds per API only when it applies.
 */
import { parametersPolicy } from './parameters';
import { protocolPolicy } from './protocol';
import type { PolicyFactory } from './types';

export const POLICY_FACTORIES: readonly PolicyFactory[] = [
  protocolPolicy,
  parametersPolicy,
];
