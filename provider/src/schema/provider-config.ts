/** The `provider "apigw"` block. Both settings fall back to environment variables, so CI needs no HCL. */
import type { ResourceSchema } from './model';

export const providerConfigSchema: ResourceSchema = {
  version: 0,
  block: {
    description: 'Manages apigw resources through its management API (`/v1`).',
    blockTypes: [],
    attributes: [
      {
        name: 'endpoint', type: 'string', optional: true,
        description: 'Base URL of the apigw management API, e.g. `http://127.0.0.1:8001`. Defaults to the APIGW_ENDPOINT environment variable.',
      },
      {
        name: 'token', type: 'string', optional: true, sensitive: true,
        description: 'Bearer token for the management API (`npx apigw token create --tenant NAME`). Defaults to the APIGW_TOKEN environment variable.',
      },
    ],
  },
};
