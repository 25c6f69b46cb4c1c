/** The access log through a real pino destination (a temp file): pino-shaped JSON lines, batched, flushed on time and on close. */
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { sleep, waitFor } from '../../test/support/wait';
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

test('lines wait for a full batch: a batch goes out when it is full, the rest stays', async () => {
  const { file, destination, log } = await open({ batchChars: 2000, flushEveryMs: 60_000 });
  log.write(entry(1));
  await sleep(50);
  expect(fs.readFileSync(file, 'utf8')).toBe(''); // one short line: still in the batch
  for (let i = 2; i <= 20; i++) log.write(entry(i)); // past 2000 characters: a batch is handed over at once
  await waitFor(() => lines(file).length > 0);
  await sleep(50);
  const handed = lines(file).length;
  expect(handed).toBeGreaterThanOrEqual(5);
  expect(handed).toBeLessThan(20); // the last lines wait for the next batch (the timer is a minute away)
  expect(await log.close()).toBe(true);
  expect(lines(file).map((l) => l.request_id)).toEqual(Array.from({ length: 20 }, (_, i) => `req-${i + 1}`));
  destination.end();
});

test('a partial batch goes out when the flush interval passes', async () => {
  const { file, destination, log } = await open({ batchChars: 1 << 20, flushEveryMs: 50 });
  for (let i = 1; i <= 3; i++) log.write(entry(i));
  await waitFor(() => lines(file).length === 3);
  expect(lines(file)).toHaveLength(3);
  expect(await log.close()).toBe(true);
  destination.end();
});

test('close() hands over the last partial batch and waits until it is written', async () => {
  const { file, destination, log } = await open({ batchChars: 1 << 20, flushEveryMs: 60_000 });
  for (let i = 1; i <= 500; i++) log.write(entry(i));
  await sleep(50);
  expect(fs.readFileSync(file, 'utf8')).toBe(''); // under the batch size and the interval: nothing handed over yet
  expect(await log.close()).toBe(true);
  expect(lines(file)).toHaveLength(500);
  destination.end();
});
