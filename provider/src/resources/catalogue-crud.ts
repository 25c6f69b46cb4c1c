/**
 * Create, read, update, delete and the plan-time check of any catalogue kind through the management
 * API's generic routes (`/v1/<plural>`, `/v1/<plural>/{id}`; PUT replaces the whole object). Names
 * are mechanical, so one implementation serves every `apigw_<kind>`; a kind's own file adds only what
 * is irregular about it (see hooks.ts).
 */
import type { ResourceKind } from '../../../service/src/control/catalogue/types';
import { ApiClient, ApiFailure } from '../client/api-client';
import { failureDiagnostics } from '../client/problems';
import { DiagnosticError } from '../framework/diagnostics';
import type { Diagnostic } from '../framework/diagnostics';
import type { HookContext, PlanCheckRequest } from '../framework/resource';
import type { ObjectValue, Value } from '../values/value';
import { UnknownInput, fromApi, toApiBody } from './api-json';
import type { ResourceHooks } from './hooks';

const PLAN_NOTE = 'Found at plan time: the provider asked apigw to check this change with ?dry_run=true; nothing was changed.';

/** At plan time a replacement's new object meets the old one, which apply deletes first: not a problem. */
const REPLACEMENT_CONFLICTS = new Set(['ALREADY_EXISTS', 'QUOTA_EXCEEDED', 'PATH_CONFLICT']);

/** An ApiFailure as diagnostics on the kind's attributes; anything else passes through. */
export function refusal(err: unknown, kind: ResourceKind): unknown {
  return err instanceof ApiFailure ? new DiagnosticError(failureDiagnostics(err, { kind })) : err;
}

const isGone = (err: unknown) => err instanceof ApiFailure && err.status === 404;

export function catalogueCrud(kind: ResourceKind): ResourceHooks {
  const collection = `/v1/${kind.plural}`;
  const item = (id: Value) => `${collection}/${encodeURIComponent(String(id))}`;
  const body = (value: ObjectValue, replace = false) => ({ body: toApiBody(kind.fields, value, { replace }) });
  const call = async (work: () => Promise<any>, carry: ObjectValue): Promise<ObjectValue> => {
    try {
      return fromApi(kind.fields, await work(), carry);
    } catch (err) {
      throw refusal(err, kind);
    }
  };
  return {
    create: (ctx, planned) => call(() => new ApiClient(ctx).post(collection, body(planned)), planned),
    update: (ctx, prior, planned) => call(() => new ApiClient(ctx).put(item(prior.id), body(planned, true)), planned),
    read: async (ctx, current) => {
      if (typeof current.id !== 'string' || current.id === '') return null;
      let found: Record<string, unknown>;
      try {
        found = await new ApiClient(ctx).get(item(current.id));
      } catch (err) {
        if (isGone(err)) return null; // deleted outside Terraform: core drops it and plans a create
        throw refusal(err, kind);
      }
      return fromApi(kind.fields, found, current);
    },
    delete: async (ctx, prior) => {
      try {
        await new ApiClient(ctx).delete(item(prior.id));
      } catch (err) {
        if (!isGone(err)) throw refusal(err, kind); // already gone is what we wanted
      }
    },
    checkPlan: (ctx, request) => dryRun(ctx, kind, request),
  };
}

/** The plan-time check: the same request apply would send, with ?dry_run=true (every rule, then rollback). */
async function dryRun(ctx: HookContext, kind: ResourceKind, { prior, planned, replacing }: PlanCheckRequest): Promise<Diagnostic[]> {
  let body: Record<string, unknown>;
  try {
    body = toApiBody(kind.fields, planned, { replace: prior !== null });
  } catch (err) {
    if (err instanceof UnknownInput) return []; // Terraform plans again at apply, with everything known
    throw err;
  }
  const options = { body, query: { dry_run: 'true' } };
  const client = new ApiClient(ctx);
  try {
    if (prior) await client.put(`/v1/${kind.plural}/${encodeURIComponent(String(prior.id))}`, options);
    else await client.post(`/v1/${kind.plural}`, options);
    return [];
  } catch (err) {
    if (!(err instanceof ApiFailure)) throw err;
    if (err.status === 404 || (replacing && REPLACEMENT_CONFLICTS.has(err.code))) return [];
    const severity = err.status >= 500 ? 'warning' : 'error';
    return failureDiagnostics(err, { kind, severity, note: PLAN_NOTE });
  }
}
