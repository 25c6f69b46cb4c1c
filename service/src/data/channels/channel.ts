/**
 * One build of one channel: its members, its picker and, when configured, its health checker.
 * A configuration swap that changes the channel makes a new build that inherits the health of the
 * members that stay; an unchanged channel keeps its build (and its round-robin position).
 */
import type { RuntimeChannel } from '../../shared/runtime-config';
import type { CallContext } from '../pipeline/context';
import type { Connections } from './connections';
import { HealthChecker } from './health-checker';
import { buildMembers, type Member, type MemberHealth } from './members';
import { createPicker, type Picker } from './pickers';

export interface ChannelTimingOptions {
  /** Replaces every health check's interval (tests only; see docs/channels.md). */
  intervalOverrideMs?: number;
}

export interface MemberStatus {
  channel: string;
  member: string;
  healthy: boolean;
}

export class ChannelBuild {
  readonly signature: string;
  readonly members: readonly Member[];
  private readonly picker: Picker;
  private readonly checker?: HealthChecker;

  constructor(readonly def: RuntimeChannel, previous: ChannelBuild | undefined, connections: Connections, timing: ChannelTimingOptions) {
    this.signature = JSON.stringify(def);
    this.members = buildMembers(def, inheritedHealth(def, previous));
    this.picker = createPicker(def, this.members, connections);
    const check = def.health_check;
    if (!check) return;
    this.checker = new HealthChecker(this.members, check, {
      intervalMs: timing.intervalOverrideMs ?? check.interval_seconds * 1000,
      timeoutMs: check.timeout_seconds * 1000,
    });
    this.checker.start();
  }

  pick(ctx: CallContext): Member | undefined {
    return this.picker(ctx);
  }

  status(): MemberStatus[] {
    return this.members.map((m) => ({ channel: this.def.id, member: m.key, healthy: m.health.healthy }));
  }

  stop(): void {
    this.checker?.stop();
  }
}

/**
 * The health a new build starts from. Without a health check nothing can bring a member back, so
 * dropping the check makes every member healthy again rather than freezing the last verdicts.
 */
function inheritedHealth(def: RuntimeChannel, previous: ChannelBuild | undefined): ReadonlyMap<string, MemberHealth> {
  if (!previous || !def.health_check) return new Map();
  return new Map(previous.members.map((m) => [m.key, m.health]));
}
