/** Managed-resource RPCs that change things: apply (create / update / delete) and import. */
import type { MessageInitShape } from '@bufbuild/protobuf';
import type {
  ApplyResourceChange_Request, ApplyResourceChange_ResponseSchema, ImportResourceState_Request,
  ImportResourceState_ResponseSchema,
} from '../../gen/tfplugin6_pb';
import { emptyBlockValue, impliedType } from '../../schema/model';
import { isPlainObject } from '../../values/value';
import type { ObjectValue, Value } from '../../values/value';
import { DiagnosticError } from '../diagnostics';
import type { Diagnostic } from '../diagnostics';
import type { Resource } from '../resource';
import { completeState } from '../state';
import { guarded } from './guard';
import { withoutMarker } from './replacing';
import { notImplemented } from './runtime';
import type { ProviderRuntime } from './runtime';
import { decodeDynamic, encodeDynamic } from './wire';

const asObject = (v: Value): ObjectValue | null => (isPlainObject(v) ? v : null);

async function applyChange(rt: ProviderRuntime, r: Resource, prior: ObjectValue | null, planned: ObjectValue | null,
  config: ObjectValue | null, diags: Diagnostic[]): Promise<ObjectValue | null> {
  if (planned === null) {
    if (!prior) return null;
    if (!r.delete) throw notImplemented(r.typeName, 'delete');
    await r.delete(rt.hookContext(diags), prior);
    return null;
  }
  const cfg = config ?? planned;
  if (prior === null) {
    if (!r.create) throw notImplemented(r.typeName, 'create');
    return r.create(rt.hookContext(diags), planned, cfg);
  }
  if (!r.update) throw notImplemented(r.typeName, 'update');
  return r.update(rt.hookContext(diags), prior, planned, cfg);
}

/**
 * On failure the response carries the prior state (nothing changed as far as we know), unless the
 * hook threw a DiagnosticError with the object's actual state (see diagnostics.ts).
 */
export function applyResourceChange(rt: ProviderRuntime, req: ApplyResourceChange_Request) {
  const type = () => impliedType(rt.resource(req.typeName).schema.block);
  return guarded<MessageInitShape<typeof ApplyResourceChange_ResponseSchema>>(rt.log, 'ApplyResourceChange', async (diags) => {
    const r = rt.resource(req.typeName);
    const prior = asObject(decodeDynamic(req.priorState, type()));
    const planned = asObject(decodeDynamic(req.plannedState, type()));
    const config = asObject(decodeDynamic(req.config, type()));
    const result = await applyChange(rt, r, prior, planned, config, diags);
    const state = result && completeState(r.schema.block, result, r.typeName);
    return { newState: encodeDynamic(state, type()), private: withoutMarker(req.plannedPrivate) };
  }, (err) => ({ newState: stateAfterFailure(rt, req, err), private: withoutMarker(req.plannedPrivate) }));
}

function stateAfterFailure(rt: ProviderRuntime, req: ApplyResourceChange_Request, err: unknown) {
  if (!(err instanceof DiagnosticError) || !err.state) return req.priorState;
  try {
    const r = rt.resource(req.typeName);
    return encodeDynamic(completeState(r.schema.block, err.state, r.typeName), impliedType(r.schema.block));
  } catch {
    return req.priorState;
  }
}

export function importResourceState(rt: ProviderRuntime, req: ImportResourceState_Request) {
  return guarded<MessageInitShape<typeof ImportResourceState_ResponseSchema>>(rt.log, 'ImportResourceState', async (diags) => {
    const r = rt.resource(req.typeName);
    const partial = r.importState
      ? await r.importState(rt.hookContext(diags), req.id)
      : { ...emptyBlockValue(r.schema.block), id: req.id };
    const state = completeState(r.schema.block, partial, r.typeName);
    return { importedResources: [{ typeName: r.typeName, state: encodeDynamic(state, impliedType(r.schema.block)) }] };
  });
}
