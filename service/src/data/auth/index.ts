/**
 * State the authentication policies keep across configuration swaps: the nonce memory (in process,
 * or shared through Redis), JWKS keys, HTTP authorizer results, and app lookup tables built once
 * per configuration (not once per API, which would cost O(apps × APIs) at every swap).
 */
import type { RuntimeApp, RuntimeConfig } from '../../shared/runtime-config';
import type { CallContext } from '../pipeline/context';
import type { DataOptions } from '../options';
import { JwksCache } from './jwks';
import { MemoryNonceStore, type NonceStore } from './nonce-store';
import { RedisNonceStore } from './redis-nonce-store';
import { TtlCache } from './ttl-cache';

/** Apps of one configuration; Maps, because a caller-chosen key like `__proto__` must find nothing. */
export interface AppIndex {
  byKey: ReadonlyMap<string, RuntimeApp>;
  byId: ReadonlyMap<string, RuntimeApp>;
  /** SHA-256 hex of an AppCode → its app. */
  byCodeHash: ReadonlyMap<string, RuntimeApp>;
}

/** What an HTTP authorizer said about one identity, as cached. */
export interface AuthorizerVerdict {
  admit: boolean;
  params?: NonNullable<CallContext['authorizerParams']>;
}

export interface AuthServices {
  readonly nonces: NonceStore;
  readonly jwks: JwksCache;
  apps(config: RuntimeConfig): AppIndex;
  /** The result cache of one HTTP authorizer, by a key naming its id and settings. */
  authorizerCache(key: string): TtlCache<AuthorizerVerdict>;
  close(): Promise<void>;
}

const MAX_AUTHORIZER_CACHES = 1000;
const MAX_RESULTS_PER_AUTHORIZER = 10_000;

function indexApps(config: RuntimeConfig): AppIndex {
  const byKey = new Map<string, RuntimeApp>();
  const byId = new Map<string, RuntimeApp>();
  for (const app of Object.values(config.apps_by_key)) {
    byKey.set(app.key, app);
    byId.set(app.id, app);
  }
  const byCodeHash = new Map<string, RuntimeApp>();
  for (const [hash, appId] of Object.entries(config.app_codes)) {
    const app = byId.get(appId);
    if (app) byCodeHash.set(hash, app);
  }
  return { byKey, byId, byCodeHash };
}

export function createAuthServices(options: DataOptions): AuthServices {
  const nonces: NonceStore = options.redisUrl ? new RedisNonceStore(options.redisUrl) : new MemoryNonceStore();
  const jwks = new JwksCache();
  const indexes = new WeakMap<RuntimeConfig, AppIndex>();
  const caches = new Map<string, TtlCache<AuthorizerVerdict>>();
  return {
    nonces,
    jwks,
    apps(config) {
      let index = indexes.get(config);
      if (!index) indexes.set(config, (index = indexApps(config)));
      return index;
    },
    authorizerCache(key) {
      let cache = caches.get(key);
      if (!cache) {
        // Old settings' caches go first; a few live authorizers never come near the bound.
        if (caches.size >= MAX_AUTHORIZER_CACHES) caches.delete(caches.keys().next().value!);
        caches.set(key, (cache = new TtlCache(MAX_RESULTS_PER_AUTHORIZER)));
      }
      return cache;
    },
    close: async () => {
      jwks.clear();
      caches.clear();
      await nonces.close();
    },
  };
}
