import crypto from 'node:crypto';
import { createSecretBox, digest } from './secret-box';
import { parseMasterKey } from './keys';

const box = createSecretBox(crypto.randomBytes(32));

test('seals and opens; ciphertexts differ each time and never contain the plaintext', () => {
  const a = box.seal('top secret');
  const b = box.seal('top secret');
  expect(a).not.toBe(b);
  expect(a).not.toContain('top secret');
  expect(box.open(a)).toBe('top secret');
  expect(box.isSealed(a)).toBe(true);
  expect(box.isSealed('plain')).toBe(false);
});

test('tampering or another key is detected', () => {
  const sealed = box.seal('value');
  const raw = Buffer.from(sealed.slice(7), 'base64');
  raw[raw.length - 1] ^= 1;
  expect(() => box.open('enc:v1:' + raw.toString('base64'))).toThrow();
  expect(() => createSecretBox(crypto.randomBytes(32)).open(sealed)).toThrow();
});

test('master keys are 32 bytes as hex or base64', () => {
  expect(parseMasterKey('ab'.repeat(32))).toHaveLength(32);
  expect(parseMasterKey(crypto.randomBytes(32).toString('base64'))).toHaveLength(32);
  expect(() => parseMasterKey('short')).toThrow(/32 bytes/);
  expect(digest('x')).toHaveLength(64);
});
