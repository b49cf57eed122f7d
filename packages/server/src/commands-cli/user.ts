import { ROLES, type Role } from '@firebreak/shared';
import { type Command, Option } from 'commander';
import { createUser, issueSignInLink, SYSTEM } from '../domains/directory/index.js';
import { withLocalContext } from './local-context.js';
import { personByEmail } from './person.js';
import { configFrom, serverAction } from './run.js';

type AddOptions = { name: string; email: string; role: Role; timeZone?: string; passwordStdin?: boolean };

/** Offline people commands: they work on the local database, so they also work when nobody can sign in. */
export function registerUserCommands(program: Command): void {
  const user = program
    .command('user')
    .description('Add people and issue sign-in links, straight in the local database (run on the server)');

  user
    .command('add')
    .description('Add a person')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--email <email>', 'sign-in email address')
    .addOption(new Option('--role <role>', 'what they may do').choices(ROLES).default('responder'))
    .option('--time-zone <zone>', 'IANA time zone, e.g. Europe/Berlin (default: the organisation time zone)')
    .option(
      '--password-stdin',
      'read a password (12+ characters) from standard input; without it, print a sign-in link',
    )
    .addHelpText(
      'after',
      '\nExample:\n  printf %s "$PASSWORD" | firebreak user add --name "Ada Lovelace" --email ada@example.com --role admin --password-stdin',
    )
    .action(
      serverAction(async (options: AddOptions) => {
        const config = configFrom();
        const password = options.passwordStdin ? await readStdin() : undefined;
        await withLocalContext(config, async (ctx) => {
          const created = await createUser(
            ctx,
            {
              name: options.name,
              email: options.email,
              role: options.role,
              timeZone: options.timeZone ?? config.orgTimeZone,
              password,
            },
            SYSTEM,
          );
          process.stdout.write(`Added ${created.name} <${created.email}> (${created.role}, ${created.timeZone}).\n`);
          if (!password) {
            const url = await issueSignInLink(ctx, created.id);
            process.stdout.write(`Send them this one-time sign-in link:\n\n  ${url}\n`);
          }
        });
      }),
    );

  user
    .command('link')
    .description('Print a one-time sign-in link for a person (for a forgotten password or a lost admin)')
    .argument('<email>', 'their sign-in email address')
    .action(
      serverAction(async (email: string) => {
        await withLocalContext(configFrom(), async (ctx) => {
          const row = await personByEmail(ctx, email);
          const url = await issueSignInLink(ctx, row.id);
          process.stdout.write(
            `One-time sign-in link for ${row.name} <${row.email}> (valid for 24 hours):\n\n  ${url}\n`,
          );
        });
      }),
    );
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
