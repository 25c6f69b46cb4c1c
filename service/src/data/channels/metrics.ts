/**
 * apigw_channel_member_healthy{channel, member}: 1 while a member may receive traffic, 0 while its
 * health check keeps it out. Read at scrape time from the balancer, so it costs nothing per request;
 * its label values are channel ids and member addresses from the configuration, hence bounded.
 */
import { Gauge, type Registry } from 'prom-client';
import type { MemberStatus } from './channel';

export function registerChannelHealthGauge(registry: Registry, source: { health(): MemberStatus[] }): Gauge<'channel' | 'member'> {
  return new Gauge({
    name: 'apigw_channel_member_healthy',
    help: 'Whether a channel member passes its health check (1) or is kept out of rotation (0).',
    labelNames: ['channel', 'member'],
    registers: [registry],
    collect() {
      // Reset first: members and channels removed from the configuration must disappear.
      this.reset();
      for (const s of source.health()) this.set({ channel: s.channel, member: s.member }, s.healthy ? 1 : 0);
    },
  });
}
