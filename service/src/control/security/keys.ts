/**
 * The service's own keys (token signing secret and master key): from the configuration when set,
 * otherwise generated once into the data dir with owner-only permissions.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

function readOrCreate(file: string, create: () => string): string {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (error: any) {
    if (error.code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const value = create();
  try {
    fs.writeFileSync(file, value + '\n', { mode: 0o600, flag: 'wx' });
    return value;
  } catch (error: any) {
    if (error.code === 'EEXIST') return fs.readFileSync(file, 'utf8').trim(); // another process won the race
    throw error;
  }
}

/** Accepts 64 hex characters or base64 of 32 bytes. */
export function parseMasterKey(text: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error('APIGW_MASTER_KEY must be 32 bytes, as 64 hex characters or base64');
  return key;
}

export interface ServiceKeys {
  jwtSecret: string;
  masterKey: Buffer;
}

export function loadKeys(dataDir: string, jwtSecret?: string, masterKey?: string): ServiceKeys {
  const random = () => crypto.randomBytes(32).toString('hex');
  return {
    jwtSecret: jwtSecret ?? readOrCreate(path.join(dataDir, 'jwt-secret'), random),
    masterKey: parseMasterKey(masterKey ?? readOrCreate(path.join(dataDir, 'master-key'), random)),
  };
}
