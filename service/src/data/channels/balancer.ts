/**
 * The data plane's channel balancer: the current build of every channel, rebuilt on configuration
 * swaps, plus the process-wide count of requests in flight per member.
 */
import type { RuntimeConfig } from '../../shared/runtime-config';
import type { CallContext } from '../pipeline/context';
import type { ChannelBalancer } from '../services';
import { ChannelBuild, type ChannelTimingOptions, type MemberStatus } from './channel';
import { Connections } from './connections';
import { keyOfOrigin } from './members';

export class Balancer implements ChannelBalancer {
  private builds = new Map<string, ChannelBuild>();
  private readonly connections = new Connections();
  private closed = false;

  constructor(private readonly timing: ChannelTimingOptions = {}) {}

  pick(channelId: string, ctx: CallContext, scheme: 'http' | 'https'): string | undefined {
    const member = this.builds.get(channelId)?.pick(ctx);
    if (!member) return undefined;
    this.connections.acquire(member.key);
    return member.origins[scheme];
  }

  /** Ends a request started by `pick`; origins that were not picked are ignored. */
  release(origin: string): void {
    this.connections.release(keyOfOrigin(origin));
  }

  /** Swaps in the channels of a new configuration; runs on the swap path, so it never throws. */
  update(channels: RuntimeConfig['channels']): void {
    if (this.closed) return;
    const next = new Map<string, ChannelBuild>();
    for (const [id, def] of Object.entries(channels)) {
      const current = this.builds.get(id);
      if (current && current.signature === JSON.stringify(def)) {
        next.set(id, current);
        continue;
      }
      current?.stop();
      next.set(id, new ChannelBuild(def, current, this.connections, this.timing));
    }
    for (const [id, build] of this.builds) if (!next.has(id)) build.stop();
    this.builds = next;
  }

  /** Health of every member of every channel, for the apigw_channel_member_healthy gauge. */
  health(): MemberStatus[] {
    return [...this.builds.values()].flatMap((build) => build.status());
  }

  /** In-flight requests of a member (`host:port`), for tests and diagnostics. */
  inFlight(member: string): number {
    return this.connections.count(member);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const build of this.builds.values()) build.stop();
    this.builds = new Map();
  }
}
