/**
 * Logs as hclog JSON lines on stderr, which go-plugin parses and re-logs at the line's level
 * (`TF_LOG=debug terraform plan` shows them). stdout belongs to the handshake and nothing else.
 * go-plugin parses `@timestamp` with Go layout "2006-01-02T15:04:05.000000Z07:00": exactly six
 * fractional digits, or the line falls back to plain text.
 */
import type { LogLevel, Logger } from '../framework/logger';

const RANK: Record<LogLevel | 'off', number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4, off: 5 };

export function hclogTimestamp(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function hclogLine(level: LogLevel, message: string, fields: Record<string, unknown> = {}, now = new Date()): string {
  return JSON.stringify({
    '@level': level, '@message': message, '@module': 'apigw', '@timestamp': hclogTimestamp(now), ...fields,
  }, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
}

export function createLogger(threshold: LogLevel | 'off', write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  const at = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (RANK[level] >= RANK[threshold]) write(`${hclogLine(level, message, fields)}\n`);
  };
  return { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Libraries that print with console.* must not reach stdout: route them into the log. */
export function routeConsoleToLog(log: Logger): void {
  const join = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : String(a))).join(' ');
  console.log = (...a: unknown[]) => log.debug(join(a));
  console.info = (...a: unknown[]) => log.info(join(a));
  console.debug = (...a: unknown[]) => log.debug(join(a));
  console.warn = (...a: unknown[]) => log.warn(join(a));
  console.error = (...a: unknown[]) => log.error(join(a));
}
