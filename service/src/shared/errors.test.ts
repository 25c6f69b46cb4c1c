/** The error registry and docs/errors.md list the same codes with the same statuses. */
import fs from 'node:fs';
import path from 'node:path';
import { GATEWAY_ERRORS, MANAGEMENT_ERRORS } from './errors';

const doc = fs.readFileSync(path.resolve(__dirname, '../../../docs/errors.md'), 'utf8');
const section = (title: string) => doc.split(/^## /m).find((s) => s.startsWith(title)) ?? '';
const rows = (text: string) => Object.fromEntries([...text.matchAll(/^\| `([A-Z0-9_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]));
const statuses = (registry: Record<string, { status: number }>) => Object.fromEntries(Object.entries(registry).map(([k, v]) => [k, v.status]));

test('management errors are documented', () => {
  expect(rows(section('Management API'))).toEqual(statuses(MANAGEMENT_ERRORS));
});

test('gateway errors are documented', () => {
  expect(rows(section('Gateway'))).toEqual(statuses(GATEWAY_ERRORS));
});

test('gateway statuses follow the requirements', () => {
  expect(statuses(GATEWAY_ERRORS)).toMatchObject({
    API_NOT_FOUND: 404, PARAMETER_INVALID: 400, BODY_TOO_LARGE: 413, URI_TOO_LONG: 414, HEADERS_TOO_LARGE: 431,
    AUTH_INVALID: 401, APP_NOT_AUTHORIZED: 403, IP_DENIED: 403, THROTTLED: 429, BACKEND_UNAVAILABLE: 502,
    NO_HEALTHY_BACKEND: 502, BACKEND_TIMEOUT: 504, INTERNAL_ERROR: 500,
  });
});
