/**
 * Values ↔ API JSON on decoded values, as the CLI sends them: exact numbers (`0.1` arrives as a
 * decimal string, 2^53+1 as a bigint), unknowns at plan time, secrets the API hides, and the one
 * LIST block with a non-empty default.
 */
import { KINDS_BY_NAME } from '../../../service/src/control/catalogue/kinds';
import type { ResourceKind } from '../../../service/src/control/catalogue/types';
import { Decimal } from '../values/number';
import { UNKNOWN } from '../values/value';
import { UnknownInput, fromApi, toApiBody } from './api-json';

const kind = (name: string) => KINDS_BY_NAME.get(name) as ResourceKind;

describe('toApiBody', () => {
  it('sends input fields only, leaves nulls out, and turns exact numbers into JSON numbers', () => {
    const body = toApiBody(kind('throttling_policy').fields, {
      id: 'p-1', created_at: 't', name: 'p', description: null, time_unit: 'SECOND', api_limit: 2147483647n,
      tenant_limit: new Decimal('10'), special_limits: [{ target_type: 'APP', target_id: 'a', limit: 5 }],
    });
    expect(body).toEqual({ name: 'p', time_unit: 'SECOND', api_limit: 2147483647, tenant_limit: 10, special_limits: [{ target_type: 'APP', target_id: 'a', limit: 5 }] });
    const api = toApiBody(kind('api').fields, { parameters: [{ name: 'n', location: 'QUERY', minimum: new Decimal('0.1') }] });
    expect(api.parameters).toEqual([{ name: 'n', location: 'QUERY', minimum: 0.1 }]);
  });

  it('omits an unknown value the server computes, and refuses any other unknown (plan-time checks wait)', () => {
    expect(toApiBody(kind('app_code').fields, { app_id: 'a-1', code: UNKNOWN })).toEqual({ app_id: 'a-1' });
    expect(() => toApiBody(kind('api').fields, { group_id: UNKNOWN })).toThrow(UnknownInput);
    expect(() => toApiBody(kind('api').fields, { request: { method: 'GET', path: UNKNOWN } })).toThrow('request.path is not known yet');
    expect(() => toApiBody(kind('acl_policy').fields, { values: ['10.0.0.1', UNKNOWN] })).toThrow('values[1] is not known yet');
  });

  it('sends a null write-only secret as null on replace only, so the API removes it instead of keeping it', () => {
    const value = { name: 'a', type: 'JWT', jwt: { jwks_uri: 'https://idp/jwks', secret: null } };
    expect(toApiBody(kind('authorizer').fields, value).jwt).toEqual({ jwks_uri: 'https://idp/jwks' });
    expect(toApiBody(kind('authorizer').fields, value, { replace: true }).jwt).toEqual({ jwks_uri: 'https://idp/jwks', secret: null });
  });

  it('leaves an empty identity_sources out, so the API applies its default', () => {
    expect(toApiBody(kind('authorizer').fields, { name: 'a', type: 'HTTP', identity_sources: [] })).toEqual({ name: 'a', type: 'HTTP' });
  });
});

describe('fromApi', () => {
  it('carries write-only secrets over from the planned value, also inside blocks', () => {
    const planned = { private_key_pem: 'KEY', jwt: { secret: 'S'.repeat(16) } };
    expect(fromApi(kind('certificate').fields, { id: 'c-1', name: 'c' }, planned)).toMatchObject({ id: 'c-1', private_key_pem: 'KEY' });
    expect(fromApi(kind('authorizer').fields, { jwt: { algorithms: ['HS256'] } }, planned).jwt).toMatchObject({ secret: 'S'.repeat(16), jwks_uri: null, algorithms: ['HS256'] });
  });

  it('takes a secret shown once from the response, and keeps it from state later', () => {
    expect(fromApi(kind('app').fields, { app_secret: 'fresh' }, { app_secret: UNKNOWN }).app_secret).toBe('fresh');
    expect(fromApi(kind('app').fields, {}, { app_secret: 'kept' }).app_secret).toBe('kept');
    expect(fromApi(kind('app').fields, {}, null).app_secret).toBeNull();
  });

  it('keeps the exact planned spelling of a number that JSON rounded', () => {
    const planned = { parameters: [{ minimum: new Decimal('0.1'), maximum: 9007199254740993n }] };
    const read = fromApi(kind('api').fields, { parameters: [{ minimum: 0.1, maximum: 9007199254740992 }] }, planned);
    expect(read.parameters).toEqual([expect.objectContaining({ minimum: new Decimal('0.1'), maximum: 9007199254740993n })]);
    const changed = fromApi(kind('api').fields, { parameters: [{ minimum: 0.2 }] }, planned);
    expect((changed.parameters as any)[0].minimum).toBe(0.2);
  });

  it('reads the API default of identity_sources back as the empty list it was planned as', () => {
    const fromJsonb = [{ name: 'Authorization', location: 'HEADER' }];
    expect(fromApi(kind('authorizer').fields, { identity_sources: fromJsonb }, { identity_sources: [] }).identity_sources).toEqual([]);
    expect(fromApi(kind('authorizer').fields, { identity_sources: fromJsonb }, null).identity_sources).toEqual(fromJsonb);
    const custom = [{ location: 'QUERY', name: 'token' }];
    expect(fromApi(kind('authorizer').fields, { identity_sources: custom }, { identity_sources: [] }).identity_sources).toEqual(custom);
  });
});
