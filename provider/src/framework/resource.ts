/**
 * What a resource or data source plugs into the framework: its schema (derived from the catalogue)
 * and hooks that work on plain decoded objects (see values/value.ts). The framework owns the protocol
 * rules (unknowns, defaults, replacement, null-vs-empty); hooks only talk to the management API.
 * A hook that is not written yet answers with an error diagnostic, not a crash.
 */
import type { ResourceKind } from '../../../service/src/control/catalogue/types';
import type { ResourceSchema } from '../schema/model';
import type { ObjectValue } from '../values/value';
import type { Diagnostic } from './diagnostics';
import type { Logger } from './logger';

/** The resolved `provider "apigw"` settings (config first, then APIGW_ENDPOINT / APIGW_TOKEN). */
export interface ProviderSettings {
  endpoint: string;
  token: string;
}

export interface HookContext {
  settings: ProviderSettings;
  /** Aborted when Terraform calls StopProvider (Ctrl-C): pass it to fetch. */
  signal: AbortSignal;
  log: Logger;
  /** Warnings a hook wants to show; errors are thrown (DiagnosticError for a chosen path). */
  warn(diagnostic: Omit<Diagnostic, 'severity'>): void;
}

export interface PlanRequest {
  prior: ObjectValue | null;
  config: ObjectValue;
  /** The framework's plan so far; return it (possibly changed) from `modifyPlan`. */
  planned: ObjectValue;
}

export interface PlanCheckRequest {
  /** null on create; the refreshed state on update. */
  prior: ObjectValue | null;
  planned: ObjectValue;
  /** This create is the second half of a replacement: the object it replaces still exists. */
  replacing: boolean;
}

export interface Resource {
  /** `apigw_<kind>` */
  typeName: string;
  schema: ResourceSchema;
  /** The catalogue declaration, when the resource maps one kind (its `check` runs at validate time). */
  kind?: ResourceKind;
  /** Computed attributes that change on every update (default `updated_at`); others keep prior values. */
  volatileOnUpdate?: readonly string[];
  /** Extra checks beyond the catalogue's; config may contain unknowns. */
  validate?(config: ObjectValue): Diagnostic[];
  /** Last word on a non-destroy plan (e.g. keep the prior spelling of an equivalent value). */
  modifyPlan?(request: PlanRequest): ObjectValue;
  /**
   * Checks a create or update at plan time against the live service (dry runs). Not called for
   * no-op plans, destroys, or the first half of a replacement. Problems go in the result.
   */
  checkPlan?(ctx: HookContext, request: PlanCheckRequest): Promise<Diagnostic[]>;
  create?(ctx: HookContext, planned: ObjectValue, config: ObjectValue): Promise<ObjectValue>;
  /** Returns null when the object no longer exists (Terraform then plans to create it). */
  read?(ctx: HookContext, state: ObjectValue): Promise<ObjectValue | null>;
  update?(ctx: HookContext, prior: ObjectValue, planned: ObjectValue, config: ObjectValue): Promise<ObjectValue>;
  delete?(ctx: HookContext, prior: ObjectValue): Promise<void>;
  /** Parses the `terraform import` ID into a partial state; `read` fills in the rest. Default: `{ id }`. */
  importState?(ctx: HookContext, id: string): Promise<ObjectValue>;
}

export interface DataSource {
  typeName: string;
  schema: ResourceSchema;
  validate?(config: ObjectValue): Diagnostic[];
  read?(ctx: HookContext, config: ObjectValue): Promise<ObjectValue>;
}
