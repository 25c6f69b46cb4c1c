/**
 * Encryption of secrets at rest: AES-256-GCM under the master key. Ciphertexts are self-describing
 * (`enc:v1:<base64 iv|tag|ciphertext>`) so a later key rotation can tell versions apart.
 */
import crypto from 'node:crypto';

const PREFIX = 'enc:v1:';

export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
  isSealed(value: unknown): boolean;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('the master key must be 32 bytes');
  return {
    seal(plaintext) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('not an apigw ciphertext');
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    isSealed: (value) => typeof value === 'string' && value.startsWith(PREFIX),
  };
}

/** One-way digest for looking up or de-duplicating secrets without storing them in clear. */
export function digest(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}
