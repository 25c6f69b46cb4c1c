/** Documents the importer refuses (IMPORT_INVALID), repairs (quirks) or imports in part (warnings). */
import { ApiError } from '../errors';
import { parseApiDocument } from './import';

const oas3 = (paths: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  ({ openapi: '3.0.3', info: { title: 'T', version: '1' }, paths, ...extra });
const ok = { responses: { 200: { description: 'ok' } } };

async function importError(input: string | object): Promise<ApiError> {
  const error = await parseApiDocument(input).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).code).toBe('IMPORT_INVALID');
  expect((error as ApiError).status).toBe(400);
  return error as ApiError;
}

describe('document-level errors', () => {
  it.each([
    ['', /empty/],
    ['{"openapi": ', /neither valid JSON nor valid YAML/],
    ['a: [b', /neither valid JSON nor valid YAML/],
    ['just a string', /must be a JSON or YAML object/],
    ['{"hello": "world"}', /no "swagger" or "openapi" field/],
    ['swagger: "1.2"\ninfo: {title: t, version: "1"}\npaths: {}', /unsupported Swagger version "1.2"/],
    ['openapi: "4.0.0"\ninfo: {title: t, version: "1"}\npaths: {}', /unsupported OpenAPI version "4.0.0"/],
    ['openapi: "3.0.3"\npaths: {}', /^the document has no "info" object$/],
    ['openapi: "3.0.3"\ninfo: {title: t, version: "1"}', /^the document has no "paths" object$/],
    ['openapi: "3.0.3"\ninfo: {title: t}\npaths: {}', /^invalid OpenAPI 3.0.3 document: #\/info must have required property 'version'$/],
    ['swagger: "2.0"\ninfo: {title: t, version: "1"}\npaths: {/a: {get: {}}}', /invalid Swagger 2.0 document: .*responses/],
  ])('%j is refused', async (text, message) => {
    expect((await importError(text)).message).toMatch(message);
  });

  it('refuses non-object input', async () => {
    expect((await importError([] as unknown as object)).message).toMatch(/text or a JSON object/);
  });

  it('never resolves refs outside the document', async () => {
    for (const ref of ['http://example.com/p.yaml#/P', '/etc/passwd', 'other.yaml']) {
      const doc = oas3({ '/a': { get: { parameters: [{ $ref: ref }], ...ok } } });
      expect((await importError(doc)).message).toContain(`$ref "${ref}" points outside the document`);
    }
  });

  it('names the broken x-apigw extension', async () => {
    const noAddress = oas3({ '/a': { get: { ...ok, 'x-apigw-backend': { type: 'HTTP', path: '/b' } } } });
    expect((await importError(noAddress)).message).toBe('GET /a: x-apigw-backend: backend.address is required when type is HTTP');
    const unknownField = oas3({ '/a': { get: { ...ok, 'x-apigw-backend': { adress: 'https://b' } } } });
    expect((await importError(unknownField)).message).toBe('GET /a: x-apigw-backend: backend.adress is not a known field');
    const auth = oas3({ '/a': { get: { ...ok, 'x-apigw-auth': { auth_type: 'APP', name: 'x' } } } });
    expect((await importError(auth)).message).toBe('GET /a: x-apigw-auth has unknown field(s) name');
    const mode = oas3({ '/a': { get: { ...ok, 'x-apigw-match-mode': 'FUZZY' } } });
    expect((await importError(mode)).message).toMatch(/^GET \/a: x-apigw-match-mode: request.match_mode must be one of EXACT, PREFIX/);
    const notObject = oas3({ '/a': { get: ok } }, { 'x-apigw-backend': 'https://b' });
    expect((await importError(notObject)).message).toBe('GET /a: x-apigw-backend must be an object');
  });
});

describe('partial imports', () => {
  it('skips operations apigw cannot route, with a warning each', async () => {
    const doc = oas3({
      '/files/{name}.json': { get: { parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }], ...ok } },
      '/a': { get: ok, trace: ok },
    });
    const { apis, warnings } = await parseApiDocument(doc);
    expect(apis.map((a) => a.name)).toEqual(['get_a']);
    expect(warnings).toEqual([
      'GET /files/{name}.json: skipped: path segment "{name}.json" mixes text and a template; apigw needs a whole {name} segment',
      'TRACE /a: skipped: apigw does not serve TRACE',
    ]);
  });

  it('drops what it cannot hold and keeps the rest of the operation', async () => {
    const doc = oas3({
      '/a': {
        get: {
          parameters: [
            { name: 'session', in: 'cookie', schema: { type: 'string' } },
            { name: 'filter[name]', in: 'query', schema: { type: 'string' } },
            { name: 'q', in: 'query', schema: { type: 'string', pattern: '(unclosed', minLength: 2, maximum: 9, exclusiveMaximum: true } },
          ],
          ...ok,
        },
      },
    });
    const { apis, warnings } = await parseApiDocument(doc);
    expect(apis[0].parameters).toEqual([{ name: 'q', location: 'QUERY', type: 'STRING', required: false, min_length: 2, maximum: 9 }]);
    expect(warnings).toEqual([
      'GET /a: cookie parameter "session" is not supported and is not validated',
      'GET /a: parameter "filter[name]" is skipped: apigw names use letters, digits, _ . - (max 64)',
      'GET /a: parameter "q": exclusiveMaximum is treated as an inclusive maximum',
      'GET /a: parameter "q": pattern "(unclosed" is not a usable regular expression and is ignored',
    ]);
  });

  it('skips an operation the catalogue refuses for a standard reason', async () => {
    const doc = oas3({
      '/a': { get: { parameters: [{ name: 'n', in: 'query', schema: { type: 'integer', minimum: 5, maximum: 1 } }], ...ok } },
      '/b': { get: ok },
    });
    const { apis, warnings } = await parseApiDocument(doc);
    expect(apis.map((a) => a.request.path)).toEqual(['/b']);
    expect(warnings).toEqual(['GET /a: skipped: parameters[0].minimum: must not be greater than maximum']);
  });

  it('keeps operationId names and makes generated ones unique', async () => {
    const doc = oas3({ '/x': { get: ok, post: { operationId: 'get_x', ...ok } }, '/y': { get: { operationId: '9 lives!', ...ok } } });
    const { apis } = await parseApiDocument(doc);
    expect(apis.map((a) => a.name)).toEqual(['get_x_2', 'get_x', 'api_9_lives']);
  });

  it('skips an operation whose route an earlier one already serves', async () => {
    const pathParam = (name: string) => [{ name, in: 'path', required: true, schema: { type: 'string' } }];
    const doc = oas3({
      '/a/{x}': { get: { parameters: pathParam('x'), ...ok } },
      '/a/{y}': { get: { parameters: pathParam('y'), ...ok }, post: { parameters: pathParam('y'), ...ok } },
      '/b': { get: ok, 'x-apigw-any-method': ok },
      '/b/': { get: { ...ok, 'x-apigw-match-mode': 'PREFIX' } },
    });
    const { apis, warnings } = await parseApiDocument(doc);
    expect(apis.map((a) => `${a.request.method} ${a.request.path}`)).toEqual(['GET /a/{x}', 'POST /a/{y}', 'GET /b', 'GET /b/']);
    expect(warnings).toEqual([
      'GET /a/{y}: skipped: serves the same route as GET /a/{x}',
      'ANY /b: skipped: serves the same route as GET /b',
    ]);
  });

  it('reports an empty document', async () => {
    const { apis, warnings } = await parseApiDocument(oas3({}));
    expect(apis).toEqual([]);
    expect(warnings).toEqual(['the document has no operation that can be imported']);
  });
});

describe('quirks of real documents', () => {
  it('repairs them and says so', async () => {
    const text = [
      'swagger: 2.0',
      'info: {title: Old, version: 1.0}',
      'paths:',
      '  /pets/{id}:',
      '    get:',
      '      parameters: [{name: id, in: path, type: string}]',
      '      responses:',
      '        200: {description: ok, schema: {$ref: Pet}, headers: [{name: X-Rate, type: integer}]}',
      'definitions: {Pet: {type: object}}',
    ].join('\n');
    const { apis, warnings } = await parseApiDocument(text);
    expect(apis).toHaveLength(1);
    expect(apis[0].parameters).toEqual([{ name: 'id', location: 'PATH', type: 'STRING', required: true }]);
    expect(warnings).toEqual([
      '"swagger: 2.0" is a number; read as the string "2.0"',
      'info.version 1 is a number; read as a string',
      'old-style $ref "Pet" read as "#/definitions/Pet"',
      'GET /pets/{id}: path parameter "id" lacks "required: true"; treated as required',
      '1 response(s) list their headers as an array; read as a map by header name',
    ]);
  });

  it('reads OpenAPI 3.1 type lists and numeric exclusive bounds', async () => {
    const doc = {
      openapi: '3.1.0', info: { title: 'T', version: '1' },
      paths: { '/a': { get: { parameters: [{ name: 'n', in: 'query', schema: { type: ['integer', 'null'], exclusiveMinimum: 0 } }], ...ok } } },
    };
    const { apis } = await parseApiDocument(doc);
    expect(apis[0].parameters).toEqual([{ name: 'n', location: 'QUERY', type: 'INTEGER', required: false, minimum: 0 }]);
  });
});
