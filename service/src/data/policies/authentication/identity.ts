/** Reading an authorizer's identity sources (headers or query parameters) from a call. */
import type { RuntimeAuthorizer } from '../../../shared/runtime-config';
import type { CallContext } from '../../pipeline/context';

export type IdentitySource = RuntimeAuthorizer['identity_sources'][number];
export type IdentityReader = (ctx: CallContext) => string | undefined;

const BEARER = 'bearer ';

/** Compiled once per API: header names lowercased, nothing parsed per call. */
export function identityReader(source: IdentitySource): IdentityReader {
  if (source.location === 'QUERY') {
    return (ctx) => ctx.query.get(source.name) || undefined;
  }
  const header = source.name.toLowerCase();
  return (ctx) => {
    const value = ctx.req.headers[header];
    return (Array.isArray(value) ? value[0] : value) || undefined;
  };
}

/** The identity sources of an authorizer, with the documented default `Authorization` header. */
export function identitySources(authorizer: RuntimeAuthorizer): IdentitySource[] {
  return authorizer.identity_sources?.length ? authorizer.identity_sources : [{ location: 'HEADER', name: 'Authorization' }];
}

/** `Bearer <token>` → `<token>`; a bare token is taken as it is. */
export function bearerToken(value: string): string {
  return value.length > BEARER.length && value.slice(0, BEARER.length).toLowerCase() === BEARER ? value.slice(BEARER.length).trim() : value.trim();
}
