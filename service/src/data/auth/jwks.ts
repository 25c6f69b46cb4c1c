/**
 * JSON Web Key Sets, fetched with undici and cached per URI with their keys by `kid`. A set is
 * refreshed after its TTL, and early when a token names an unknown kid (key rotation) — but at most
 * once per `refetchGapMs`, so tokens with made-up kids cannot make the gateway hammer the endpoint.
 * When a refresh fails, the last good set keeps serving (the identity provider being briefly down
 * must not log everybody out).
 */
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { fetchJson } from './fetch-json';

export interface JwksOptions {
  ttlMs: number;
  refetchGapMs: number;
  timeoutMs: number;
  maxBytes: number;
}

const DEFAULTS: JwksOptions = { ttlMs: 10 * 60_000, refetchGapMs: 30_000, timeoutMs: 3000, maxBytes: 1024 * 1024 };

interface KeySet {
  byKid: Map<string, KeyObject>;
  /** Keys without a kid, usable by tokens without one when they are the only key. */
  all: KeyObject[];
  fetchedAt: number;
}

function parseKeySet(json: unknown, now: number): KeySet {
  const keys = (json as { keys?: unknown })?.keys;
  if (!Array.isArray(keys)) throw new Error('the JWKS document has no "keys" array');
  const set: KeySet = { byKid: new Map(), all: [], fetchedAt: now };
  for (const jwk of keys as Array<JsonWebKey & { kid?: string; use?: string }>) {
    // Only public signing keys: a symmetric key published in a JWKS would let anyone sign tokens.
    if (jwk.use === 'enc' || jwk.kty === 'oct') continue;
    try {
      const key = createPublicKey({ key: jwk, format: 'jwk' });
      set.all.push(key);
      if (typeof jwk.kid === 'string') set.byKid.set(jwk.kid, key);
    } catch {
      // an unusable key must not spoil the others
    }
  }
  return set;
}

function pick(set: KeySet, kid: string | undefined): KeyObject | undefined {
  if (kid !== undefined) return set.byKid.get(kid);
  return set.all.length === 1 ? set.all[0] : undefined;
}

export class JwksCache {
  private readonly sets = new Map<string, KeySet>();
  private readonly attempts = new Map<string, number>();
  private readonly loading = new Map<string, Promise<KeySet | undefined>>();

  constructor(private readonly options: JwksOptions = DEFAULTS, private readonly now: () => number = Date.now) {}

  /**
   * The verification key for `kid` from the set at `uri`; undefined when the set has no such key.
   * Throws when no set could ever be fetched.
   */
  async key(uri: string, kid: string | undefined): Promise<KeyObject | undefined> {
    let set = this.sets.get(uri);
    const expired = !set || this.now() - set.fetchedAt > this.options.ttlMs;
    if (expired && this.due(uri)) set = (await this.load(uri)) ?? set;
    if (!set) throw new Error(`the JWKS at ${uri} could not be fetched`);
    const found = pick(set, kid);
    if (found || !this.due(uri)) return found;
    return pick((await this.load(uri)) ?? set, kid);
  }

  clear(): void {
    this.sets.clear();
    this.attempts.clear();
  }

  private due(uri: string): boolean {
    const last = this.attempts.get(uri);
    return last === undefined || this.now() - last >= this.options.refetchGapMs;
  }

  /** One fetch per URI at a time; concurrent callers share it. Undefined when the fetch failed. */
  private load(uri: string): Promise<KeySet | undefined> {
    let pending = this.loading.get(uri);
    if (!pending) {
      this.attempts.set(uri, this.now());
      pending = this.fetchSet(uri).finally(() => this.loading.delete(uri));
      this.loading.set(uri, pending);
    }
    return pending;
  }

  private async fetchSet(uri: string): Promise<KeySet | undefined> {
    try {
      const res = await fetchJson(uri, { method: 'GET', headers: { accept: 'application/json' }, timeoutMs: this.options.timeoutMs, maxBytes: this.options.maxBytes });
      if (res.status !== 200) return undefined;
      const set = parseKeySet(res.json, this.now());
      this.sets.set(uri, set);
      return set;
    } catch {
      return undefined; // the last good set (if any) keeps serving; the next attempt waits for the gap
    }
  }
}
