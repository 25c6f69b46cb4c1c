/**
 * Exported parameters: apigw request parameters as OpenAPI 3 parameter objects. Path parameters are
 * always `required: true` there (OpenAPI demands it); the `full` export keeps an apigw path parameter
 * declared optional with `x-apigw-required: false`, so that importing it back changes nothing.
 */
import { typedValue, writeConstraints } from './constraints';
import { EXT, type ApiParameter, type Doc, type ExportDetail } from './types';

export function exportParameter(p: ApiParameter, greedy: boolean, detail: ExportDetail): Doc {
  const out: Doc = { name: p.name, in: p.location.toLowerCase() };
  if (p.location === 'PATH' || p.required) out.required = true;
  if (p.description !== undefined) out.description = p.description;
  out.schema = writeConstraints(p);
  if (p.example !== undefined) out.example = typedValue(p.example, p.type);
  if (greedy) out[EXT.greedy] = true;
  if (p.location === 'PATH' && p.required !== true && detail !== 'basic') out[EXT.required] = false;
  return out;
}
