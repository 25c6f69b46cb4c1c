/**
 * Policy-backend conditions compiled to predicates: source IP (equal, list, CIDR, pattern), a request
 * parameter, the calling app, a JWT claim, the path or the method. This is how canary and grey
 * releases pick their backend.
 */
import { BlockList, isIPv6 } from 'node:net';
import type { ConditionDef, PolicyBackendDef } from '../../shared/runtime-config';
import type { CallContext } from '../pipeline/context';

export type Predicate = (ctx: CallContext) => boolean;

function subjectOf(c: ConditionDef): (ctx: CallContext) => string | undefined {
  switch (c.source) {
    case 'SOURCE_IP': return (ctx) => ctx.sourceIp;
    case 'PARAMETER': return (ctx) => ctx.params[c.parameter_name!];
    case 'APP': return (ctx) => ctx.app?.id;
    case 'JWT_CLAIM': return (ctx) => { const v = ctx.claims?.[c.parameter_name!]; return v === undefined ? undefined : String(v); };
    case 'PATH': return (ctx) => ctx.path;
    case 'METHOD': return (ctx) => ctx.method;
  }
}

function cidrMatcher(value: string): (ip: string) => boolean {
  const list = new BlockList();
  for (const entry of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [address, prefix] = entry.split('/');
    const family = isIPv6(address) ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return (ip) => list.check(ip.replace(/^::ffff:/, ''), 'ipv4') || list.check(ip, 'ipv6');
}

export function compileCondition(c: ConditionDef): Predicate {
  const subject = subjectOf(c);
  let test: (v: string) => boolean;
  switch (c.operator) {
    case 'IN': { const set = new Set(c.value.split(',').map((s) => s.trim())); test = (v) => set.has(v); break; }
    case 'PATTERN': { const re = new RegExp(c.value); test = (v) => re.test(v); break; }
    case 'CIDR': test = cidrMatcher(c.value); break;
    default: test = (v) => v === c.value;
  }
  return (ctx) => { const v = subject(ctx); return v !== undefined && test(v); };
}

export function compileConditions(pb: PolicyBackendDef): Predicate {
  const predicates = pb.conditions.map(compileCondition);
  return pb.effect_mode === 'ALL'
    ? (ctx) => predicates.every((p) => p(ctx))
    : (ctx) => predicates.some((p) => p(ctx));
}
