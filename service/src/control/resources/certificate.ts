/**
 * Certificates are parsed with node's X.509 support: the key must match the leaf, the leaf must not
 * be expired, and a replacement must still cover every domain that uses it.
 */
import crypto from 'node:crypto';
import { ApiError } from '../errors';
import type { KindHooks } from './hooks';

export interface ParsedCertificate {
  common_name: string;
  subject_alternative_names: string[];
  issuer: string;
  not_before: string;
  not_after: string;
  fingerprint_sha256: string;
}

function parseLeaf(pem: string): crypto.X509Certificate {
  try {
    return new crypto.X509Certificate(pem);
  } catch {
    throw ApiError.field('VALIDATION_FAILED', 'certificate_pem', 'is not a valid PEM certificate');
  }
}

function parseKey(pem: string): crypto.KeyObject {
  try {
    return crypto.createPrivateKey(pem);
  } catch {
    throw ApiError.field('VALIDATION_FAILED', 'private_key_pem', 'is not a valid PEM private key');
  }
}

export function parseCertificate(certificatePem: string, privateKeyPem: string, now = new Date()): ParsedCertificate {
  const leaf = parseLeaf(certificatePem);
  if (!leaf.checkPrivateKey(parseKey(privateKeyPem))) {
    throw ApiError.field('VALIDATION_FAILED', 'private_key_pem', 'does not match the certificate');
  }
  const notAfter = new Date(leaf.validTo);
  if (notAfter <= now) throw ApiError.field('VALIDATION_FAILED', 'certificate_pem', `expired on ${notAfter.toISOString()}`);
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(leaf.subject)?.[1] ?? '';
  const sans = (leaf.subjectAltName ?? '').split(', ').filter((s) => s.startsWith('DNS:')).map((s) => s.slice(4).toLowerCase());
  return {
    common_name: cn,
    subject_alternative_names: sans,
    issuer: leaf.issuer.replace(/\n/g, ', '),
    not_before: new Date(leaf.validFrom).toISOString(),
    not_after: notAfter.toISOString(),
    fingerprint_sha256: leaf.fingerprint256,
  };
}

/** True when a certificate naming `names` (SANs, or the CN without SANs) serves `hostname`. */
export function coversHostname(cert: Pick<ParsedCertificate, 'common_name' | 'subject_alternative_names'>, hostname: string): boolean {
  const names = cert.subject_alternative_names.length ? cert.subject_alternative_names : [cert.common_name.toLowerCase()];
  const host = hostname.toLowerCase();
  return names.some((name) => {
    if (name === host) return true;
    if (!name.startsWith('*.') || host.startsWith('*.')) return false;
    const rest = host.slice(host.indexOf('.') + 1);
    return host.indexOf('.') > 0 && rest === name.slice(2);
  });
}

export const certificateHooks: KindHooks = {
  prepare: async (w, id, input, existing) => {
    const parsed = parseCertificate(input.certificate_pem, input.private_key_pem);
    if (existing) {
      for (const ref of await w.resources.referrers(id, w.tx)) {
        const domain = ref.sourceKind === 'domain' ? await w.load('domain', ref.sourceId) : undefined;
        if (domain && !coversHostname(parsed, domain.data.hostname)) {
          throw ApiError.field('VALIDATION_FAILED', 'certificate_pem', `does not cover "${domain.data.hostname}", which uses this certificate`);
        }
      }
    }
    return { ...parsed };
  },
};
