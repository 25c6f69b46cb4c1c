import { int, list, name, obj, oneOf, str, withCommonFields } from '../fields';
import type { FieldError, ResourceKind } from '../types';

const jwt = obj('JWT verification settings (type JWT). Give exactly one of jwks_uri, public_key_pem, secret.', {
  jwks_uri: str('URL of the JSON Web Key Set.', { maxLength: 1024, pattern: '^https?://' }),
  public_key_pem: str('PEM public key (RS*, ES*, PS* algorithms).', { maxLength: 16384 }),
  secret: str('Shared secret (HS* algorithms). Write-only, encrypted at rest.', {
    sensitive: true, reveal: 'never', minLength: 16, maxLength: 512,
  }),
  algorithms: list('Accepted signing algorithms.', oneOf('An algorithm.',
    ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512']),
  { minItems: 1, maxItems: 12, default: ['RS256'] }),
  issuer: str('Required `iss` claim.', { maxLength: 1024 }),
  audience: str('Required `aud` claim.', { maxLength: 1024 }),
  claims_to_parameters: list('Claims sent to the backend as parameters.', obj('A claim mapping.', {
    claim: str('Claim name.', { required: true, maxLength: 128 }),
    parameter_name: str('Backend parameter name.', { required: true, maxLength: 64 }),
    location: oneOf('Where the backend receives it.', ['HEADER', 'QUERY'], { default: 'HEADER' }),
  }), { maxItems: 20, default: [] }),
});

const http = obj('External authorization API settings (type HTTP). A 2xx answer admits the call.', {
  url: str('Authorization API URL.', { required: true, maxLength: 1024, pattern: '^https?://' }),
  method: oneOf('Method used to call it.', ['GET', 'POST'], { default: 'POST' }),
  timeout_ms: int('Timeout in milliseconds.', { minimum: 100, maximum: 10000, default: 3000 }),
});

export const authorizer: ResourceKind = {
  kind: 'authorizer',
  plural: 'authorizers',
  title: 'Custom authorizer',
  description: 'Custom authentication of callers: a JWT verifier or an external HTTP authorization API.',
  nameField: 'name',
  fields: withCommonFields('authorizer', {
    name: name('authorizer'),
    type: oneOf('JWT verifies tokens locally; HTTP asks an external authorization API.', ['JWT', 'HTTP'], { required: true }),
    target: oneOf('FRONTEND authenticates callers; BACKEND obtains credentials for the backend.', ['FRONTEND', 'BACKEND'], { default: 'FRONTEND' }),
    identity_sources: list('Where the credential is read from.', obj('An identity source.', {
      location: oneOf('Request location.', ['HEADER', 'QUERY'], { required: true }),
      name: str('Header or query parameter name.', { required: true, maxLength: 64 }),
    }), { maxItems: 5, default: [{ location: 'HEADER', name: 'Authorization' }] }),
    cache_ttl_seconds: int('How long a result is cached per identity (0 = no cache).', { minimum: 0, maximum: 3600, default: 0 }),
    jwt,
    http,
  }),
  unique: [{ fields: ['name'] }],
  quota: { name: 'authorizers_per_tenant', default: 50, per: [] },
  check: (a): FieldError[] => {
    if (a.type === 'JWT') {
      if (!a.jwt) return [{ field: 'jwt', message: 'is required when type is JWT' }];
      const sources = ['jwks_uri', 'public_key_pem', 'secret'].filter((k) => a.jwt[k] != null);
      if (sources.length !== 1) return [{ field: 'jwt', message: 'give exactly one of jwks_uri, public_key_pem, secret' }];
    }
    if (a.type === 'HTTP' && !a.http) return [{ field: 'http', message: 'is required when type is HTTP' }];
    return [];
  },
};
