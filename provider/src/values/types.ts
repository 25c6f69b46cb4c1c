/**
 * cty types as the provider sees them: the type constraint of an attribute, and the implied object
 * type of a block. `typeToJson` gives the compact JSON Terraform expects in `Schema.Attribute.type`
 * (go-cty `cty/json.go`), `typeFromJson` reads it back (needed for `dynamic` values on the wire).
 */

export type PrimitiveType = 'string' | 'number' | 'bool';

export type CtyType =
  | PrimitiveType
  | 'dynamic'
  | { readonly kind: 'list' | 'set' | 'map'; readonly element: CtyType }
  | { readonly kind: 'object'; readonly attributes: Readonly<Record<string, CtyType>> }
  | { readonly kind: 'tuple'; readonly elements: readonly CtyType[] };

export type CollectionType = Extract<CtyType, { kind: 'list' | 'set' | 'map' }>;
export type ObjectType = Extract<CtyType, { kind: 'object' }>;
export type TupleType = Extract<CtyType, { kind: 'tuple' }>;

export const listOf = (element: CtyType): CtyType => ({ kind: 'list', element });
export const setOf = (element: CtyType): CtyType => ({ kind: 'set', element });
export const mapOf = (element: CtyType): CtyType => ({ kind: 'map', element });
export const objectOf = (attributes: Record<string, CtyType>): ObjectType => ({ kind: 'object', attributes });
export const tupleOf = (elements: CtyType[]): CtyType => ({ kind: 'tuple', elements });

export function isCollection(t: CtyType): t is CollectionType {
  return typeof t === 'object' && (t.kind === 'list' || t.kind === 'set' || t.kind === 'map');
}

export function isObjectType(t: CtyType): t is ObjectType {
  return typeof t === 'object' && t.kind === 'object';
}

/** Attribute names of an object type in byte order, the order cty iterates (and encodes) them in. */
export function sortedAttributeNames(t: ObjectType): string[] {
  return Object.keys(t.attributes).sort(byteOrder);
}

/** Go's string ordering (bytes of UTF-8); equal to UTF-16 ordering for the ASCII names we use. */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

type TypeJson = string | [string, unknown];

export function typeToJson(t: CtyType): TypeJson {
  if (typeof t === 'string') return t;
  switch (t.kind) {
    case 'list': case 'set': case 'map': return [t.kind, typeToJson(t.element)];
    case 'object': {
      const attrs: Record<string, TypeJson> = {};
      for (const name of sortedAttributeNames(t)) attrs[name] = typeToJson(t.attributes[name]);
      return ['object', attrs];
    }
    case 'tuple': return ['tuple', t.elements.map(typeToJson)];
  }
}

export function typeFromJson(json: unknown): CtyType {
  if (json === 'string' || json === 'number' || json === 'bool' || json === 'dynamic') return json;
  if (!Array.isArray(json) || json.length < 2) throw new Error(`invalid type constraint ${JSON.stringify(json)}`);
  const [kind, arg] = json;
  if (kind === 'list' || kind === 'set' || kind === 'map') return { kind, element: typeFromJson(arg) };
  if (kind === 'tuple' && Array.isArray(arg)) return tupleOf(arg.map(typeFromJson));
  if (kind === 'object' && arg && typeof arg === 'object') {
    const attrs: Record<string, CtyType> = {};
    for (const [name, t] of Object.entries(arg)) attrs[name] = typeFromJson(t);
    return objectOf(attrs);
  }
  throw new Error(`invalid type constraint ${JSON.stringify(json)}`);
}

export function typeName(t: CtyType): string {
  return JSON.stringify(typeToJson(t));
}
