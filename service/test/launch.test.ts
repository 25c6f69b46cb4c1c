/**
 * How `apigw serve` starts node: run directly, the shebang's flags put a floor under V8's young
 * generation (shared/young-generation.ts, whose test shows what the floor does); started through a
 * bare `node`, it says what is missing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { spawnServe, stopServeProcesses } from './support/serve-process';

const BIN = path.resolve(__dirname, '../bin/apigw.js');
const CLI = path.resolve(__dirname, '../src/cli.ts');
const dirs: string[] = [];

/** Starts `command ...args serve` on free ports and a fresh data dir; resolves once it has started. */
async function serve(command: string, args: string[]): Promise<{ lines: string[]; adminUrl: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-launch-'));
  dirs.push(dataDir);
  const proc = spawnServe(command, [...args, 'serve'], {
    APIGW_DATA_DIR: dataDir, APIGW_ADMIN_PORT: '0', APIGW_PROXY_PORT: '0', APIGW_PROXY_TLS_PORT: '0',
  });
  const started = await proc.started;
  return { lines: proc.lines, adminUrl: started.admin_url };
}

const warned = (lines: string[]) => lines.some((l) => l.includes('--min-semi-space-size'));

/** The service answers on its admin port (it started, whatever the warning says). */
async function healthy(adminUrl: string): Promise<boolean> {
  return (await request(`${adminUrl}/healthz`)).statusCode === 200;
}

afterAll(async () => {
  await stopServeProcesses();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

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
