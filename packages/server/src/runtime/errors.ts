/**
 * A start-up problem the operator must fix (database unreachable, data directory not writable,
 * `--demo` on a database that has data). The bin prints the message alone and exits 1.
 */
export class StartupError extends Error {
  override name = 'StartupError';
}
