/**
 * How `apigw serve` starts node: run directly, the shebang's flags put a floor under V8's young
 * generation (shared/young-generation.ts, whose test shows what the floor does); started through a
 * bare `node`, it says what is missing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request } from 'undici';

const BIN = path.resolve(__dirname, '../bin/apigw.js');
const CLI = path.resolve(__dirname, '../src/cli.ts');
const children: ChildProcess[] = [];
const dirs: string[] = [];

interface Started { lines: string[]; adminUrl: string }


/** Starts `command args… serve` on free ports and a fresh data dir; resolves at its "apigw started" line. */
function serve(command: string, args: string[]): Promise<Started> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-launch-'));
  dirs.push(dataDir);
  const child = spawn(command, [...args, 'serve'], {
    env: { ...process.env, APIGW_DATA_DIR: dataDir, APIGW_ADMIN_PORT: '0', APIGW_PROXY_PORT: '0', APIGW_PROXY_TLS_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines: string[] = [];
  let buffer = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        if (line.includes('apigw started')) resolve({ lines, adminUrl: JSON.parse(line).admin_url });
      }
    });
    child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} serve exited with ${code}: ${lines.join('\n')}`)));
  });
}

const warned = (lines: string[]) => lines.some((l) => l.includes('--min-semi-space-size'));

afterAll(async () => {
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** The service answers on its admin port (it started, whatever the warning says). */
async function healthy(adminUrl: string): Promise<boolean> {
  return (await request(`${adminUrl}/healthz`)).statusCode === 200;
}

test('run directly, the apigw command starts node with the young-generation floor: no warning', async () => {
  const started = await serve(BIN, []);
  expect(await healthy(started.adminUrl)).toBe(true);
  expect(warned(started.lines)).toBe(false);
});

test('started through a bare node, apigw serve still runs but warns that the floor is missing', async () => {
  const started = await serve(process.execPath, ['-r', 'tsx/cjs', CLI]);
  expect(await healthy(started.adminUrl)).toBe(true);
  expect(warned(started.lines)).toBe(true);
});
