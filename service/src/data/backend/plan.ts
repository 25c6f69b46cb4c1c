/**
 * A backend compiled for one API in one stage: target origin and path template with the stage's
 * variables already substituted, and the parameter mapping. Built at configuration swap, used per call.
 */
import type { BackendDef, BackendParameterDef, ParameterDef } from '../../shared/runtime-config';
import { parsePathTemplate, substituteVariables, type PathPart } from './template';

export interface BackendPlan {
  def: BackendDef;
  /** Origin (`scheme://host:port`) for HTTP backends, after variables. */
  origin?: string;
  /** Base path from the address (e.g. `https://host/base`), after variables. */
  basePath: string;
  path: PathPart[];
  /** Stage variables the templates use but the stage does not define. */
  missingVariables: string[];
  /** Backend parameters; HEADER names lowercased here once (a fresh key per request costs V8 a string-table lookup). */
  mapping: BackendParameterDef[];
  /** Front-end query / header parameters that mapping renames or moves (removed from what is forwarded). */
  consumedQuery: Set<string>;
  consumedHeaders: Set<string>;
}

function splitAddress(address: string): { origin?: string; basePath: string } {
  try {
    const url = new URL(address);
    return { origin: url.origin, basePath: url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '') };
  } catch {
    return { origin: undefined, basePath: '' };
  }
}

export function compileBackend(def: BackendDef, mapping: BackendParameterDef[], front: ParameterDef[], variables: Readonly<Record<string, string>>): BackendPlan {
  const address = substituteVariables(def.address ?? '', variables);
  const path = substituteVariables(def.path ?? '/', variables);
  const { origin, basePath } = def.type === 'HTTP' ? splitAddress(address.value) : { origin: undefined, basePath: '' };
  const byName = new Map(front.map((p) => [p.name, p]));
  const consumedQuery = new Set<string>();
  const consumedHeaders = new Set<string>();
  for (const m of mapping) {
    const source = m.origin === 'REQUEST' ? byName.get(m.value) : undefined;
    if (source?.location === 'QUERY') consumedQuery.add(source.name);
    if (source?.location === 'HEADER') consumedHeaders.add(source.name.toLowerCase());
  }
  const missing = def.type === 'HTTP' ? [...address.missing, ...path.missing] : path.missing;
  const compiled = mapping.map((m) => (m.location === 'HEADER' ? { ...m, name: m.name.toLowerCase() } : m));
  return { def, origin, basePath, path: parsePathTemplate(path.value), missingVariables: missing, mapping: compiled, consumedQuery, consumedHeaders };
}
