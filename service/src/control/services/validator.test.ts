import { kindOf } from '../catalogue/kinds';
import { ApiError } from '../errors';
import { fieldPath, validateInput } from './validator';

test('JSON pointers become dotted field paths', () => {
  expect(fieldPath('')).toBe('');
  expect(fieldPath('/request/path')).toBe('request.path');
  expect(fieldPath('/parameters/2/name')).toBe('parameters[2].name');
  expect(fieldPath('/policy_backends/0/conditions/1/value')).toBe('policy_backends[0].conditions[1].value');
});

function errorOf(kind: string, body: unknown): ApiError {
  try {
    validateInput(kindOf(kind), body);
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected a validation error');
}

test('defaults are filled and server fields sent back are ignored', () => {
  const input = validateInput(kindOf('channel'), { id: 'x', created_at: 'y', name: 'c', members: [{ host: 'h', port: 80 }], health_check: {} });
  expect(input).toEqual({
    name: 'c', algorithm: 'ROUND_ROBIN', members: [{ host: 'h', port: 80, weight: 1 }],
    health_check: { protocol: 'TCP', path: '/', method: 'GET', healthy_threshold: 2, unhealthy_threshold: 5, timeout_seconds: 5, interval_seconds: 10, http_codes: '200' },
  });
});

test('each kind of violation names its field', () => {
  expect(errorOf('channel', { name: 'c', members: [{ host: 'h', port: 70000 }] }).errors[0].field).toBe('members[0].port');
  expect(errorOf('channel', { name: 'c', members: [] }).errors[0].field).toBe('members');
  expect(errorOf('stage', { name: 'has space' }).errors[0].field).toBe('name');
  expect(errorOf('acl_policy', { name: 'a', type: 'MAYBE', values: ['1.2.3.4'] }).errors[0]).toEqual({ field: 'type', message: 'must be one of ALLOW, DENY' });
  expect(errorOf('acl_policy', { name: 'a', type: 'DENY', values: ['1.2.3.4', '300.1.1.1'] }).errors[0].field).toBe('values[1]');
  expect(errorOf('group', [1, 2]).errors[0].field).toBe('(body)');
  expect(errorOf('channel', { name: 'c', members: [{ host: 'h', port: 1 }], health_check: { timeout_seconds: 10, interval_seconds: 5 } }).errors[0].field)
    .toBe('health_check.timeout_seconds');
});
