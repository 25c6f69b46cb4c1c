/** Test certificates made with the openssl CLI (cached per process): real X.509, real keys. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestCert { certificatePem: string; privateKeyPem: string }

const cache = new Map<string, TestCert>();

/** A self-signed EC certificate for `cn` with the given DNS SANs, valid for `days`. */
export function makeCertificate(cn: string, sans: string[], days = 30): TestCert {
  const id = `${cn}|${sans.join(',')}|${days}`;
  const cached = cache.get(id);
  if (cached) return cached;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-cert-'));
  const key = path.join(dir, 'key.pem');
  const crt = path.join(dir, 'cert.pem');
  const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', crt,
    '-days', String(days), '-subj', `/CN=${cn}`];
  if (sans.length) args.push('-addext', `subjectAltName=${sans.map((s) => `DNS:${s}`).join(',')}`);
  execFileSync('openssl', args, { stdio: 'ignore' });
  const cert = { certificatePem: fs.readFileSync(crt, 'utf8'), privateKeyPem: fs.readFileSync(key, 'utf8') };
  fs.rmSync(dir, { recursive: true, force: true });
  cache.set(id, cert);
  return cert;
}
