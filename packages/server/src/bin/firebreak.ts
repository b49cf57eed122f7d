#!/usr/bin/env node
import { Command } from 'commander';
import { registerAuditCommands } from '../commands-cli/audit.js';
import { registerBackupCommands } from '../commands-cli/backup.js';
import { registerDoctorCommand } from '../commands-cli/doctor.js';
import { registerMigrateCommand } from '../commands-cli/migrate.js';
import { mountRemoteCommands } from '../commands-cli/mount-remote.js';
import { registerServeCommand } from '../commands-cli/serve.js';
import { registerUserCommands } from '../commands-cli/user.js';
import { CONFIG_KEYS } from '../core/config.js';
import { VERSION } from '../http/app.js';

const program = new Command('firebreak')
  .description(
    'Firebreak: self-hosted incident response. Server commands work on this machine’s database; remote commands talk to a server with an API token.',
  )
  .version(VERSION)
  .showHelpAfterError('(add --help for usage)');

program.commandsGroup('Server commands (run on the server, on its database):');
registerServeCommand(program);
registerMigrateCommand(program);
registerDoctorCommand(program);
registerUserCommands(program);
registerBackupCommands(program);
registerAuditCommands(program);
program.commandsGroup('Remote commands (through the API, with a token):');
await mountRemoteCommands(program);

program.addHelpText(
  'after',
  `
Server configuration (environment variables, or a JSON file named by FIREBREAK_CONFIG):
${CONFIG_KEYS.map((k) => `  ${k.key.padEnd(26)} ${k.description}`).join('\n')}`,
);

await program.parseAsync();
