/**
 * Terraform values ↔ management-API JSON, walked along the catalogue fields (the API's field names are
 * the attribute names). Requests carry only what callers may send, with nulls left out so the API
 * fills its defaults. Responses become state, with three corrections that keep plans empty:
 * - secrets the API never returns (`reveal: never`) or returns only once (`reveal: once`) are carried
 *   over from the planned or prior value, since the API cannot tell us;
 * - a number equal to the planned one keeps the planned spelling (JSON has only float64, cty is exact);
 * - a list block with a non-empty default (authorizer.identity_sources) is sent absent when empty and
 *   reads back as empty while it equals that default: a LIST block cannot be optional+computed.
 */
import { acceptsInput } from '../../../service/src/control/catalogue/json-schema';
import type { Field, Fields } from '../../../service/src/control/catalogue/types';
import { Decimal, numberText } from '../values/number';
import { Unknown, isPlainObject } from '../values/value';
import type { ObjectValue, Value } from '../values/value';

/** Thrown when a value the request needs is not known yet (plan time, before its dependency exists). */
export class UnknownInput extends Error {
  constructor(readonly field: string) { super(`${field} is not known yet`); }
}

const isNumberValue = (v: Value): v is number | bigint | Decimal =>
  typeof v === 'number' || typeof v === 'bigint' || v instanceof Decimal;

const hasListDefault = (field: Field): boolean =>
  field.type === 'list' && Array.isArray(field.default) && field.default.length > 0;

export interface BodyOptions {
  /**
   * A replace (PUT): a write-only secret that is null is sent as null, which removes it; left out,
   * the API would keep the stored one (a JWT authorizer moving from a secret to a JWKS URL).
   */
  replace?: boolean;
}

/** The JSON body of a create (POST) or replace (PUT) from a planned value. */
export function toApiBody(fields: Fields, value: ObjectValue, options: BodyOptions = {}, at = ''): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) {
    if (!acceptsInput(field)) continue;
    const v = value[name] ?? null;
    if (v instanceof Unknown) {
      if (field.computed) continue; // computed+input: the server fills it
      throw new UnknownInput(`${at}${name}`);
    }
    if (v === null && options.replace && field.reveal === 'never') body[name] = null;
    if (v === null || (hasListDefault(field) && Array.isArray(v) && v.length === 0)) continue;
    body[name] = toApiValue(field, v, options, `${at}${name}`);
  }
  return body;
}

function toApiValue(field: Field, v: Value, options: BodyOptions, at: string): unknown {
  if (v instanceof Unknown) throw new UnknownInput(at);
  if (v === null) return null;
  if (isNumberValue(v)) return Number(numberText(v));
  if (field.type === 'object' && isPlainObject(v)) return toApiBody(field.fields, v, options, `${at}.`);
  if (field.type === 'list' && Array.isArray(v)) return v.map((item, i) => toApiValue(field.items, item, options, `${at}[${i}]`));
  if (field.type === 'map' && isPlainObject(v)) {
    return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, toApiValue({ type: 'string', description: '' }, item, options, `${at}.${k}`)]));
  }
  return v;
}

/**
 * The state object (plain, for completeState) from an API resource. `carry` is the value the result
 * replaces (planned on create/update, the current state on read): the source of hidden secrets.
 */
export function fromApi(fields: Fields, api: Record<string, unknown>, carry: ObjectValue | null): ObjectValue {
  const out: ObjectValue = {};
  for (const [name, field] of Object.entries(fields)) out[name] = fromApiValue(field, api[name], carry?.[name] ?? null);
  return out;
}

function fromApiValue(field: Field, raw: unknown, carry: Value): Value {
  if (raw === undefined || raw === null) return field.reveal ? known(carry) : null;
  if (typeof raw === 'number') return isNumberValue(carry) && Number(numberText(carry)) === raw ? carry : raw;
  if (field.type === 'object' && isPlainObject(raw)) return fromApi(field.fields, raw as ObjectValue, isPlainObject(carry) ? carry : null);
  if (field.type === 'list' && Array.isArray(raw)) {
    if (hasListDefault(field) && Array.isArray(carry) && carry.length === 0 && sameJson(raw, field.default)) return [];
    return raw.map((item, i) => fromApiValue(field.items, item, Array.isArray(carry) ? carry[i] ?? null : null));
  }
  return raw as Value;
}

/** A carried value that is still unknown (a secret the user did not give) is simply absent. */
const known = (v: Value): Value => (v instanceof Unknown ? null : v);

/** Deep equality of JSON data, ignoring key order (PostgreSQL's jsonb does not keep it). */
function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && sameJson(a[k], b[k]));
  }
  return a === b;
}
