/**
 * JWT authorizer: the token from the first identity source that has one (default
 * `Authorization: Bearer …`), verified with a shared secret (HS*), a PEM public key, or the JWKS
 * key named by its `kid`; algorithms from the allow-list only; issuer, audience, expiry and
 * not-before checked. Claims go to ctx.claims (policy backends) and, as configured, to backend
 * parameters. Keys are imported once, when the configuration is compiled.
 */
import crypto, { type KeyObject } from 'node:crypto';
import jwt, { type Algorithm, type VerifyOptions } from 'jsonwebtoken';
import type { RuntimeAuthorizer } from '../../../shared/runtime-config';
import { failure, type CallContext, type Decision, type Policy } from '../../pipeline/context';
import type { DataServices } from '../../services';
import { bearerToken, identityReader, identitySources } from './identity';

type JwtSettings = NonNullable<RuntimeAuthorizer['jwt']>;

const MISSING = failure('AUTH_MISSING', 'A bearer token is required');
const NO_KEY = failure('AUTH_INVALID', 'The token is not signed with a known key');
const JWKS_DOWN = failure('AUTHORIZER_FAILURE', 'The signing keys of the token issuer could not be fetched');

/** jsonwebtoken's messages can quote the expected issuer or audience: answer with our own words. */
function rejection(error: unknown): Decision {
  if (error instanceof jwt.TokenExpiredError) return failure('AUTH_INVALID', 'The token has expired');
  if (error instanceof jwt.NotBeforeError) return failure('AUTH_INVALID', 'The token is not valid yet');
  const message = error instanceof Error ? error.message : '';
  if (message.startsWith('jwt issuer invalid')) return failure('AUTH_INVALID', 'The token issuer is not accepted');
  if (message.startsWith('jwt audience invalid')) return failure('AUTH_INVALID', 'The token audience is not accepted');
  if (message === 'invalid algorithm') return failure('AUTH_INVALID', 'The token algorithm is not accepted');
  if (message === 'invalid signature') return failure('AUTH_INVALID', 'The token signature is invalid');
  return failure('AUTH_INVALID', 'The token is invalid');
}

function claimValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function staticKey(settings: JwtSettings): KeyObject | undefined {
  if (settings.secret) return crypto.createSecretKey(Buffer.from(settings.secret, 'utf8'));
  if (settings.public_key_pem) return crypto.createPublicKey(settings.public_key_pem);
  return undefined;
}

interface Verification {
  options: VerifyOptions;
  mapping: JwtSettings['claims_to_parameters'];
}

/** Verifies the token; on success records its claims and the mapped backend parameters. */
function verifyToken(ctx: CallContext, token: string, key: KeyObject, v: Verification): Decision {
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, key, v.options);
  } catch (error) {
    return rejection(error);
  }
  if (typeof payload === 'string') return failure('AUTH_INVALID', 'The token payload is not a JSON object');
  ctx.claims = payload;
  for (const m of v.mapping) {
    const value = payload[m.claim];
    if (value === undefined || value === null) continue;
    (ctx.authorizerParams ??= []).push({ location: m.location ?? 'HEADER', name: m.parameter_name, value: claimValue(value) });
  }
  return undefined;
}

async function verifyWithJwks(ctx: CallContext, token: string, uri: string, v: Verification, services: DataServices): Promise<Decision> {
  const kid = jwt.decode(token, { complete: true })?.header.kid;
  let key: KeyObject | undefined;
  try {
    key = await services.auth.jwks.key(uri, kid);
  } catch {
    return JWKS_DOWN;
  }
  return key ? verifyToken(ctx, token, key, v) : NO_KEY;
}

export function jwtAuthorizer(authorizer: RuntimeAuthorizer, services: DataServices): Policy {
  const settings = authorizer.jwt!;
  const readers = identitySources(authorizer).map(identityReader);
  const v: Verification = {
    options: { algorithms: settings.algorithms as Algorithm[], issuer: settings.issuer || undefined, audience: settings.audience || undefined },
    mapping: settings.claims_to_parameters ?? [],
  };
  const key = staticKey(settings);
  const jwksUri = settings.jwks_uri;
  return {
    name: 'authentication',
    apply(ctx) {
      let raw: string | undefined;
      for (let i = 0; raw === undefined && i < readers.length; i++) raw = readers[i](ctx);
      const token = raw === undefined ? '' : bearerToken(raw);
      if (token === '') return MISSING;
      if (key) return verifyToken(ctx, token, key, v);
      return jwksUri ? verifyWithJwks(ctx, token, jwksUri, v, services) : NO_KEY;
    },
  };
}
