/**
 * External HTTP authorizer: the gateway calls the authorization API with the caller's identity
 * sources (headers as the same headers, query parameters as the same query parameters; a POST also
 * carries a JSON description of the call). 2xx admits, 401/403 denies, anything else — or no
 * answer within the timeout — is AUTHORIZER_FAILURE. A 2xx JSON body may carry
 * `{"context": {"key": "value"}}`, sent to the backend as `X-Authorizer-Key` headers. Verdicts
 * (admit and deny, not failures) are cached per identity for cache_ttl_seconds.
 */
import crypto from 'node:crypto';
import type { RuntimeAuthorizer } from '../../../shared/runtime-config';
import type { AuthorizerVerdict } from '../../auth';
import { FetchTimeout, fetchJson } from '../../auth/fetch-json';
import { failure, type CallContext, type Decision, type GatewayFailure, type Policy } from '../../pipeline/context';
import type { DataServices } from '../../services';
import { identityReader, identitySources, type IdentityReader, type IdentitySource } from './identity';

const MISSING = failure('AUTH_MISSING', 'The identity the authorizer needs is missing from the request');
const DENIED = failure('AUTHORIZER_DENIED');
const MAX_ANSWER_BYTES = 64 * 1024;
const MAX_CONTEXT_ENTRIES = 20;
const MAX_CONTEXT_VALUE = 1024;
const CONTEXT_KEY = /^[A-Za-z0-9_-]{1,64}$/;
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;
const SCALARS = new Set(['string', 'number', 'boolean']);

type Params = NonNullable<AuthorizerVerdict['params']>;

/** Context entries that can safely become backend headers; the rest is ignored. */
export function contextHeaders(json: unknown): Params | undefined {
  const context = (json as { context?: unknown } | undefined)?.context;
  if (!context || typeof context !== 'object' || Array.isArray(context)) return undefined;
  const params: Params = [];
  for (const [key, raw] of Object.entries(context)) {
    if (params.length === MAX_CONTEXT_ENTRIES) break;
    if (!CONTEXT_KEY.test(key) || !SCALARS.has(typeof raw)) continue;
    const value = String(raw);
    if (value.length <= MAX_CONTEXT_VALUE && HEADER_VALUE.test(value)) params.push({ location: 'HEADER', name: `X-Authorizer-${key}`, value });
  }
  return params.length ? params : undefined;
}

function describeCall(ctx: CallContext, identity: Record<string, string>): string {
  return JSON.stringify({
    identity, method: ctx.method, path: ctx.path, host: ctx.host, source_ip: ctx.sourceIp,
    api_id: ctx.api.definition.id, stage: ctx.stage.name, request_id: ctx.requestId,
  });
}

function admitWith(ctx: CallContext, verdict: AuthorizerVerdict): Decision {
  if (!verdict.admit) return DENIED;
  if (verdict.params) (ctx.authorizerParams ??= []).push(...verdict.params);
  return undefined;
}

type Source = IdentitySource & { read: IdentityReader };
type HttpSettings = NonNullable<RuntimeAuthorizer['http']>;

/** One call to the authorization API; a verdict, or the failure to get one (never cached). */
async function ask(http: HttpSettings, sources: Source[], ctx: CallContext, values: string[]): Promise<AuthorizerVerdict | GatewayFailure> {
  const url = new URL(http.url);
  const headers: Record<string, string> = { 'x-request-id': ctx.requestId };
  const identity: Record<string, string> = {};
  sources.forEach((s, i) => {
    identity[s.name] = values[i];
    if (s.location === 'QUERY') url.searchParams.set(s.name, values[i]);
    else headers[s.name.toLowerCase()] = values[i];
  });
  const body = http.method === 'POST' ? describeCall(ctx, identity) : undefined;
  if (body) headers['content-type'] = 'application/json';
  try {
    const res = await fetchJson(url.toString(), { method: http.method, headers, body, timeoutMs: http.timeout_ms, maxBytes: MAX_ANSWER_BYTES });
    if (res.status >= 200 && res.status < 300) return { admit: true, params: contextHeaders(res.json) };
    if (res.status === 401 || res.status === 403) return { admit: false };
    return failure('AUTHORIZER_FAILURE', `The authorizer answered ${res.status}`);
  } catch (error) {
    return failure('AUTHORIZER_FAILURE', error instanceof FetchTimeout ? `The authorizer did not answer within ${http.timeout_ms} ms` : 'The authorizer could not be reached');
  }
}

export function httpAuthorizer(authorizer: RuntimeAuthorizer, services: DataServices): Policy {
  const http = authorizer.http!;
  const sources: Source[] = identitySources(authorizer).map((source) => ({ ...source, read: identityReader(source) }));
  const ttlMs = authorizer.cache_ttl_seconds * 1000;
  // Settings are part of the key: a changed URL or source list must not reuse the old verdicts.
  const cache = services.auth.authorizerCache(JSON.stringify([authorizer.id, http, authorizer.identity_sources, ttlMs]));
  return {
    name: 'authentication',
    apply(ctx) {
      const values: string[] = [];
      for (const s of sources) {
        const value = s.read(ctx);
        if (value === undefined) return MISSING;
        values.push(value);
      }
      // Hashed: the cache then holds no credentials, and its keys have a bounded size.
      const key = ttlMs > 0 ? crypto.createHash('sha256').update(JSON.stringify(values)).digest('base64') : '';
      const cached = ttlMs > 0 ? cache.get(key, services.now()) : undefined;
      if (cached) return admitWith(ctx, cached);
      return ask(http, sources, ctx, values).then((answer) => {
        if ('code' in answer) return answer;
        if (ttlMs > 0) cache.set(key, answer, ttlMs, services.now());
        return admitWith(ctx, answer);
      });
    },
  };
}
