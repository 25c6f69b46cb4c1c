/** The value layer: cty types, exact values, and the msgpack / JSON codecs driven by them. */
export * from './types';
export * from './value';
export { Decimal, canonicalDecimal, numberFromText, numberText, numbersEqual } from './number';
export * from './path';
export { valuesEqual } from './equal';
export { decodeMsgpack, encodeMsgpack } from './msgpack';
export { decodeJson, fromJson } from './json';
export { parseJsonExact, JsonNumber } from './json-text';
export { fromPlain } from './plain';
