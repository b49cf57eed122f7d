import { type Config, ConfigError, loadConfig } from '../core/config.js';
import { AppError } from '../core/errors.js';
import { StartupError } from '../runtime/errors.js';

/** Exit codes of the `firebreak` bin. */
export const EXIT = { ok: 0, failed: 1, badConfig: 2 } as const;

/**
 * Wraps a server-side command action: a bad configuration prints the ConfigError (which names
 * the variable) and exits 2; a start-up problem or a refused command prints its message and
 * exits 1. Anything else is a bug and keeps its stack trace.
 */
export function serverAction<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      const failure = operatorFailure(err);
      if (!failure) throw err;
      process.stderr.write(`${failure.message}\n`);
      process.exitCode = failure.exitCode;
    }
  };
}

/** What to tell the operator, and the exit code, for an error they can fix; null for a bug. */
export function operatorFailure(err: unknown): { message: string; exitCode: number } | null {
  if (err instanceof ConfigError) return { message: err.message, exitCode: EXIT.badConfig };
  if (err instanceof StartupError) return { message: err.message, exitCode: EXIT.failed };
  if (err instanceof AppError) return { message: `error: ${err.message}`, exitCode: EXIT.failed };
  return null;
}

/** The configuration from the environment (and FIREBREAK_CONFIG), with command-line overrides. */
export function configFrom(overrides: Record<string, string | undefined> = {}): Config {
  const env = { ...process.env };
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) env[key] = value;
  return loadConfig(env);
}
