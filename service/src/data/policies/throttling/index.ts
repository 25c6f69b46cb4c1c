/** Request limits per API, tenant, app and source IP. (Slot: being implemented.) */
import type { PolicyFactory } from '../types';

export const throttlingPolicy: PolicyFactory = {
  name: 'throttling',
  build: () => undefined,
};
