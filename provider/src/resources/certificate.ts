/** apigw_certificate hooks. The fields read from the PEM change whenever certificate_pem does. */
import type { ResourceHooks } from './hooks';

export const certificate: ResourceHooks = {
  volatileOnUpdate: [
    'updated_at', 'common_name', 'subject_alternative_names', 'issuer', 'not_before', 'not_after', 'fingerprint_sha256',
  ],
};
