/** The access log through a real pino destination (a temp file): pino-shaped JSON lines, batched, flushed on time and on close. */
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { AccessLog, type AccessEntry } from './access-log';

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apigw-access-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const entry = (i: number, extra: Partial<AccessEntry> = {}): AccessEntry => ({
  request_id: `req-${i}`, method: 'GET', host: 'g.example.com', path: `/items/${i}`, status: 200, duration_ms: 1.234,
  upstream_ms: 1.001, group: 'g1', api: 'a1', stage: 'RELEASE', app: undefined, source_ip: '127.0.0.1', error_code: undefined, ...extra,
});

async function open(options?: ConstructorParameters<typeof AccessLog>[1]) {
  const file = path.join(dir, 'access.log');
  const destination = pino.destination({ dest: file, sync: false });
  await once(destination, 'ready');
  return { file, destination, log: new AccessLog(destination, options) };
}

const lines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
}

test('each line is pino-shaped JSON: level 30 and time first, undefined fields left out, text escaped', async () => {
  const { file, destination, log } = await open();
  log.write(entry(1), 1_700_000_000_123);
  log.write(entry(2, { host: 'h"\\\u0001é', error_code: 'BACKEND_TIMEOUT', upstream_ms: undefined, status: 504 }), 1_700_000_000_456);
  expect(await log.close()).toBe(true); // resolves once the destination wrote everything
  const raw = fs.readFileSync(file, 'utf8');
  expect(raw.startsWith('{"level":30,"time":1700000000123,"request_id":"req-1"')).toBe(true);
  const [first, second] = lines(file);
  expect(first).toEqual({ level: 30, time: 1_700_000_000_123, ...entry(1), app: undefined, error_code: undefined });
  expect(Object.keys(first)).not.toContain('app');
  expect(second).toMatchObject({ host: 'h"\\\u0001é', error_code: 'BACKEND_TIMEOUT', status: 504 });
  expect(Object.keys(second)).not.toContain('upstream_ms');
  destination.end();
});

test('lines wait for a full batch, or for the flush interval, not for each other', async () => {
  const { file, destination, log } = await open({ batchChars: 2000, flushEveryMs: 100 });
  log.write(entry(1));
  await new Promise((r) => setTimeout(r, 30));
  expect(fs.readFileSync(file, 'utf8')).toBe(''); // one short line: still in the batch
  for (let i = 2; i <= 20; i++) log.write(entry(i)); // past 2000 characters: handed over at once
  await until(() => fs.readFileSync(file, 'utf8').split('\n').length > 10);
  const handed = lines(file).length;
  expect(handed).toBeGreaterThanOrEqual(10);
  expect(handed).toBeLessThan(20);
  await until(() => lines(file).length === 20); // the rest: by the timer
  expect(lines(file).map((l) => l.request_id)).toEqual(Array.from({ length: 20 }, (_, i) => `req-${i + 1}`));
  expect(await log.close()).toBe(true);
  destination.end();
});

test('close() hands over the last partial batch and waits until it is written', async () => {
  const { file, destination, log } = await open({ batchChars: 1 << 20, flushEveryMs: 60_000 });
  for (let i = 1; i <= 500; i++) log.write(entry(i));
  expect(fs.readFileSync(file, 'utf8')).toBe('');
  expect(await log.close()).toBe(true);
  expect(lines(file)).toHaveLength(500);
  destination.end();
});
