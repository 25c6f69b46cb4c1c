/** Export `full` → import gives back the same API bodies, for hand-made APIs and for real documents. */
import { stringify as toYaml } from 'yaml';
import {
  openapiFixtureNames, readOpenapiFixture, sampleApiDefinitions, withoutServerFields,
} from '../../../test/support/openapi-fixtures';
import { exportApis } from './export';
import { parseApiDocument } from './import';
import type { ApiDefinition, ApiInput, ExportDetail } from './types';

const group = { id: 'grp-1', name: 'Orders', description: 'The order service' };
const byName = (apis: readonly ApiInput[]) => [...apis].sort((a, b) => a.name.localeCompare(b.name));

function exported(apis: ApiDefinition[], detail: ExportDetail = 'full') {
  return exportApis({ group, apis, detail, format: 'oas3', stage: 'RELEASE' });
}

describe('round trip', () => {
  it.each(['full', 'policies'] as const)('detail %s gives back every field of the sample APIs', async (detail) => {
    const originals = sampleApiDefinitions() as ApiDefinition[];
    const result = await parseApiDocument(exported(originals, detail));
    expect(byName(result.apis)).toEqual(byName(originals.map(withoutServerFields) as ApiInput[]));
    expect(result.title).toBe('Orders');
  });

  it('works through JSON and YAML text too', async () => {
    const originals = sampleApiDefinitions() as ApiDefinition[];
    const doc = exported(originals);
    const expected = byName(originals.map(withoutServerFields) as ApiInput[]);
    expect(byName((await parseApiDocument(JSON.stringify(doc))).apis)).toEqual(expected);
    expect(byName((await parseApiDocument(toYaml(doc))).apis)).toEqual(expected);
  });

  it.each(openapiFixtureNames())('%s survives import → export → import', async (file) => {
    const first = await parseApiDocument(readOpenapiFixture(file));
    const stored = first.apis.map((api, i) => ({ ...api, id: `api-${i}`, group_id: 'grp-1' }));
    const second = await parseApiDocument(exported(stored));
    expect(byName(second.apis)).toEqual(byName(first.apis));
  });
});
