/** JSON logs (pino) with credentials redacted wherever they appear. */
import pino, { type Logger } from 'pino';

export const REDACTED_PATHS = [
  'req.headers.authorization', 'headers.authorization', '*.app_secret', '*.secret', '*.private_key_pem',
  '*.code', '*.token', 'err.config', 'err.request',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: 'apigw' } }, destination);
}
