/** Import of the real documents in test/fixtures/openapi: counts, validity, field mapping. */
import { parse as parseYaml } from 'yaml';
import {
  expectValidApiBody, openapiFixtureNames, readOpenapiFixture,
} from '../../../test/support/openapi-fixtures';
import { parseApiDocument } from './import';

/** Operations per fixture, counted by reading each file (path × method). */
const OPERATIONS: Record<string, number> = {
  'apigw-extensions.yaml': 4,
  'openapi3-api-with-examples.yaml': 2,
  'openapi3-link-example.yaml': 6,
  'openapi3-petstore-expanded.yaml': 4,
  'openapi3-petstore.yaml': 3,
  'swagger2-api-with-examples.json': 2,
  'swagger2-petstore-expanded.yaml': 4,
  'swagger2-petstore.yaml': 3,
  'swagger2-uber.yaml': 5,
};

describe('every fixture', () => {
  it('has a known operation count', () => {
    expect(openapiFixtureNames()).toEqual(Object.keys(OPERATIONS).sort());
  });

  it.each(Object.entries(OPERATIONS))('%s imports %i valid APIs with unique names', async (file, count) => {
    const result = await parseApiDocument(readOpenapiFixture(file));
    expect(result.apis).toHaveLength(count);
    for (const api of result.apis) expectValidApiBody(api as unknown as Record<string, unknown>);
    const names = result.apis.map((a) => a.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    expect(result.title).not.toBe('');
  });
});

describe('petstore', () => {
  it.each(['swagger2-petstore.yaml', 'openapi3-petstore.yaml'])('%s maps operations and parameters', async (file) => {
    const { title, apis } = await parseApiDocument(readOpenapiFixture(file));
    expect(title).toBe('Swagger Petstore');
    expect(apis.map((a) => [a.name, a.request.method, a.request.path])).toEqual([
      ['listPets', 'GET', '/pets'], ['createPets', 'POST', '/pets'], ['showPetById', 'GET', '/pets/{petId}'],
    ]);
    const [list, , show] = apis;
    expect(list.tags).toEqual(['pets']);
    expect(list.description).toBe('List all pets');
    expect(list.parameters?.[0]).toMatchObject({
      name: 'limit', location: 'QUERY', type: 'INTEGER', required: false,
      description: 'How many items to return at one time (max 100)',
    });
    expect(show.parameters).toEqual([{
      name: 'petId', location: 'PATH', type: 'STRING', required: true, description: 'The id of the pet to retrieve',
    }]);
  });

  it('standard documents import as mocks', async () => {
    const { apis } = await parseApiDocument(readOpenapiFixture('openapi3-petstore.yaml'));
    for (const api of apis) {
      expect(api.backend).toMatchObject({ type: 'MOCK', mock_status_code: 200, mock_headers: { 'Content-Type': 'application/json' } });
      expect(JSON.parse(api.backend.mock_body as string).message).toMatch(/mock/);
      expect(api.auth_type).toBe('NONE');
    }
  });

  it('sanitises operationIds and keeps integer path parameters', async () => {
    const { apis } = await parseApiDocument(readOpenapiFixture('swagger2-petstore-expanded.yaml'));
    const byId = apis.find((a) => a.request.method === 'GET' && a.request.path === '/pets/{id}');
    expect(byId?.name).toBe('find_pet_by_id');
    expect(byId?.parameters).toEqual([expect.objectContaining({ name: 'id', type: 'INTEGER', required: true })]);
  });

  it('warns about what it cannot keep', async () => {
    const { warnings } = await parseApiDocument(readOpenapiFixture('swagger2-petstore-expanded.yaml'));
    expect(warnings).toEqual(expect.arrayContaining([
      'base path "/api" is not part of the imported request paths',
      'GET /pets: parameter "tags" of type array is validated as a plain string',
    ]));
  });
});

describe('documentation fields', () => {
  it('joins summary and description, and names operations without an operationId by route', async () => {
    const { apis, warnings } = await parseApiDocument(readOpenapiFixture('swagger2-uber.yaml'));
    expect(apis.map((a) => a.name)).toEqual(['get_products', 'get_estimates_price', 'get_estimates_time', 'get_me', 'get_history']);
    expect(apis[3].description).toBe('User Profile\n\nThe User Profile endpoint returns information about the Uber user that has authorized with the application.');
    expect(apis[0].parameters?.map((p) => [p.name, p.type, p.required])).toEqual([['latitude', 'NUMBER', true], ['longitude', 'NUMBER', true]]);
    expect(warnings).toContain('GET /products: declares security requirements; imported with auth_type NONE (set x-apigw-auth to protect it)');
  });

  it('takes the success example from a 2xx response and answers it from the mock', async () => {
    for (const file of ['openapi3-api-with-examples.yaml', 'swagger2-api-with-examples.json']) {
      const { apis } = await parseApiDocument(readOpenapiFixture(file));
      const versions = JSON.parse(apis[0].success_example as string);
      expect(versions.versions[0]).toMatchObject({ status: 'CURRENT', id: 'v2.0' });
      expect(apis[0].backend.mock_body).toBe(apis[0].success_example);
    }
  });

  it('keeps enums', async () => {
    const { apis } = await parseApiDocument(readOpenapiFixture('openapi3-link-example.yaml'));
    const state = apis.find((a) => a.name === 'getPullRequestsByRepository')?.parameters?.find((p) => p.name === 'state');
    expect(state).toEqual({ name: 'state', location: 'QUERY', type: 'STRING', required: false, enum: ['open', 'merged', 'declined'] });
  });

  it('truncates descriptions to the catalogue limit', async () => {
    const { apis } = await parseApiDocument(readOpenapiFixture('openapi3-petstore-expanded.yaml'));
    expect(apis[0].description).toHaveLength(1024);
  });
});

describe('input forms', () => {
  it('accepts YAML text, JSON text and a parsed object alike', async () => {
    const yamlText = readOpenapiFixture('openapi3-link-example.yaml');
    const object = parseYaml(yamlText);
    const fromYaml = await parseApiDocument(yamlText);
    expect(await parseApiDocument(JSON.stringify(object, null, 2))).toEqual(fromYaml);
    expect(await parseApiDocument(object)).toEqual(fromYaml);
  });

  it('leaves the caller\'s object untouched', async () => {
    const object = parseYaml(readOpenapiFixture('openapi3-petstore.yaml'));
    const before = structuredClone(object);
    await parseApiDocument(object);
    expect(object).toEqual(before);
  });

  it('can prepend the base path', async () => {
    for (const file of ['swagger2-petstore.yaml', 'openapi3-petstore.yaml']) {
      const { apis, warnings } = await parseApiDocument(readOpenapiFixture(file), { basePath: 'prepend' });
      expect(apis.map((a) => a.request.path)).toEqual(['/v1/pets', '/v1/pets', '/v1/pets/{petId}']);
      expect(warnings).toEqual([]);
    }
  });
});
