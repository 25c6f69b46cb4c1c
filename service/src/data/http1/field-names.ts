/**
 * Common field names recognised in place in a head: their usual spellings (lowercase and
 * Title-Case) map straight to the lowercase name used as the property key. That skips the slice,
 * the lowercase copy, the name check and, above all, V8 looking the fresh key string up in its
 * string table on every property access: the constant returned here is already internalized.
 * Any other name or spelling takes the general path in fields.ts.
 */

const NAMES = [
  'accept', 'accept-encoding', 'accept-language', 'accept-ranges', 'access-control-allow-origin', 'age',
  'authorization', 'cache-control', 'connection', 'content-encoding', 'content-length', 'content-md5',
  'content-type', 'cookie', 'date', 'etag', 'expires', 'host', 'if-modified-since', 'if-none-match', 'keep-alive',
  'last-modified', 'location', 'origin', 'pragma', 'range', 'referer', 'server', 'set-cookie', 'te', 'trailer',
  'transfer-encoding', 'upgrade', 'user-agent', 'vary', 'via', 'x-apig-appcode', 'x-apig-mode', 'x-ca-key',
  'x-ca-nonce', 'x-ca-signature', 'x-ca-signature-headers', 'x-ca-signature-method', 'x-ca-stage', 'x-ca-timestamp',
  'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip', 'x-request-id', 'x-stage',
];

const MAX_LENGTH = 63;
/** Bucket (length × 128 + lowercase first character) → [spelling, name, spelling, name, …]. */
const buckets: (string[] | undefined)[] = new Array((MAX_LENGTH + 1) * 128).fill(undefined);

const titleCase = (name: string) => name.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('-');

for (const name of NAMES) {
  const key = name.length * 128 + name.charCodeAt(0);
  const bucket = (buckets[key] ??= []);
  for (const spelling of new Set([name, titleCase(name)])) bucket.push(spelling, name);
}

/** The lowercase name of the field name at head[from, to), when it is a common one in a usual spelling. */
export function knownFieldName(head: string, from: number, to: number): string | undefined {
  const length = to - from;
  if (length > MAX_LENGTH) return undefined;
  const first = head.charCodeAt(from) | 0x20;
  if (first > 127) return undefined;
  const bucket = buckets[length * 128 + first];
  if (bucket === undefined) return undefined;
  for (let k = 0; k < bucket.length; k += 2) if (head.startsWith(bucket[k], from)) return bucket[k + 1];
  return undefined;
}
