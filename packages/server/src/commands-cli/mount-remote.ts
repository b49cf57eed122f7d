import type { CreatedToken } from '@firebreak/shared';
import type { Command } from 'commander';
import { operatorFailure } from './run.js';
import { createLocalToken, type LocalTokenInput } from './token.js';

/** The part of `@firebreak/cli` the server bin uses (kept here so the server builds without it). */
type RemoteCli = {
  registerRemoteCommands(
    program: Command,
    local?: { createToken(input: LocalTokenInput): Promise<CreatedToken> },
  ): void;
  REMOTE_HELP: string;
  CliError: new (message: string, exitCode?: number) => Error;
};

/**
 * Mounts the remote commands of `@firebreak/cli` (whoami, services, teams, users, token list/revoke,
 * incidents, ...) and lets `token create` work offline on this server's database.
 * Loaded by name at run time, so the server package compiles before the CLI package is built.
 */
export async function mountRemoteCommands(program: Command): Promise<void> {
  const specifier = '@firebreak/cli';
  const cli = (await import(specifier)) as RemoteCli;
  cli.registerRemoteCommands(program, {
    // The CLI reports its own errors; hand it ours (bad config, unknown person) in its terms.
    createToken: async (input) => {
      try {
        return await createLocalToken(input);
      } catch (err) {
        const failure = operatorFailure(err);
        throw failure ? new cli.CliError(failure.message.replace(/^error: /, ''), failure.exitCode) : err;
      }
    },
  });
  program.addHelpText('after', cli.REMOTE_HELP.replaceAll('firebreak-remote', 'firebreak'));
}
