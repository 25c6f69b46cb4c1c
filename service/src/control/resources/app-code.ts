/** AppCodes are generated when not given, and never change once created. */
import crypto from 'node:crypto';
import type { KindHooks } from './hooks';

export const appCodeHooks: KindHooks = {
  prepare: async (_w, _id, input, existing) => ({
    code: existing?.data.code ?? input.code ?? crypto.randomBytes(48).toString('base64url'),
  }),
};
