/**
 * Response examples ↔ apigw's success_example / failure_example (documentation, and the body of an
 * imported mock). Export writes each example as a string so that importing it back gives the very
 * same text, whatever its formatting.
 */
import { isObject } from './doc-walk';
import type { ApiInput, Doc } from './types';

export interface Example {
  text: string;
  mediaType: string;
}

const SUCCESS = /^2(\d\d|XX)$/i;
const FAILURE = /^[45](\d\d|XX)$/i;

const asExampleText = (value: unknown): string =>
  typeof value === 'string' ? value : JSON.stringify(value, null, 2);

/** JSON media types first: that is what a mock should answer with when the document offers several. */
const jsonFirst = ([a]: [string, unknown], [b]: [string, unknown]): number =>
  Number(!a.includes('json')) - Number(!b.includes('json'));

function fromOpenApi3(response: Doc): Example | undefined {
  if (!isObject(response.content)) return undefined;
  for (const [mediaType, media] of Object.entries(response.content).sort(jsonFirst)) {
    if (!isObject(media)) continue;
    const named = isObject(media.examples) ? Object.values(media.examples).find((e) => isObject(e) && 'value' in e) : undefined;
    const value = media.example ?? named?.value ?? (isObject(media.schema) ? media.schema.example : undefined);
    if (value !== undefined) return { text: asExampleText(value), mediaType };
  }
  return undefined;
}

function fromSwagger2(response: Doc): Example | undefined {
  const [first] = Object.entries(isObject(response.examples) ? response.examples : {}).sort(jsonFirst);
  if (first) return { text: asExampleText(first[1]), mediaType: first[0] };
  const value = isObject(response.schema) ? response.schema.example : undefined;
  return value === undefined ? undefined : { text: asExampleText(value), mediaType: 'application/json' };
}

/** The first example of a success (2xx) or failure (4xx, 5xx, then default) response. */
export function responseExample(responses: unknown, version: 2 | 3, which: 'success' | 'failure'): Example | undefined {
  if (!isObject(responses)) return undefined;
  const codes = Object.keys(responses).filter((c) => (which === 'success' ? SUCCESS : FAILURE).test(c)).sort();
  if (which === 'failure' && 'default' in responses) codes.push('default');
  for (const code of codes) {
    const response = responses[code];
    if (!isObject(response)) continue;
    const example = version === 2 ? fromSwagger2(response) : fromOpenApi3(response);
    if (example) return example;
  }
  return undefined;
}

function isJson(text: string): boolean {
  try { JSON.parse(text); return true; } catch { return false; }
}

function exampleResponse(description: string, text: string): Doc {
  if (!text) return { description };
  const mediaType = isJson(text) ? 'application/json' : 'text/plain';
  return { description, content: { [mediaType]: { example: text } } };
}

/** OpenAPI responses for an API: always a 200 (OpenAPI requires one response), a default when documented. */
export function exportResponses(api: ApiInput): Doc {
  const responses: Doc = { 200: exampleResponse('Success', api.success_example ?? '') };
  if (api.failure_example) responses.default = exampleResponse('Failure', api.failure_example);
  return responses;
}
