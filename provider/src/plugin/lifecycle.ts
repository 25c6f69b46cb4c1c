/**
 * How the process ends. Terraform closes a provider with GRPCController.Shutdown, waits 2 s, then
 * SIGKILLs it; Ctrl-C reaches the whole process group, and Terraform then sends StopProvider, so
 * SIGINT itself is ignored (as go-plugin servers do). If Terraform dies without saying so, the
 * parent pid changes and we leave instead of lingering.
 */
import type { Logger } from '../framework/logger';

export function installSignalHandlers(log: Logger): void {
  process.on('SIGINT', () => log.debug('SIGINT ignored; waiting for StopProvider / Shutdown'));
  process.on('uncaughtException', (err) => {
    log.error('uncaught exception', { error: err.stack ?? String(err) });
    process.exit(1);
  });
  process.on('unhandledRejection', (err) => {
    log.error('unhandled rejection', { error: err instanceof Error ? err.stack ?? err.message : String(err) });
  });
}

export function exitWhenOrphaned(log: Logger, intervalMs = 1000): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      log.warn('parent process went away; exiting');
      process.exit(0);
    }
  }, intervalMs);
  timer.unref();
}

export function shutdown(log: Logger, close: () => void): void {
  log.debug('GRPCController.Shutdown: exiting');
  close();
  process.exit(0);
}
