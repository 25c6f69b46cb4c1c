/** The authenticated app must be authorized for the API in the stage. (Slot: being implemented.) */
import type { PolicyFactory } from '../types';

export const appAuthorizationPolicy: PolicyFactory = {
  name: 'app-authorization',
  build: () => undefined,
};
