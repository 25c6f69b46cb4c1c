/**
 * Reads the payload of a refined unknown (msgpack ext 12: a map with integer keys, see
 * object-wire-format.md). Unknown keys are ignored, and a malformed payload degrades to a plain
 * unknown: refinements only narrow a value, so dropping them is always safe.
 */
import { decode } from '@msgpack/msgpack';
import { normalizeNumber } from './number';
import type { NumberValue, Refinements } from './value';

type Bound = { value: NumberValue; inclusive: boolean } | undefined;

function bound(raw: unknown): Bound {
  if (!Array.isArray(raw) || raw.length !== 2 || typeof raw[1] !== 'boolean') return undefined;
  const n = raw[0];
  if (typeof n !== 'number' && typeof n !== 'bigint' && typeof n !== 'string') return undefined;
  try { return { value: normalizeNumber(n), inclusive: raw[1] }; } catch { return undefined; }
}

const int = (raw: unknown): number | undefined =>
  typeof raw === 'number' ? raw : typeof raw === 'bigint' ? Number(raw) : undefined;

export function decodeRefinements(payload: Uint8Array): Refinements {
  let raw: unknown;
  try { raw = decode(payload, { useBigInt64: true }); } catch { return {}; }
  if (typeof raw !== 'object' || raw === null) return {};
  const m = raw as Record<string, unknown>;
  const out: Refinements = {};
  if (typeof m[1] === 'boolean') out.notNull = !m[1];
  if (typeof m[2] === 'string') out.stringPrefix = m[2];
  const lower = bound(m[3]);
  const upper = bound(m[4]);
  if (lower) out.numberLower = lower;
  if (upper) out.numberUpper = upper;
  if (int(m[5]) !== undefined) out.lengthMin = int(m[5]);
  if (int(m[6]) !== undefined) out.lengthMax = int(m[6]);
  return out;
}
