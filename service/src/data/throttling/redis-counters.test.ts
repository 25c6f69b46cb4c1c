/**
 * Fail-open without any Redis: on a port nobody listens on, the limiter answers synchronously from
 * local counters (no await on the hot path) and warns once, however many reconnects fail.
 * Shared counting against a real redis-server is in service/test/data/throttling-redis.db.test.ts.
 */
import net from 'node:net';
import type { Logger } from 'pino';
import { CounterTable } from './counter-table';
import { ALLOWED } from './index';
import { RedisCounters } from './redis-counters';

const deadPort = () => new Promise<number>((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); });
});

test('unreachable Redis: local, synchronous counting and a single warning', async () => {
  const log = { warn: jest.fn(), info: jest.fn() };
  const limiter = new RedisCounters(`redis://127.0.0.1:${await deadPort()}`, new CounterTable(), log as unknown as Logger);
  try {
    await new Promise((resolve) => setTimeout(resolve, 700)); // several reconnect attempts fail meanwhile
    const now = Date.now();
    const batch = { n: 1, scopes: ['{x}:60000:a'], ids: [''], limits: [2], window: Math.floor(now / 60_000), resetAt: 0, now };
    batch.resetAt = (batch.window + 1) * 60_000;
    expect([limiter.take(batch), limiter.take(batch), limiter.take(batch)]).toEqual([ALLOWED, ALLOWED, 0]);
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn.mock.calls[0][1]).toMatch(/fail-open/);
  } finally {
    await limiter.close();
  }
});
