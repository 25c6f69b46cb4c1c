/**
 * HTTPS with SNI: a custom domain with a certificate is served over TLS with that certificate;
 * HTTPS-only APIs accept it; unknown names get no certificate; a replaced certificate is served
 * after the next swap without a restart.
 */
import crypto from 'node:crypto';
import https from 'node:https';
import tls from 'node:tls';
import { makeCertificate } from '../support/certs';
import { startGateway, type Gateway } from '../support/gateway';

let gw: Gateway;
beforeAll(async () => { gw = await startGateway(); });
afterAll(async () => { await gw.close(); });

function get(hostname: string, path: string, ca: string): Promise<{ status: number; body: string; fingerprint: string }> {
  const url = new URL(gw.running.proxyTlsUrl!);
  return new Promise((resolve, reject) => {
    const req = https.request({ host: url.hostname, port: url.port, path, servername: hostname, ca, agent: false, headers: { host: hostname } }, (res) => {
      const fingerprint = (res.socket as tls.TLSSocket).getPeerX509Certificate()!.fingerprint256;
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode!, body, fingerprint }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('serves each custom domain its certificate by SNI', async () => {
  const cert = makeCertificate('secure.shop.test', ['secure.shop.test']);
  const g = await gw.group('tls');
  const c = await gw.admin('POST', '/certificates', { name: 'secure', certificate_pem: cert.certificatePem, private_key_pem: cert.privateKeyPem });
  await gw.admin('POST', '/domains', { group_id: g.id, hostname: 'secure.shop.test', certificate_id: c.id });
  await gw.publish(g.id, { name: 'tls-only', request: { method: 'GET', path: '/pay', protocol: 'HTTPS' }, backend: { type: 'MOCK', mock_body: 'paid' } });
  const res = await get('secure.shop.test', '/pay', cert.certificatePem);
  expect([res.status, res.body]).toEqual([200, 'paid']);
  expect(res.fingerprint).toBe(new crypto.X509Certificate(cert.certificatePem).fingerprint256);
  const plain = await gw.call('secure.shop.test', '/pay');
  expect([plain.status, plain.json.error_code]).toEqual([400, 'PROTOCOL_NOT_ALLOWED']);
  await expect(get('unknown.shop.test', '/pay', cert.certificatePem)).rejects.toThrow();

  const renewed = makeCertificate('secure.shop.test', ['secure.shop.test', 'www.shop.test'], 60);
  await gw.admin('PUT', `/certificates/${c.id}`, { name: 'secure', certificate_pem: renewed.certificatePem, private_key_pem: renewed.privateKeyPem });
  await gw.synced();
  expect((await get('secure.shop.test', '/pay', renewed.certificatePem)).fingerprint).toBe(new crypto.X509Certificate(renewed.certificatePem).fingerprint256);
});
