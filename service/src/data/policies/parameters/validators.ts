/** One front-end parameter compiled to a check: presence, default, type, length, range, enum, pattern. */
import type { ParameterDef } from '../../../shared/runtime-config';

export type ParameterCheck = (raw: string | undefined) => { value?: string; problem?: string };

const TYPE_TESTS: Record<ParameterDef['type'], (v: string) => boolean> = {
  STRING: () => true,
  INTEGER: (v) => /^-?\d{1,16}$/.test(v),
  NUMBER: (v) => v.trim() !== '' && Number.isFinite(Number(v)),
  BOOLEAN: (v) => v === 'true' || v === 'false',
};

export function compileParameter(p: ParameterDef): ParameterCheck {
  const typeOk = TYPE_TESTS[p.type] ?? TYPE_TESTS.STRING;
  const numeric = p.type === 'INTEGER' || p.type === 'NUMBER';
  const allowed = p.enum?.length ? new Set(p.enum) : undefined;
  const pattern = p.pattern ? new RegExp(`^(?:${p.pattern})$`) : undefined;
  return (raw) => {
    const value = raw ?? p.default_value;
    if (value === undefined) return p.required ? { problem: 'is required' } : {};
    if (!typeOk(value)) return { problem: `must be ${p.type === 'INTEGER' ? 'an integer' : p.type === 'NUMBER' ? 'a number' : 'true or false'}` };
    if (p.min_length !== undefined && value.length < p.min_length) return { problem: `must be at least ${p.min_length} characters` };
    if (p.max_length !== undefined && value.length > p.max_length) return { problem: `must be at most ${p.max_length} characters` };
    if (numeric && p.minimum !== undefined && Number(value) < p.minimum) return { problem: `must be at least ${p.minimum}` };
    if (numeric && p.maximum !== undefined && Number(value) > p.maximum) return { problem: `must be at most ${p.maximum}` };
    if (allowed && !allowed.has(value)) return { problem: `must be one of ${[...allowed].join(', ')}` };
    if (pattern && !pattern.test(value)) return { problem: 'does not match the required pattern' };
    return { value };
  };
}
