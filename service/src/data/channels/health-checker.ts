/**
 * Active health checks of one channel build: each member is probed on its own timer (a slow member
 * never delays the others), first at once and then `interval` after the previous probe ended, so
 * probes of one member never overlap. Thresholds make a verdict stick: `unhealthy_threshold`
 * consecutive failures take a member out, `healthy_threshold` consecutive successes bring it back.
 * Timers are unref'd: health checks alone never keep the process alive.
 */
import type { RuntimeChannel } from '../../shared/runtime-config';
import type { Member, MemberHealth } from './members';
import { createProbe, type Probe } from './probes';

type HealthCheck = NonNullable<RuntimeChannel['health_check']>;

export interface Thresholds {
  healthy: number;
  unhealthy: number;
}

/** Folds one probe result into a member's health. */
export function record(health: MemberHealth, ok: boolean, thresholds: Thresholds): void {
  if (ok) {
    health.failures = 0;
    health.successes++;
    if (!health.healthy && health.successes >= thresholds.healthy) health.healthy = true;
  } else {
    health.successes = 0;
    health.failures++;
    if (health.healthy && health.failures >= thresholds.unhealthy) health.healthy = false;
  }
}

export interface CheckTiming {
  intervalMs: number;
  timeoutMs: number;
}

export class HealthChecker {
  private readonly abort = new AbortController();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly thresholds: Thresholds;

  constructor(private readonly members: readonly Member[], check: HealthCheck, private readonly timing: CheckTiming,
    private readonly probe: Probe = createProbe(check)) {
    this.thresholds = { healthy: check.healthy_threshold, unhealthy: check.unhealthy_threshold };
  }

  start(): void {
    for (const member of this.members) void this.run(member);
  }

  /** Stops every timer and aborts the probes in flight; their results are dropped. */
  stop(): void {
    this.abort.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async run(member: Member): Promise<void> {
    if (this.abort.signal.aborted) return;
    const ok = await this.probe(member, this.timing.timeoutMs, this.abort.signal).catch(() => false);
    if (this.abort.signal.aborted) return;
    record(member.health, ok, this.thresholds);
    const timer = setTimeout(() => { this.timers.delete(timer); void this.run(member); }, this.timing.intervalMs);
    timer.unref();
    this.timers.add(timer);
  }
}
