/** A domain's certificate must cover its hostname. */
import { ApiError } from '../errors';
import { coversHostname } from './certificate';
import type { KindHooks } from './hooks';

export const domainHooks: KindHooks = {
  prepare: async (w, _id, input) => {
    if (!input.certificate_id) return {};
    const cert = await w.load('certificate', input.certificate_id);
    if (cert && !coversHostname(cert.data as any, input.hostname)) {
      throw ApiError.field('VALIDATION_FAILED', 'certificate_id', `the certificate does not cover "${input.hostname}"`);
    }
    return {};
  },
};
