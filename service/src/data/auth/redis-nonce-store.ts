/**
 * Nonces shared by every proxy replica through Redis: `SET key 1 NX PX ttl` is atomic, so of two
 * replicas seeing the same nonce exactly one wins. When Redis is unreachable the replica falls back
 * to its own memory: replay protection then holds per replica only, and traffic keeps flowing (an
 * outage of the shared store must not take every signed API down with it).
 */
import Redis from 'ioredis';
import { MemoryNonceStore, nonceTtl, type NonceStore } from './nonce-store';

const PREFIX = 'apigw:nonce:';

export class RedisNonceStore implements NonceStore {
  private readonly redis: Redis;
  /** Times the shared store could not answer and memory was used instead (for tests and metrics). */
  fallbacks = 0;

  constructor(url: string, private readonly fallback = new MemoryNonceStore()) {
    // disconnectTimeout: on close, a dead socket would otherwise hold the process for 2 s.
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 1000, connectTimeout: 2000, disconnectTimeout: 200 });
    // Errors surface as failed commands (and the fallback); an unhandled 'error' event would crash.
    this.redis.on('error', () => undefined);
  }

  claim(scope: string, nonce: string, timestamp: number, now: number): boolean | Promise<boolean> {
    // While reconnecting, commands would queue until the timeout: answer from memory at once instead.
    if (this.redis.status === 'reconnecting' || this.redis.status === 'end') return this.useFallback(scope, nonce, timestamp, now);
    return this.redis.set(`${PREFIX}${scope}:${nonce}`, '1', 'PX', nonceTtl(timestamp, now), 'NX').then(
      (answer) => answer === 'OK',
      () => this.useFallback(scope, nonce, timestamp, now),
    );
  }

  async close(): Promise<void> {
    this.redis.disconnect();
    await this.fallback.close();
  }

  private useFallback(scope: string, nonce: string, timestamp: number, now: number): boolean {
    this.fallbacks++;
    return this.fallback.claim(scope, nonce, timestamp, now);
  }
}
