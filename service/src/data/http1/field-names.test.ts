/** Common field names found in place: usual spellings only, exact length, anything else left to the general path. */
import { knownFieldName } from './field-names';

const find = (line: string) => knownFieldName(line, 0, line.indexOf(':'));

test('lowercase and Title-Case spellings of common names give the lowercase name', () => {
  expect(find('Host: a')).toBe('host');
  expect(find('host: a')).toBe('host');
  expect(find('Content-Length: 5')).toBe('content-length');
  expect(find('X-Ca-Signature-Headers: x-ca-key')).toBe('x-ca-signature-headers');
  expect(find('x-forwarded-for: 1.2.3.4')).toBe('x-forwarded-for');
});

test('other spellings, prefixes, longer names and unknown names are not recognised', () => {
  for (const line of ['HOST: a', 'CONTENT-length: 5', 'Hostx: a', 'Hos: a', 'X-Ca-Keys: k', 'X-Custom: 1', 'é-host: 1', '1host: 1']) {
    expect(find(line)).toBeUndefined();
  }
  // Mid-head positions: only the range given counts.
  const head = 'GET / HTTP/1.1\r\nAccept: */*\r\n';
  expect(knownFieldName(head, 16, 22)).toBe('accept');
  expect(knownFieldName(head, 16, 21)).toBeUndefined();
});
