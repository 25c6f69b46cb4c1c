/**
 * How the second plan call of a replacement knows it is one. Core plans a replacement twice: first
 * against the prior state, then as a create with a null prior, passing our first `planned_private`
 * back as `prior_private` — whether the replacement comes from our `requires_replace`, from
 * `-replace=ADDR` or from `replace_triggered_by`. The create's plan-time check must then ignore
 * conflicts with the object being replaced (same unique name, its quota slot), so every plan against
 * an existing object leaves a marker there; the create takes it out, and apply never stores it.
 */
const MARKER = Buffer.from('{"apigw_replacing":true}');

const isMarker = (bytes: Uint8Array) => Buffer.from(bytes).equals(MARKER);

/** The planned_private of a plan against an existing object (private state is otherwise unused). */
export function markExisting(clean: Uint8Array): Uint8Array {
  return clean.length === 0 ? MARKER : clean;
}

export function takeReplacingMarker(priorPrivate: Uint8Array): { replacing: boolean; private: Uint8Array } {
  return isMarker(priorPrivate) ? { replacing: true, private: new Uint8Array() } : { replacing: false, private: priorPrivate };
}

/** What apply stores as private state: the planned private without the marker. */
export const withoutMarker = (plannedPrivate: Uint8Array): Uint8Array => (isMarker(plannedPrivate) ? new Uint8Array() : plannedPrivate);
