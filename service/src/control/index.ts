/** Builds the control plane (services and the management app) over an open database. */
import type { Logger } from 'pino';
import type { Config } from '../shared/config';
import type { Database } from './db/database';
import { createAdminApp } from './http/app';
import { buildOpenApiDocument } from './openapi/document';
import { KIND_HOOKS } from './resources';
import { createSecretBox } from './security/secret-box';
import type { ServiceKeys } from './security/keys';
import { ResourceService } from './services/resource-service';
import { TenantService } from './services/tenant-service';
import type { ServiceMetrics } from '../shared/metrics';

export interface ControlPlane {
  service: ResourceService;
  app: ReturnType<typeof createAdminApp>;
}

export function createControlPlane(db: Database, config: Config, keys: ServiceKeys, log: Logger, metrics: ServiceMetrics): ControlPlane {
  const service = new ResourceService(db, config, createSecretBox(keys.masterKey), KIND_HOOKS);
  const app = createAdminApp({
    service,
    tenants: new TenantService(service),
    jwtSecret: keys.jwtSecret,
    openapiDocument: buildOpenApiDocument(),
    log,
    metrics,
  });
  return { service, app };
}
