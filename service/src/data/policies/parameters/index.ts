/**
 * Validates the declared front-end parameters before any backend call and records their values
 * (defaults applied) for mapping and policy-backend conditions. Invalid requests never reach the backend.
 */
import type { ParameterDef } from '../../../shared/runtime-config';
import { failure, type CallContext, type Policy } from '../../pipeline/context';
import type { PolicyFactory } from '../types';
import { compileParameter } from './validators';

function reader(p: ParameterDef): (ctx: CallContext) => string | undefined {
  if (p.location === 'PATH') return (ctx) => ctx.pathParams[p.name];
  if (p.location === 'QUERY') return (ctx) => ctx.query.get(p.name) ?? undefined;
  const header = p.name.toLowerCase();
  return (ctx) => {
    const v = ctx.req.headers[header];
    return Array.isArray(v) ? v.join(',') : v;
  };
}

export const parametersPolicy: PolicyFactory = {
  name: 'parameters',
  build({ published }): Policy | undefined {
    const params = published.definition.parameters;
    if (params.length === 0) return undefined;
    const checks = params.map((p) => ({ name: p.name, where: p.location.toLowerCase(), read: reader(p), check: compileParameter(p) }));
    return {
      name: 'parameters',
      apply(ctx) {
        for (const c of checks) {
          const { value, problem } = c.check(c.read(ctx));
          if (problem) return failure('PARAMETER_INVALID', `${c.where} parameter "${c.name}" ${problem}`);
          if (value !== undefined) ctx.params[c.name] = value;
        }
        return undefined;
      },
    };
  },
};
