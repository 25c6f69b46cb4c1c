/** Apps get a generated key and secret; replacing an app keeps both. */
import crypto from 'node:crypto';
import type { KindHooks } from './hooks';

export const newAppKey = (): string => crypto.randomBytes(12).toString('hex');
export const newAppSecret = (): string => crypto.randomBytes(24).toString('base64url');

export const appHooks: KindHooks = {
  prepare: async (_w, _id, _input, existing) => existing
    ? { app_key: existing.data.app_key, app_secret: existing.data.app_secret }
    : { app_key: newAppKey(), app_secret: newAppSecret() },
};
