/** Groups get their test subdomain `{id}.{base-domain}`. */
import type { KindHooks } from './hooks';

export const groupHooks: KindHooks = {
  prepare: async (w, id) => ({ subdomain: `${id}.${w.config.baseDomain}` }),
};
