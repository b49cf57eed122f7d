import { type Logger, pino } from 'pino';

export type { Logger };

/** Field names whose values never reach a log line. */
const REDACT = [
  'password',
  'newPassword',
  'currentPassword',
  'secret',
  'token',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  '*.password',
  '*.secret',
  '*.token',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    { level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'firebreak' } },
    destination as never,
  );
}
