import { type ApiClient, ApiError, createClient } from '@firebreak/shared';
import type { Command } from 'commander';

export const DEFAULT_URL = 'http://localhost:8080';

/** A mistake the person can fix; printed as `error: <message>` without a stack trace. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

type GlobalOptions = { url?: string; token?: string };

/** The server the remote commands talk to: `--url`, else FIREBREAK_URL, else the local default. */
export function serverUrl(program: Command, env: NodeJS.ProcessEnv = process.env): string {
  const { url } = program.opts<GlobalOptions>();
  return (url || env.FIREBREAK_URL || DEFAULT_URL).replace(/\/$/, '');
}

/** True when the person named a server (`--url` or FIREBREAK_URL), rather than relying on the default. */
export function serverNamed(program: Command, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(program.opts<GlobalOptions>().url || env.FIREBREAK_URL);
}

/** Adds `--url` and `--token`, readable by every subcommand. */
export function addConnectionOptions(program: Command): void {
  program
    .option('--url <url>', `Firebreak server URL (env FIREBREAK_URL, default ${DEFAULT_URL})`)
    .option('--token <token>', 'API token (env FIREBREAK_TOKEN)');
}

/**
 * Returns a getter for an API client built from the global options when a command runs
 * (options are parsed after registration, so the client cannot be built earlier).
 */
export function apiFor(program: Command, env: NodeJS.ProcessEnv = process.env): () => ApiClient {
  return () => {
    const token = program.opts<GlobalOptions>().token || env.FIREBREAK_TOKEN;
    if (!token) {
      throw new CliError(
        'no API token: set FIREBREAK_TOKEN or pass --token (create one in Settings → API tokens, or with `firebreak token create` on the server)',
      );
    }
    const baseUrl = serverUrl(program, env);
    return createClient({ baseUrl, token, fetch: fetchNaming(baseUrl) });
  };
}

// fetch reports an unreachable server as a bare "fetch failed"; name the server and the cause instead.
function fetchNaming(baseUrl: string): typeof fetch {
  return async (input, init) => {
    try {
      return await fetch(input, init);
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new CliError(`cannot reach Firebreak at ${baseUrl} (${cause?.code ?? cause?.message ?? String(err)})`);
    }
  };
}

/**
 * Wraps a command action: API problems and CLI mistakes print as `error: <detail>` and
 * set exit code 1 (or the CliError's own); anything else is a bug and keeps its stack trace.
 */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void> | void): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      if (!(err instanceof ApiError || err instanceof CliError)) throw err;
      process.stderr.write(`${describeError(err)}\n`);
      process.exitCode = err instanceof CliError ? err.exitCode : 1;
    }
  };
}

export function describeError(err: ApiError | CliError): string {
  if (err instanceof CliError) return `error: ${err.message}`;
  const detail = err.problem.detail ?? err.problem.title;
  const lines = [`error: ${detail}`];
  for (const e of err.problem.errors ?? []) {
    const line = `${e.field}: ${e.message}`;
    if (!detail.includes(line)) lines.push(`  ${line}`);
  }
  return lines.join('\n');
}
