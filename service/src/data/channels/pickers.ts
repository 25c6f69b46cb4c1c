/**
 * One picker per channel build, by algorithm. Pickers hold only balancing state (round-robin scores,
 * the hash ring); health is read from the members at pick time, so a health change needs no rebuild.
 */
import type { RuntimeChannel } from '../../shared/runtime-config';
import type { CallContext } from '../pipeline/context';
import type { Connections } from './connections';
import { HashRing, hash32 } from './hash-ring';
import type { Member } from './members';
import { SmoothWeighted } from './smooth-weighted';

export type Picker = (ctx: Pick<CallContext, 'sourceIp' | 'path' | 'rawQuery'>) => Member | undefined;

const healthy = (m: Member): boolean => m.health.healthy;

/**
 * Weighted least connections as nginx does it: the lowest in-flight/weight ratio wins (compared by
 * cross-multiplying, no division), and ties go through smooth round robin so that an idle channel,
 * where every ratio is 0, still splits traffic by weight.
 */
function leastConnections(members: readonly Member[], connections: Connections): Picker {
  const rotation = new SmoothWeighted(members);
  return () => {
    let best: Member | undefined;
    let ties = 0;
    for (const m of members) {
      if (m.weight <= 0 || !m.health.healthy) continue;
      const order = best ? connections.count(m.key) * best.weight - connections.count(best.key) * m.weight : -1;
      if (order < 0) { best = m; ties = 1; } else if (order === 0) ties++;
    }
    if (!best || ties === 1) return best;
    const leader = best;
    const load = connections.count(leader.key);
    return rotation.next((m) => m.health.healthy && connections.count(m.key) * leader.weight === load * m.weight);
  };
}

export function createPicker(def: RuntimeChannel, members: readonly Member[], connections: Connections): Picker {
  switch (def.algorithm) {
    case 'LEAST_CONNECTIONS': return leastConnections(members, connections);
    case 'SOURCE_IP_HASH': {
      const ring = new HashRing(members);
      return (ctx) => ring.pick(hash32(ctx.sourceIp));
    }
    case 'URI_HASH': {
      const ring = new HashRing(members);
      return (ctx) => ring.pick(hash32(ctx.rawQuery ? `${ctx.path}?${ctx.rawQuery}` : ctx.path));
    }
    default: {
      const rotation = new SmoothWeighted(members);
      return () => rotation.next(healthy);
    }
  }
}
