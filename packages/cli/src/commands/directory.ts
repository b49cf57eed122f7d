import {
  type ApiClient,
  type ApiToken,
  type CreatedToken,
  type Service,
  type Team,
  TOKEN_SCOPES,
  type TokenScope,
  type User,
} from '@firebreak/shared';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { listAll, printJson, printTable, shortTime } from '../output.js';
import { action, CliError, serverNamed } from '../remote.js';

/** What the server's own `firebreak` bin adds: creating a token straight in its local database. */
export type LocalHooks = {
  createToken(input: {
    name: string;
    scope: TokenScope;
    expiresInDays?: number;
    userEmail?: string;
  }): Promise<CreatedToken>;
};

type ListOptions = { json?: boolean };
const jsonOption = () => new Option('--json', 'print JSON instead of a table');

/** Remote commands of the directory: tokens, services, teams, people, and who you are. */
export function registerDirectoryCommands(program: Command, api: () => ApiClient, local?: LocalHooks): void {
  registerTokenCommands(program, api, local);

  program
    .command('whoami')
    .description('Show the person the API token acts for')
    .addOption(jsonOption())
    .action(
      action(async (options: ListOptions) => {
        const { user: me } = await api().get<{ user: User }>('/api/v1/auth/me');
        if (options.json) return printJson(me);
        process.stdout.write(`${me.name} <${me.email}> (${me.role}), time zone ${me.timeZone}\n`);
      }),
    );

  const services = program.command('services').description('The service catalog');
  services
    .command('list')
    .description('List every service and its owning team')
    .addOption(jsonOption())
    .action(
      action(async (options: ListOptions) => {
        const [items, teams] = await Promise.all([
          listAll<Service>(api(), '/api/v1/services'),
          listAll<Team>(api(), '/api/v1/teams'),
        ]);
        if (options.json) return printJson(items);
        const teamName = new Map(teams.map((t) => [t.id, t.name]));
        printTable(
          items,
          [
            { header: 'name', value: (s) => s.name },
            { header: 'team', value: (s) => (s.teamId ? (teamName.get(s.teamId) ?? s.teamId) : null) },
            { header: 'id', value: (s) => s.id },
            { header: 'description', value: (s) => s.description },
          ],
          'No services yet.',
        );
      }),
    );

  const teams = program.command('teams').description('Teams and their members');
  teams
    .command('list')
    .description('List every team with its members')
    .addOption(jsonOption())
    .action(
      action(async (options: ListOptions) => {
        const items = await listAll<Team>(api(), '/api/v1/teams');
        if (options.json) return printJson(items);
        printTable(
          items,
          [
            { header: 'name', value: (t) => t.name },
            { header: 'members', value: (t) => String(t.members.length) },
            { header: 'id', value: (t) => t.id },
            { header: 'description', value: (t) => t.description },
          ],
          'No teams yet.',
        );
      }),
    );

  const users = program.command('users').description('People who can sign in and be paged');
  users
    .command('list')
    .description('List every person')
    .addOption(jsonOption())
    .action(
      action(async (options: ListOptions) => {
        const items = await listAll<User>(api(), '/api/v1/users');
        if (options.json) return printJson(items);
        printTable(
          items,
          [
            { header: 'name', value: (u) => u.name },
            { header: 'email', value: (u) => u.email },
            { header: 'role', value: (u) => (u.deactivatedAt ? `${u.role} (deactivated)` : u.role) },
            { header: 'time zone', value: (u) => u.timeZone },
            { header: 'id', value: (u) => u.id },
          ],
          'No people yet.',
        );
      }),
    );
}

function registerTokenCommands(program: Command, api: () => ApiClient, local?: LocalHooks): void {
  const token = program.command('token').description('API tokens for the CLI and automation');

  token
    .command('list')
    .description('List your API tokens')
    .option('--all', 'admins: list everyone’s tokens')
    .addOption(jsonOption())
    .action(
      action(async (options: ListOptions & { all?: boolean }) => {
        const items = await listAll<ApiToken>(api(), '/api/v1/tokens', options.all ? { all: 'true' } : {});
        if (options.json) return printJson(items);
        printTable(
          items,
          [
            { header: 'id', value: (t) => t.id },
            { header: 'name', value: (t) => t.name },
            ...(options.all ? [{ header: 'owner', value: (t: ApiToken) => t.userId }] : []),
            { header: 'scope', value: (t) => t.scope },
            { header: 'prefix', value: (t) => `${t.prefix}…` },
            { header: 'last used', value: (t) => shortTime(t.lastUsedAt) ?? 'never' },
            { header: 'expires', value: (t) => shortTime(t.expiresAt) ?? 'never' },
            { header: 'status', value: (t) => (t.revokedAt ? 'revoked' : 'active') },
          ],
          'No API tokens.',
        );
      }),
    );

  token
    .command('revoke')
    .description('Revoke an API token at once; requests with it fail from now on')
    .argument('<id>', 'token id (see `token list`)')
    .action(
      action(async (id: string) => {
        await api().delete(`/api/v1/tokens/${encodeURIComponent(id)}`);
        process.stdout.write(`Revoked token ${id}.\n`);
      }),
    );

  const create = token
    .command('create')
    .description(
      local
        ? 'Create an API token. Without --url or FIREBREAK_URL (or with --local) it is written straight into this server’s database, for the person given by --user (default: the first admin); with a server URL it is created through the API for the token’s owner.'
        : 'Create an API token for yourself through the API',
    )
    .requiredOption('--name <name>', 'what the token is for, e.g. "ci" or "laptop"')
    .addOption(new Option('--scope <scope>', 'what it may do: read, write or admin').choices(TOKEN_SCOPES))
    .option('--expires-in-days <days>', 'days until it expires (default: never)', positiveInt)
    .addOption(jsonOption());
  if (local) {
    create
      .option('--local', 'write the token into the local database even when a server URL is set')
      .option('--user <email>', 'offline only: the person the token acts for (default: the first admin)');
  }
  create.action(
    action(async (options: CreateTokenOptions) => {
      const input = { name: options.name, scope: options.scope, expiresInDays: options.expiresInDays };
      const offline = local && (options.local || !serverNamed(program));
      let created: CreatedToken;
      if (offline) {
        created = await local.createToken({ ...input, scope: input.scope ?? 'write', userEmail: options.user });
      } else {
        if (options.user) throw new CliError('--user works only offline (with --local)');
        created = await api().post<CreatedToken>('/api/v1/tokens', input);
      }
      if (options.json) return printJson(created);
      process.stdout.write(
        `Created API token "${created.name}" (scope ${created.scope}, id ${created.id}).\n` +
          'Store the secret now; it is shown only once:\n\n' +
          `  ${created.secret}\n\n` +
          'Use it with: export FIREBREAK_TOKEN=<secret>\n',
      );
    }),
  );
}

type CreateTokenOptions = {
  name: string;
  scope?: TokenScope;
  expiresInDays?: number;
  json?: boolean;
  local?: boolean;
  user?: string;
};

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of days, at least 1');
  return n;
}
