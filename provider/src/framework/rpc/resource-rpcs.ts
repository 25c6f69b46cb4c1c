/**
 * Managed-resource RPCs up to planning: validate, upgrade, read, plan. Planning is pure (plan.ts)
 * except for the resource's plan-time check against the live service, run only when something
 * changes and every value it needs is known.
 */
import type { MessageInitShape } from '@bufbuild/protobuf';
import type {
  PlanResourceChange_Request, PlanResourceChange_ResponseSchema, ReadResource_Request, ReadResource_ResponseSchema,
  UpgradeResourceState_Request, UpgradeResourceState_ResponseSchema, ValidateResourceConfig_Request,
  ValidateResourceConfig_ResponseSchema,
} from '../../gen/tfplugin6_pb';
import { impliedType } from '../../schema/model';
import { valuesEqual } from '../../values/equal';
import { decodeJson } from '../../values/json';
import { isPlainObject } from '../../values/value';
import type { ObjectValue, Value } from '../../values/value';
import { DiagnosticError, errorDiag } from '../diagnostics';
import { planChange } from '../plan';
import { completeState } from '../state';
import { validateResourceConfig } from '../validate';
import { guarded } from './guard';
import { markExisting, takeReplacingMarker } from './replacing';
import { notImplemented } from './runtime';
import type { ProviderRuntime } from './runtime';
import { decodeDynamic, encodeDynamic, toProtoPath } from './wire';

const asObject = (v: Value): ObjectValue | null => (isPlainObject(v) ? v : null);

export function validateResource(rt: ProviderRuntime, req: ValidateResourceConfig_Request) {
  return guarded<MessageInitShape<typeof ValidateResourceConfig_ResponseSchema>>(rt.log, 'ValidateResourceConfig', (diags) => {
    const r = rt.resource(req.typeName);
    diags.push(...validateResourceConfig(r, decodeDynamic(req.config, impliedType(r.schema.block))));
    return {};
  });
}

/**
 * Re-encodes the stored state (JSON, written with `req.version` of the schema) in the current
 * schema. There is one schema version so far; a future version bump adds its upgrader here.
 */
export function upgradeResourceState(rt: ProviderRuntime, req: UpgradeResourceState_Request) {
  return guarded<MessageInitShape<typeof UpgradeResourceState_ResponseSchema>>(rt.log, 'UpgradeResourceState', () => {
    const r = rt.resource(req.typeName);
    const type = impliedType(r.schema.block);
    if (BigInt(r.schema.version) < req.version) {
      const detail = `${req.typeName} state has schema version ${req.version}; this provider knows ${r.schema.version}.`;
      throw new DiagnosticError([errorDiag('State from a newer provider', detail)]);
    }
    if (!req.rawState?.json?.length) {
      const flatmap = Object.keys(req.rawState?.flatmap ?? {}).length > 0;
      throw new DiagnosticError([errorDiag('Cannot upgrade state',
        flatmap ? 'Flatmap state (Terraform < 0.12) is not supported.' : 'The state is empty.')]);
    }
    const state = asObject(decodeJson(req.rawState.json, type));
    return { upgradedState: encodeDynamic(state && completeState(r.schema.block, state, req.typeName), type) };
  });
}

export function readResource(rt: ProviderRuntime, req: ReadResource_Request) {
  const type = () => impliedType(rt.resource(req.typeName).schema.block);
  return guarded<MessageInitShape<typeof ReadResource_ResponseSchema>>(rt.log, 'ReadResource', async (diags) => {
    const r = rt.resource(req.typeName);
    const current = asObject(decodeDynamic(req.currentState, type()));
    if (!current) return { newState: encodeDynamic(null, type()), private: req.private };
    if (!r.read) throw notImplemented(r.typeName, 'read');
    const found = await r.read(rt.hookContext(diags), current);
    const state = found && completeState(r.schema.block, found, r.typeName);
    return { newState: encodeDynamic(state, type()), private: req.private };
  }, () => ({ newState: req.currentState, private: req.private }));
}

export function planResourceChange(rt: ProviderRuntime, req: PlanResourceChange_Request) {
  return guarded<MessageInitShape<typeof PlanResourceChange_ResponseSchema>>(rt.log, 'PlanResourceChange', async (diags) => {
    const r = rt.resource(req.typeName);
    const block = r.schema.block;
    const type = impliedType(block);
    const prior = asObject(decodeDynamic(req.priorState, type));
    const config = asObject(decodeDynamic(req.config, type));
    const proposed = asObject(decodeDynamic(req.proposedNewState, type));
    const out = planChange({ block, prior, proposed, config, volatileOnUpdate: r.volatileOnUpdate });
    const planned = out.planned && config && r.modifyPlan ? r.modifyPlan({ prior, config, planned: out.planned }) : out.planned;
    const marker = takeReplacingMarker(req.priorPrivate);
    const plannedPrivate = prior ? markExisting(marker.private) : marker.private;
    const requiresReplace = out.requiresReplace.map(toProtoPath);
    const changes = planned !== null && (prior === null || !valuesEqual(planned, prior, type));
    // The first half of a replacement is not checked: the second half checks the new object.
    if (changes && requiresReplace.length === 0 && r.checkPlan && rt.settings) {
      diags.push(...await r.checkPlan(rt.hookContext(diags), { prior, planned, replacing: marker.replacing }));
    }
    return { plannedState: encodeDynamic(planned, type), requiresReplace, plannedPrivate };
  });
}
