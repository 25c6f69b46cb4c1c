/**
 * apigw_certificate hooks. The fields read from the PEM change whenever certificate_pem does, so an
 * update plans them unknown then; an update that keeps the certificate (a new name, or the private key
 * supplied again after an import) keeps them, so the plan shows only what really changes.
 */
import { valuesEqual } from '../values/equal';
import type { ResourceHooks } from './hooks';

const FROM_PEM = ['common_name', 'subject_alternative_names', 'issuer', 'not_before', 'not_after', 'fingerprint_sha256'];

export const certificate: ResourceHooks = {
  volatileOnUpdate: ['updated_at', ...FROM_PEM],
  modifyPlan: ({ prior, planned }) => {
    if (!prior || !valuesEqual(prior.certificate_pem, planned.certificate_pem)) return planned;
    return { ...planned, ...Object.fromEntries(FROM_PEM.map((name) => [name, prior[name]])) };
  },
};
