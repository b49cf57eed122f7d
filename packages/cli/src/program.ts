import { Command } from 'commander';
import { registerAlertCommands } from './commands/alerts.js';
import { type LocalHooks, registerDirectoryCommands } from './commands/directory.js';
import { registerIncidentCommands } from './commands/incidents.js';
import { registerOncallCommands } from './commands/oncall.js';
import { registerPagingCommands } from './commands/paging.js';
import { registerPostmortemCommands } from './commands/postmortems.js';
import { registerReportCommands } from './commands/report.js';
import { addConnectionOptions, apiFor, DEFAULT_URL } from './remote.js';

export const VERSION = '0.1.0';

export type { LocalHooks };

/**
 * Adds every remote command (and the global `--url` / `--token` options) to `program`.
 * The server's `firebreak` bin passes `local` so `token create` can also work offline.
 * Each domain registers its commands from `commands/<domain>.ts`: add one line per domain here.
 *
 * @example
 * const program = new Command('firebreak');
 * registerRemoteCommands(program);
 * await program.parseAsync();
 */
export function registerRemoteCommands(program: Command, local?: LocalHooks): void {
  addConnectionOptions(program);
  const api = apiFor(program);
  registerDirectoryCommands(program, api, local);
  registerIncidentCommands(program, api);
  registerOncallCommands(program, api);
  registerPagingCommands(program, api);
  registerAlertCommands(program, api);
  registerPostmortemCommands(program, api);
  registerReportCommands(program, api);
}

/** The standalone `firebreak-remote` program. */
export function createRemoteProgram(): Command {
  const program = new Command('firebreak-remote')
    .description('Talk to a Firebreak server with an API token.')
    .version(VERSION)
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', REMOTE_HELP);
  registerRemoteCommands(program);
  return program;
}

export const REMOTE_HELP = `
Remote commands read the server URL from --url or FIREBREAK_URL (default ${DEFAULT_URL})
and the API token from --token or FIREBREAK_TOKEN. List commands accept --json.

Example:
  export FIREBREAK_URL=https://firebreak.example.com FIREBREAK_TOKEN=fbk_…
  firebreak-remote whoami
  firebreak-remote services list --json`;
