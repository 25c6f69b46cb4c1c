/**
 * Measures start-to-handshake time of the built provider: spawn dist/terraform-provider-apigw with
 * the environment Terraform gives it (cookie, protocol versions, a client certificate, so the TLS
 * path with certificate generation is included) and time until the handshake line arrives.
 * Run: node_modules/.bin/tsx provider/scripts/measure-startup.ts [runs]   (after scripts/build.sh)
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { selfSignedCertificate } from '../src/plugin/cert';
import { MAGIC_COOKIE } from '../src/plugin/handshake';

const launcher = join(__dirname, '..', 'dist', 'terraform-provider-apigw');
const env = {
  ...process.env, TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS: '5,6',
  PLUGIN_CLIENT_CERT: selfSignedCertificate().certPem, TF_LOG: '', TF_LOG_PROVIDER: '',
};

function once(): Promise<number> {
  const started = process.hrtime.bigint();
  const child = spawn(launcher, [], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      child.kill('SIGKILL');
      if (!/^1\|6\|tcp\|127\.0\.0\.1:\d+\|grpc\|[A-Za-z0-9+/]{50,}\n$/.test(chunk.toString())) reject(new Error(`bad handshake: ${chunk}`));
      else resolve(ms);
    });
    child.once('error', reject);
  });
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 30);
  await once(); // warm the file cache
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await once());
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
  process.stdout.write(`start-to-handshake over ${runs} runs: mean ${mean.toFixed(1)} ms, `
    + `min ${at(0)}, median ${at(0.5)}, p90 ${at(0.9)}, max ${at(1)} ms\n`);
}

void main();
