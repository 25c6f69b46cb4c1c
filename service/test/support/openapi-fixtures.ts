/** The OpenAPI documents under test/fixtures/openapi and the checks every imported API must pass. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkApi } from '../../src/control/catalogue/kinds/api-checks';
import { api as apiKind } from '../../src/control/catalogue/kinds/api';
import { validateInput } from '../../src/control/services/validator';

export const OPENAPI_FIXTURES = join(__dirname, '..', 'fixtures', 'openapi');

export const openapiFixtureNames = (): string[] =>
  readdirSync(OPENAPI_FIXTURES).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();

export const readOpenapiFixture = (name: string): string => readFileSync(join(OPENAPI_FIXTURES, name), 'utf8');

/**
 * Throws unless `body` is a valid api resource body once a group is added: the catalogue's JSON
 * schema (unknown fields refused) and its cross-field checks.
 */
export function expectValidApiBody(body: Record<string, unknown>): void {
  if ('group_id' in body) throw new Error('imported APIs must not carry group_id');
  const errors = checkApi(body);
  if (errors.length) throw new Error(`checkApi: ${JSON.stringify(errors)}`);
  validateInput(apiKind, { ...body, group_id: 'grp-test' });
}
