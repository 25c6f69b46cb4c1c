/** Caller authentication: app signature, AppCode, JWT or HTTP authorizer. (Slot: being implemented.) */
import type { PolicyFactory } from '../types';

export const authenticationPolicy: PolicyFactory = {
  name: 'authentication',
  build: () => undefined,
};
