/**
 * Turns the uploaded text (or object) into a validated, dereferenced document. Everything wrong at
 * the document level ends here as IMPORT_INVALID with a message naming the problem. Only `#...` refs
 * are allowed: resolving a file or URL ref would let an upload read the server's disk or network.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { parse as parseYaml } from 'yaml';
import { ApiError } from '../errors';
import { forEachObject, isObject } from './doc-walk';
import { fixQuirks } from './quirks';
import type { Doc } from './types';

export interface LoadedDocument {
  doc: Doc;
  version: 2 | 3;
  warnings: string[];
}

const invalid = (message: string): ApiError => new ApiError('IMPORT_INVALID', message);

function parseText(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed) throw invalid('the document is empty');
  try {
    // JSON.parse gives clearer positions for JSON; YAML 1.2 would accept it too.
    return /^[{[]/.test(trimmed) ? JSON.parse(trimmed) : parseYaml(trimmed);
  } catch (e) {
    throw invalid(`the document is neither valid JSON nor valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
}

function cloneObject(input: object): unknown {
  try {
    return structuredClone(input);
  } catch {
    throw invalid('the document must be plain JSON data');
  }
}

function detectVersion(doc: Doc): 2 | 3 {
  if (doc.swagger !== undefined) {
    if (doc.swagger === '2.0') return 2;
    throw invalid(`unsupported Swagger version ${JSON.stringify(doc.swagger)}; expected "2.0"`);
  }
  if (doc.openapi !== undefined) {
    if (typeof doc.openapi === 'string' && /^3\.[01]\.\d+$/.test(doc.openapi)) return 3;
    throw invalid(`unsupported OpenAPI version ${JSON.stringify(doc.openapi)}; expected 3.0.x or 3.1.x`);
  }
  throw invalid('not a Swagger 2.0 or OpenAPI 3 document: it has no "swagger" or "openapi" field');
}

/** swagger-parser's own message for these is "[object Object] is not a valid ... definition". */
function requireTopLevel(doc: Doc): void {
  if (!isObject(doc.info)) throw invalid('the document has no "info" object');
  const webhooksOnly = typeof doc.openapi === 'string' && doc.openapi.startsWith('3.1') && isObject(doc.webhooks);
  if (!isObject(doc.paths) && !webhooksOnly) throw invalid('the document has no "paths" object');
}

function rejectExternalRefs(doc: Doc): void {
  forEachObject(doc, (node, pointer) => {
    if (typeof node.$ref === 'string' && !node.$ref.startsWith('#')) {
      throw invalid(`${pointer}: $ref "${node.$ref}" points outside the document; bundle it into one file first`);
    }
  });
}

/** swagger-parser's messages list every schema error; the first few lines say enough. */
function validationMessage(e: unknown): string {
  const lines = String((e as Error)?.message ?? e).split('\n').map((l) => l.trim())
    .filter((l) => l && !l.startsWith('Swagger schema validation failed'));
  const more = lines.length > 6 ? ` (and ${lines.length - 6} more lines)` : '';
  return lines.slice(0, 6).join('; ') + more;
}

async function validate(doc: Doc, version: 2 | 3): Promise<Doc> {
  const options: SwaggerParser.Options = {
    resolve: { external: false, file: false, http: false },
    // Leave circular schema refs as refs: the importer never walks schemas deeply, and the result
    // stays serialisable.
    dereference: { circular: 'ignore' },
  };
  try {
    return (await SwaggerParser.validate(doc as any, options)) as Doc;
  } catch (e) {
    const kind = version === 2 ? 'Swagger 2.0' : `OpenAPI ${doc.openapi}`;
    throw invalid(`invalid ${kind} document: ${validationMessage(e)}`);
  }
}

/** Parses, repairs known quirks, refuses external refs, validates and dereferences a private copy. */
export async function loadDocument(input: string | object): Promise<LoadedDocument> {
  if (typeof input !== 'string' && !isObject(input)) throw invalid('the document must be text or a JSON object');
  const raw = typeof input === 'string' ? parseText(input) : cloneObject(input);
  if (!isObject(raw)) throw invalid('the document must be a JSON or YAML object');
  const warnings = fixQuirks(raw);
  const version = detectVersion(raw);
  requireTopLevel(raw);
  rejectExternalRefs(raw);
  const doc = await validate(raw, version);
  return { doc, version, warnings };
}
