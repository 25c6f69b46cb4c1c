/**
 * Reads what the runtime configuration is compiled from. The revision is read first, so a change
 * committed while loading is at worst compiled early and never missed (the next poll sees a newer
 * revision and loads again).
 */
import { kindOf } from '../catalogue/kinds';
import type { Database } from '../db/database';
import { ResourceRepository } from '../db/resource-repository';
import { VersionRepository } from '../db/version-repository';
import type { SecretBox } from '../security/secret-box';
import { openSecrets } from '../services/secrets';
import type { RuntimeConfigSource } from '../../shared/runtime-config';
import { compileRuntimeConfig, RUNTIME_KINDS } from './compile';

export function createRuntimeConfigSource(db: Database, secrets: SecretBox, baseDomain: string): RuntimeConfigSource {
  const resources = new ResourceRepository(db.sequelize);
  const versions = new VersionRepository(db.sequelize);
  return {
    revision: () => db.revision(),
    async load() {
      const revision = await db.revision();
      const stored = await resources.listAllOfKinds(RUNTIME_KINDS);
      const rows = stored.map((r) => ({ id: r.id, tenantId: r.tenantId, kind: r.kind, data: openSecrets(kindOf(r.kind), r.data, secrets) }));
      const liveIds = rows.filter((r) => r.kind === 'deployment').map((r) => r.data.version_id as string);
      const live = await versions.getMany(liveIds);
      return compileRuntimeConfig({ revision, baseDomain, rows, versions: live.map((v) => ({ id: v.id, version: v.version, definition: v.definition })) });
    },
  };
}
