/**
 * Process-level pieces: handshake rules, the hand-made certificate (parsed by Node's X.509 code),
 * hclog lines, and the gRPC server over mutual TLS with ALPN h2, talked to by a real gRPC client.
 */
import { X509Certificate } from 'node:crypto';
import { createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { Health, HealthCheckResponse_ServingStatus } from '../gen/grpc/health/v1/health_pb';
import { selfSignedCertificate } from './cert';
import { logLevelFrom, readEnv } from './env';
import { MAGIC_COOKIE, handshakeLine, startupProblem } from './handshake';
import { createLogger, hclogLine } from './log';
import { registerControlServices } from './control';
import { startServer } from './server';

describe('handshake', () => {
  it('needs the Terraform cookie and protocol 6', () => {
    expect(startupProblem({ magicCookie: undefined, protocolVersions: ['6'] })).toMatch(/This binary is a plugin/);
    expect(startupProblem({ magicCookie: MAGIC_COOKIE, protocolVersions: ['5'] })).toMatch(/protocol 6/);
    expect(startupProblem({ magicCookie: MAGIC_COOKIE, protocolVersions: ['5', '6'] })).toBeUndefined();
  });

  it('prints one line with unpadded base64 DER, or five fields without TLS', () => {
    expect(handshakeLine(1234, Buffer.from([1, 2, 3, 4]))).toBe('1|6|tcp|127.0.0.1:1234|grpc|AQIDBA\n');
    expect(handshakeLine(1234)).toBe('1|6|tcp|127.0.0.1:1234|grpc\n');
  });

  it('reads the environment once, TF_LOG_PROVIDER over TF_LOG', () => {
    const env = readEnv({ TF_LOG: 'debug', TF_LOG_PROVIDER: 'error', PLUGIN_PROTOCOL_VERSIONS: '5,6', APIGW_TOKEN: 't' });
    expect(env).toMatchObject({ logLevel: 'error', protocolVersions: ['5', '6'], provider: { token: 't' } });
    expect(Object.isFrozen(env)).toBe(true);
    expect(logLevelFrom('JSON', undefined)).toBe('trace');
    expect(logLevelFrom(undefined, undefined)).toBe('off');
  });
});

describe('self-signed certificate', () => {
  it('is a valid ECDSA P-256 CA certificate for localhost, signed by itself', () => {
    const { der, certPem } = selfSignedCertificate(new Date('2026-01-01T00:00:00Z'));
    const cert = new X509Certificate(der);
    expect(cert.toString()).toBe(new X509Certificate(certPem).toString());
    expect(cert.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1');
    expect(cert.ca).toBe(true);
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(cert.validFrom).toBe('Dec 31 23:59:00 2025 GMT');
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
  });
});

describe('hclog lines', () => {
  it('use the fields and the six-digit timestamp go-plugin parses', () => {
    const line = JSON.parse(hclogLine('debug', 'hello', { n: 1n }, new Date('2026-01-02T03:04:05.678Z')));
    expect(line).toEqual({ '@level': 'debug', '@message': 'hello', '@module': 'apigw', '@timestamp': '2026-01-02T03:04:05.678000Z', n: '1' });
  });

  it('are filtered by level', () => {
    const lines: string[] = [];
    const log = createLogger('warn', (l) => lines.push(l));
    log.debug('no');
    log.error('yes');
    expect(lines.map((l) => JSON.parse(l)['@message'])).toEqual(['yes']);
  });
});

describe('gRPC server with mutual TLS', () => {
  const server = selfSignedCertificate();
  const client = selfSignedCertificate();
  let running: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    running = await startServer((r) => registerControlServices(r, () => undefined),
      { certPem: server.certPem, keyPem: server.keyPem, clientCaPem: client.certPem });
  });
  afterAll(() => running.close());

  const health = (withClientCert: boolean) => createClient(Health, createGrpcTransport({
    baseUrl: `https://127.0.0.1:${running.port}`,
    nodeOptions: {
      ca: server.certPem, servername: 'localhost', ALPNProtocols: ['h2'],
      ...(withClientCert ? { cert: client.certPem, key: client.keyPem } : {}),
    },
  }));

  it('answers the go-plugin health check for "plugin"', async () => {
    const res = await health(true).check({ service: 'plugin' });
    expect(res.status).toBe(HealthCheckResponse_ServingStatus.SERVING);
  });

  it('refuses a client without the certificate Terraform announced', async () => {
    await expect(health(false).check({ service: 'plugin' })).rejects.toThrow();
  });
});
