/**
 * A real `apigw serve` process for tests that need the command itself (roles, how node is started):
 * its stdout is collected line by line (the JSON log and access log), and `started` resolves with the
 * "apigw started" record. Stop every spawned process with stopServeProcesses().
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ServeProcess {
  child: ChildProcess;
  /** Every stdout line so far; keeps filling while the process runs. */
  lines: string[];
  /** The parsed "apigw started" log record (admin_url, proxy_url, role, …). */
  started: Promise<Record<string, string>>;
}

const running: ChildProcess[] = [];

/** Runs `command ...args` (which must end with `serve` and its options) with `env` added to this process's. */
export function spawnServe(command: string, args: string[], env: Record<string, string>): ServeProcess {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  const lines: string[] = [];
  let buffer = '';
  const started = new Promise<Record<string, string>>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        if (line.includes('apigw started')) resolve(JSON.parse(line));
      }
    });
    child.once('exit', (code) => reject(new Error(`${[command, ...args].join(' ')} exited with ${code}: ${lines.join('\n')}`)));
  });
  return { child, lines, started };
}

/** SIGTERM to every process spawnServe started; resolves once all have exited. */
export async function stopServeProcesses(): Promise<void> {
  const all = running.splice(0);
  for (const c of all) c.kill('SIGTERM');
  await Promise.all(all.map((c) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(null) : c.once('exit', r)))));
}
