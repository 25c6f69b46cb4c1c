/**
 * The generic CRUD and plan-time check of a kind against a scripted management API (fetch stubbed):
 * which request each operation sends, what a 404 means in each, and how refusals become diagnostics
 * on attributes.
 */
import { KINDS_BY_NAME } from '../../../service/src/control/catalogue/kinds';
import type { ResourceKind } from '../../../service/src/control/catalogue/types';
import { DiagnosticError } from '../framework/diagnostics';
import type { HookContext } from '../framework/resource';
import { silentLogger } from '../framework/logger';
import { UNKNOWN } from '../values/value';
import { catalogueCrud } from './catalogue-crud';

interface Sent { method: string; url: string; body: unknown }

function scriptedApi(answers: Array<[number, unknown?]>) {
  const sent: Sent[] = [];
  jest.spyOn(globalThis, 'fetch').mockImplementation(async (url, init) => {
    sent.push({ method: String(init?.method), url: String(url), body: init?.body ? JSON.parse(String(init.body)) : undefined });
    const [status, body] = answers.shift() ?? [500, { error_code: 'INTERNAL_ERROR', error_msg: 'unscripted' }];
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  });
  return sent;
}

const ctx: HookContext = {
  settings: { endpoint: 'http://apigw:8001', token: 'T' }, signal: new AbortController().signal, log: silentLogger, warn: () => undefined,
};
const api = catalogueCrud(KINDS_BY_NAME.get('api') as ResourceKind);
const group = catalogueCrud(KINDS_BY_NAME.get('group') as ResourceKind);
const conflict = { error_code: 'PATH_CONFLICT', error_msg: 'request.path: taken', request_id: 'r-1', errors: [{ field: 'request.path', message: 'API "a" already serves GET /x' }] };

afterEach(() => jest.restoreAllMocks());

describe('catalogue CRUD', () => {
  it('creates with POST and answers the state, secrets carried from the plan', async () => {
    const sent = scriptedApi([[201, { id: 'g-1', name: 'shop', description: '', subdomain: 'g-1.gw', created_at: 't', updated_at: 't' }]]);
    const state = await group.create!(ctx, { id: UNKNOWN, name: 'shop', description: '' }, {});
    expect(sent).toEqual([{ method: 'POST', url: 'http://apigw:8001/v1/groups', body: { name: 'shop', description: '' } }]);
    expect(state).toEqual({ id: 'g-1', name: 'shop', description: '', subdomain: 'g-1.gw', created_at: 't', updated_at: 't' });
  });

  it('reads null when the object is gone, and deletes quietly what is already gone', async () => {
    const sent = scriptedApi([[404, { error_code: 'NOT_FOUND' }], [404, { error_code: 'NOT_FOUND' }]]);
    expect(await group.read!(ctx, { id: 'g-1' })).toBeNull();
    await group.delete!(ctx, { id: 'g-1' });
    expect(sent.map((s) => `${s.method} ${s.url}`)).toEqual(['GET http://apigw:8001/v1/groups/g-1', 'DELETE http://apigw:8001/v1/groups/g-1']);
  });

  it('turns a refusal into diagnostics on the attribute the API names', async () => {
    scriptedApi([[409, conflict]]);
    const err = await api.update!(ctx, { id: 'a-1' }, { id: 'a-1', name: 'b' }, {}).catch((e) => e);
    expect(err).toBeInstanceOf(DiagnosticError);
    expect(err.diagnostics).toEqual([expect.objectContaining({
      summary: 'Another API in the group already serves this method and path', path: [{ attribute: 'request' }, { attribute: 'path' }],
    })]);
  });
});

describe('plan-time check', () => {
  it('sends the create or update with ?dry_run=true and reports what the service refuses', async () => {
    const sent = scriptedApi([[201, {}], [409, conflict]]);
    expect(await group.checkPlan!(ctx, { prior: null, planned: { name: 'shop' }, replacing: false })).toEqual([]);
    const diags = await api.checkPlan!(ctx, { prior: { id: 'a-1' }, planned: { id: 'a-1', name: 'b' }, replacing: false });
    expect(sent.map((s) => `${s.method} ${s.url}`)).toEqual(['POST http://apigw:8001/v1/groups?dry_run=true', 'PUT http://apigw:8001/v1/apis/a-1?dry_run=true']);
    expect(diags[0]).toMatchObject({ severity: 'error', path: [{ attribute: 'request' }, { attribute: 'path' }] });
    expect(diags[0].detail).toContain('nothing was changed');
  });

  it('skips the check while a value is unknown', async () => {
    const sent = scriptedApi([]);
    expect(await api.checkPlan!(ctx, { prior: null, planned: { group_id: UNKNOWN, name: 'a' }, replacing: false })).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('lets a replacement meet the object it replaces (duplicate key, quota), but not other problems', async () => {
    scriptedApi([[409, { error_code: 'ALREADY_EXISTS', error_msg: 'a group with name "shop" already exists' }], [409, { error_code: 'ALREADY_EXISTS', error_msg: 'a group with name "shop" already exists' }]]);
    expect(await group.checkPlan!(ctx, { prior: null, planned: { name: 'shop' }, replacing: true })).toEqual([]);
    const diags = await group.checkPlan!(ctx, { prior: null, planned: { name: 'shop' }, replacing: false });
    expect(diags).toEqual([expect.objectContaining({ summary: 'A resource with the same unique fields already exists', path: [{ attribute: 'name' }] })]);
  });

  it('fails clearly on a refused token or an unreachable service', async () => {
    scriptedApi([[401, { error_code: 'UNAUTHENTICATED', error_msg: 'The token is invalid or expired' }]]);
    await expect(group.checkPlan!(ctx, { prior: null, planned: { name: 'shop' }, replacing: false }))
      .rejects.toMatchObject({ diagnostics: [expect.objectContaining({ summary: 'The apigw management API refused the token' })] });
    jest.spyOn(globalThis, 'fetch').mockRejectedValue(Object.assign(new TypeError('fetch failed'), {
      cause: new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:8001'), { code: 'ECONNREFUSED' })]),
    }));
    const err = await group.read!(ctx, { id: 'g-1' }).catch((e) => e);
    expect(err.diagnostics[0].summary).toBe('Cannot reach the apigw management API at http://apigw:8001');
    expect(err.diagnostics[0].detail).toContain('GET http://apigw:8001/v1/groups/g-1 failed: connection refused');
  });
});
