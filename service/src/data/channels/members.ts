/**
 * Channel members as the balancer sees them. A member is identified by its authority (`host:port`,
 * IPv6 hosts in brackets): the same key finds its health across configuration swaps and its count
 * of requests in flight across channels, and it is what `release(origin)` gets back.
 */
import type { RuntimeChannel } from '../../shared/runtime-config';

/** Outcome of the active health check; shared by a channel's successive builds while the member stays. */
export interface MemberHealth {
  healthy: boolean;
  /** Consecutive successful probes (reset by a failure). */
  successes: number;
  /** Consecutive failed probes (reset by a success). */
  failures: number;
}

export interface Member {
  readonly key: string;
  readonly host: string;
  readonly port: number;
  /** 0 takes the member out of rotation (it is still probed, so it is ready when weighted again). */
  readonly weight: number;
  /** Precomputed so a pick allocates nothing. */
  readonly origins: { readonly http: string; readonly https: string };
  readonly health: MemberHealth;
}

export const authority = (host: string, port: number): string => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

/** The member key of an origin (`scheme://authority`). */
export function keyOfOrigin(origin: string): string {
  const at = origin.indexOf('://');
  return at < 0 ? origin : origin.slice(at + 3);
}

/** The catalogue guarantees integers 0–100; this keeps the hash ring's sizes valid whatever arrives. */
const sanitizeWeight = (weight: number): number => (Number.isFinite(weight) ? Math.max(0, Math.round(weight)) : 1);

export const newHealth = (): MemberHealth => ({ healthy: true, successes: 0, failures: 0 });

/**
 * Builds the members of a channel definition. A member listed twice counts once with the summed
 * weight: two entries for one server would otherwise share health and counts but skew the hash ring.
 */
export function buildMembers(def: RuntimeChannel, previous: ReadonlyMap<string, MemberHealth>): Member[] {
  const byKey = new Map<string, Member>();
  for (const m of def.members) {
    const key = authority(m.host, m.port);
    const seen = byKey.get(key);
    const weight = sanitizeWeight(m.weight) + (seen?.weight ?? 0);
    byKey.set(key, {
      key, host: m.host, port: m.port, weight,
      origins: seen?.origins ?? { http: `http://${key}`, https: `https://${key}` },
      health: seen?.health ?? previous.get(key) ?? newHealth(),
    });
  }
  return [...byKey.values()];
}
