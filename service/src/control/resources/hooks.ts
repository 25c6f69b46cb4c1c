/**
 * The small named hooks that give a resource kind its irregular behaviour (generated credentials,
 * certificate parsing, publishing). The generic resource service owns everything else.
 */
import type { Transaction } from 'sequelize';
import type { Config } from '../../shared/config';
import type { ResourceRepository, StoredResource } from '../db/resource-repository';
import type { VersionRepository } from '../db/version-repository';
import type { SecretBox } from '../security/secret-box';

/** Who is asking, and in which request: carried from the HTTP layer into the audit log. */
export interface RequestContext {
  tenant: string;
  actor: string;
  requestId: string;
  /** Validate and run every rule, then roll back (`?dry_run=true`). */
  dryRun?: boolean;
}

export interface WriteContext extends RequestContext {
  tx: Transaction;
  now: string;
  config: Config;
  resources: ResourceRepository;
  versions: VersionRepository;
  secrets: SecretBox;
  /** A resource of this tenant with its secrets opened, or undefined. */
  load(kind: string, id: string): Promise<StoredResource | undefined>;
  /** Values computed once per transaction (e.g. a group's route index during an import of many APIs). */
  memo: Map<string, unknown>;
  /** Records an audit event in the same transaction. */
  audit(action: string, kind: string, resourceId: string | null, detail?: Record<string, unknown>): Promise<void>;
}

export interface KindHooks {
  /**
   * Checks rules that need the database and returns server-computed fields to store. `input` is the
   * validated request (defaults filled, secrets in clear); `existing` is set on replace.
   */
  prepare?(ctx: WriteContext, id: string, input: Record<string, any>, existing?: StoredResource): Promise<Record<string, unknown>>;
  /** Runs after the row is written (e.g. a deployment records its version). */
  afterWrite?(ctx: WriteContext, stored: StoredResource, existing?: StoredResource): Promise<void>;
  /** Refuses deletions the generic reference check cannot see. */
  beforeDelete?(ctx: WriteContext, existing: StoredResource): Promise<void>;
  afterDelete?(ctx: WriteContext, existing: StoredResource): Promise<void>;
}
