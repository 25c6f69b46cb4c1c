/**
 * A self-signed ECDSA P-256 server certificate for go-plugin's AutoMTLS, written as DER by hand:
 * X.509 libraries cost 60-80 ms of start-up, this costs a key generation. Terraform's Go client
 * trusts exactly this certificate and checks it for ServerName "localhost", so it needs SAN
 * DNS:localhost, serverAuth, and a validity that already started (clock skew: now - 60 s).
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';

export interface ServerCertificate {
  der: Buffer;
  certPem: string;
  keyPem: string;
}

const length = (n: number): Buffer =>
  n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
const tlv = (tag: number, ...parts: Buffer[]): Buffer => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};
const seq = (...parts: Buffer[]) => tlv(0x30, ...parts);
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));

export function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * a + b];
  for (const v of rest) {
    const base128 = [v & 0x7f];
    for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128)) base128.unshift((x & 0x7f) | 0x80);
    bytes.push(...base128);
  }
  return tlv(0x06, Buffer.from(bytes));
}

const utcTime = (d: Date) => tlv(0x17, Buffer.from(`${d.toISOString().replace(/[-:T]/g, '').slice(2, 14)}Z`));
const extension = (id: string, critical: boolean, value: Buffer) =>
  seq(oid(id), ...(critical ? [bool(true)] : []), tlv(0x04, value));

function extensions(): Buffer {
  return tlv(0xa3, seq(
    extension('2.5.29.19', true, seq(bool(true))), // basicConstraints CA (go-plugin's template does the same)
    extension('2.5.29.15', true, tlv(0x03, Buffer.from([0x02, 0xac]))), // digitalSignature|keyEncipherment|keyAgreement|keyCertSign
    extension('2.5.29.37', false, seq(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2'))), // serverAuth, clientAuth
    extension('2.5.29.17', false, seq(tlv(0x82, Buffer.from('localhost')), tlv(0x87, Buffer.from([127, 0, 0, 1])))),
  ));
}

export function selfSignedCertificate(now = new Date()): ServerCertificate {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x7f) | 0x40; // positive and minimal: Go rejects non-minimal DER integers
  const name = seq(tlv(0x31, seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from('localhost')))));
  const ecdsaWithSha256 = seq(oid('1.2.840.10045.4.3.2'));
  const validity = seq(utcTime(new Date(now.getTime() - 60_000)), utcTime(new Date(now.getTime() + 30 * 86_400_000)));
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))), // v3
    tlv(0x02, serial), ecdsaWithSha256, name, validity, name,
    publicKey.export({ type: 'spki', format: 'der' }), extensions(),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = seq(tbs, ecdsaWithSha256, tlv(0x03, Buffer.from([0]), signature));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return {
    der,
    certPem: `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`,
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
