/** The logging surface the framework needs; plugin/log.ts provides the hclog-on-stderr version. */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export type Logger = Record<LogLevel, (message: string, fields?: Record<string, unknown>) => void>;

const noop = () => undefined;
export const silentLogger: Logger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop };
