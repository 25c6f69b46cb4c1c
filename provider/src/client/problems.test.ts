/** API refusals as diagnostics: field paths, the fields behind duplicates and quotas, plan-time notes. */
import { KINDS_BY_NAME } from '../../../service/src/control/catalogue/kinds';
import type { ResourceKind } from '../../../service/src/control/catalogue/types';
import { ApiFailure } from './api-client';
import { failureDiagnostics } from './problems';

const kind = (name: string) => KINDS_BY_NAME.get(name) as ResourceKind;
const failure = (status: number, code: string, message: string, errors: Array<{ field: string; message: string }> = []) =>
  new ApiFailure('POST', 'http://apigw/v1/apis?dry_run=true', status, code, message, 'req-1', errors);

describe('failureDiagnostics', () => {
  it('puts each field error on its attribute path, list indexes included', () => {
    const diags = failureDiagnostics(failure(400, 'VALIDATION_FAILED', 'x', [
      { field: 'parameters[2].name', message: 'duplicate QUERY parameter "q"' }, { field: '(body)', message: 'must be a JSON object' },
    ]), { kind: kind('api') });
    expect(diags.map((d) => [d.summary, d.path ?? null])).toEqual([
      ['The request has invalid fields', [{ attribute: 'parameters' }, { index: 2 }, { attribute: 'name' }]],
      ['The request has invalid fields', null],
    ]);
    expect(diags[0].detail).toBe('parameters[2].name: duplicate QUERY parameter "q".\n[VALIDATION_FAILED: POST /v1/apis?dry_run=true → 400, request id req-1]');
  });

  it('points a duplicate at the unique key field that is not a reference, and a quota at its scope', () => {
    const dup = failureDiagnostics(failure(409, 'ALREADY_EXISTS', 'a api with group_id "g" and name "a" already exists'), { kind: kind('api') });
    expect(dup[0].path).toEqual([{ attribute: 'name' }]);
    const binding = failureDiagnostics(failure(409, 'ALREADY_EXISTS', 'a acl_binding with api_id "a" and stage_id "s" already exists'), { kind: kind('acl_binding') });
    expect(binding[0].path).toEqual([{ attribute: 'stage_id' }]);
    const quota = failureDiagnostics(failure(409, 'QUOTA_EXCEEDED', 'quota domains_per_group exceeded'), { kind: kind('domain') });
    expect(quota[0].path).toEqual([{ attribute: 'group_id' }]);
    expect(failureDiagnostics(failure(409, 'QUOTA_EXCEEDED', 'quota'), { kind: kind('group') })[0].path).toBeUndefined();
  });

  it('adds the note and severity it is given, and names unknown codes', () => {
    const [d] = failureDiagnostics(failure(503, 'DATABASE_UNAVAILABLE', 'down'), { severity: 'warning', note: 'checked at plan time' });
    expect(d).toMatchObject({ severity: 'warning', summary: 'The database is unavailable' });
    expect(d.detail).toMatch(/checked at plan time$/);
    expect(failureDiagnostics(failure(418, 'HTTP_418', 'teapot'))[0].summary).toBe('The apigw management API answered HTTP_418');
  });
});
