/**
 * Counters shared by every proxy replica through Redis: one script call per request counts all its
 * keys (take-script.ts). Fail-open: while Redis is unreachable, calls are counted in this process
 * (each replica then enforces the limits alone), logged once per outage; a throttling store outage
 * must not take the APIs down with it.
 */
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { CounterTable } from './counter-table';
import { ALLOWED, type CountBatch, type RateLimiter } from './index';
import { CLOCK_SLACK_MS, KEY_PREFIX, TAKE_SCRIPT } from './take-script';

type TakeCommand = (...args: Array<string | number>) => Promise<number[]>;

/** A request never waits on Redis longer than this before being counted locally. */
const COMMAND_TIMEOUT_MS = 250;
/** After a failed call, count locally this long before trying Redis again (no timeout per request). */
const COOLDOWN_MS = 1000;

function copyBatch(b: Readonly<CountBatch>): CountBatch {
  return { n: b.n, scopes: b.scopes.slice(0, b.n), ids: b.ids.slice(0, b.n), limits: b.limits.slice(0, b.n), window: b.window, resetAt: b.resetAt, now: b.now };
}

export class RedisCounters implements RateLimiter {
  readonly shared = true;
  private readonly client: Redis;
  private readonly command: TakeCommand;
  private degraded = false;
  private retryAt = 0;

  constructor(url: string, private readonly local: CounterTable, private readonly log?: Logger) {
    this.client = new Redis(url, {
      enableOfflineQueue: false, // fail at once while disconnected instead of queueing requests
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
      enableAutoPipelining: true, // concurrent requests share one write to the socket
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
      disconnectTimeout: 200, // on close, a dead socket would otherwise hold the process for 2 s
    });
    this.client.on('error', (err) => this.degrade(err));
    this.client.defineCommand('apigwTake', { lua: TAKE_SCRIPT });
    const client = this.client as unknown as { apigwTake: TakeCommand };
    this.command = client.apigwTake.bind(this.client);
  }

  take(batch: Readonly<CountBatch>, counts?: number[]): number | Promise<number> {
    if (this.client.status !== 'ready' || (this.degraded && Date.now() < this.retryAt)) return this.local.take(batch, counts);
    const n = batch.n;
    const suffix = `:${batch.window}`;
    const args: Array<string | number> = new Array(2 * n + 2);
    args[0] = n;
    for (let i = 0; i < n; i++) {
      args[1 + i] = KEY_PREFIX + batch.scopes[i] + batch.ids[i] + suffix;
      args[1 + n + i] = batch.limits[i];
    }
    args[2 * n + 1] = batch.resetAt - batch.now + CLOCK_SLACK_MS;
    const own = copyBatch(batch); // the caller reuses its batch once we return
    return this.command(...args).then(
      (reply) => this.read(reply, n, counts),
      (err) => {
        this.degrade(err);
        return this.local.take(own, counts);
      },
    );
  }

  private read(reply: number[], n: number, counts?: number[]): number {
    if (this.degraded) {
      this.degraded = false;
      this.log?.info('Redis reachable again: throttling counters are shared again');
    }
    if (counts !== undefined) for (let i = 0; i < n; i++) counts[i] = Number(reply[i + 1]);
    return reply[0] === 0 ? ALLOWED : Number(reply[0]) - 1;
  }

  private degrade(err: unknown): void {
    this.retryAt = Date.now() + COOLDOWN_MS;
    if (this.degraded) return;
    this.degraded = true;
    this.log?.warn({ err }, 'Redis unreachable: throttling counts in this process only until it is back (fail-open)');
  }

  ready(): Promise<void> {
    if (this.client.status === 'ready') return Promise.resolve();
    return new Promise((resolve) => this.client.once('ready', () => resolve()));
  }

  async close(): Promise<void> {
    this.local.close();
    this.client.disconnect();
  }
}
