import type {
  ApiClient,
  OnCallAnswer,
  OverrideCreated,
  Schedule,
  Service,
  ShiftsAnswer,
  Team,
  User,
} from '@firebreak/shared';
import { type Command, Option } from 'commander';
import { listAll, printJson, printTable, shortTime } from '../output.js';
import { action, CliError } from '../remote.js';

type JsonOption = { json?: boolean };
const jsonOption = () => new Option('--json', 'print JSON instead of a table');

/** An ISO time from what a person typed ("now", "2026-03-29T09:00+02:00", "2026-03-29"); undefined stays undefined. */
export function parseTime(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (value === 'now') return new Date().toISOString();
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new CliError(`${flag}: "${value}" is not a time; use ISO-8601, e.g. 2026-03-29T09:00:00Z`);
  return new Date(ms).toISOString();
}

/** Finds a thing by id, name or slug among a list. */
function pick<T extends { id: string; name: string; slug?: string }>(items: T[], key: string, what: string): T {
  const lower = key.toLowerCase();
  const found = items.find((i) => i.id === key || i.name.toLowerCase() === lower || i.slug === lower);
  if (!found) throw new CliError(`no ${what} named "${key}"`);
  return found;
}

async function userId(api: ApiClient, key: string): Promise<string> {
  if (!key.includes('@')) return key;
  const users = await listAll<User>(api, '/api/v1/users');
  const found = users.find((u) => u.email.toLowerCase() === key.toLowerCase());
  if (!found) throw new CliError(`no person with email ${key}`);
  return found.id;
}

/** `firebreak oncall`, `firebreak schedule show` and `firebreak override add`. */
export function registerOncallCommands(program: Command, api: () => ApiClient): void {
  program
    .command('oncall')
    .description('Who is on call now (or at --at), for a service, a team, or every schedule')
    .option('--service <service>', 'service name, slug or id: who its escalation policy pages')
    .option('--team <team>', "team name, slug or id: who is on call in the team's schedules")
    .option('--schedule <id>', 'schedule id')
    .option('--at <time>', 'ISO-8601 time (default now)')
    .addOption(jsonOption())
    .action(
      action(async (options: { service?: string; team?: string; schedule?: string; at?: string } & JsonOption) => {
        if (options.service && options.team) throw new CliError('give --service or --team, not both');
        const client = api();
        const query: Record<string, string | undefined> = {
          at: parseTime(options.at, '--at'),
          schedule: options.schedule,
        };
        if (options.service)
          query.service = pick(await listAll<Service>(client, '/api/v1/services'), options.service, 'service').id;
        if (options.team) query.team = pick(await listAll<Team>(client, '/api/v1/teams'), options.team, 'team').id;
        const answer = await client.get<OnCallAnswer>('/api/v1/oncall', query);
        if (options.json) return printJson(answer);
        printTable(
          answer.items,
          [
            { header: 'level', value: (i) => (i.level === null ? null : String(i.level + 1)) },
            { header: 'who', value: (i) => i.user.name },
            { header: 'schedule', value: (i) => i.schedule?.name },
            { header: 'until', value: (i) => shortTime(i.end) },
            { header: 'override', value: (i) => (i.overrideId ? 'yes' : null) },
          ],
          `Nobody is on call at ${shortTime(answer.at)}.`,
        );
      }),
    );

  const schedule = program.command('schedule').description('On-call schedules');
  schedule
    .command('show <id>')
    .description('Who is on call in a schedule over a range (default: the next 14 days)')
    .option('--from <time>', 'range start, ISO-8601 (default now)')
    .option('--to <time>', 'range end, ISO-8601 (default 14 days after --from)')
    .option('--layers', "also print each layer's own shifts")
    .addOption(jsonOption())
    .action(
      action(async (id: string, options: { from?: string; to?: string; layers?: boolean } & JsonOption) => {
        const client = api();
        const [info, shifts] = await Promise.all([
          client.get<Schedule>(`/api/v1/schedules/${encodeURIComponent(id)}`),
          client.get<ShiftsAnswer>(`/api/v1/schedules/${encodeURIComponent(id)}/shifts`, {
            from: parseTime(options.from, '--from'),
            to: parseTime(options.to, '--to'),
            layers: options.layers ? 'true' : undefined,
          }),
        ]);
        if (options.json) return printJson(shifts);
        process.stdout.write(`${info.name} (${info.timeZone}), ${shortTime(shifts.from)} → ${shortTime(shifts.to)}\n`);
        const columns = [
          { header: 'from', value: (s: ShiftsAnswer['final'][number]) => shortTime(s.start) },
          { header: 'to', value: (s: ShiftsAnswer['final'][number]) => shortTime(s.end) },
          { header: 'who', value: (s: ShiftsAnswer['final'][number]) => s.user.name },
          {
            header: 'source',
            value: (s: ShiftsAnswer['final'][number]) => (s.overrideId ? 'override' : layerName(info, s.layerId)),
          },
        ];
        printTable(shifts.final, columns, 'Nobody is on call in this range.');
        for (const layer of shifts.layers ?? []) {
          process.stdout.write(`\nLayer ${layer.name} (position ${layer.position})\n`);
          printTable(layer.shifts, columns.slice(0, 3), 'No shifts in this range.');
        }
      }),
    );

  const override = program.command('override').description('Schedule overrides');
  override
    .command('add <scheduleId>')
    .description('One person covers a range, for someone (--for) or for whoever is on call')
    .requiredOption('--user <user>', 'who will be on call: id or email')
    .option('--for <user>', 'whose shifts to cover: id or email (default: whoever is on call)')
    .requiredOption('--from <time>', 'start, ISO-8601')
    .requiredOption('--to <time>', 'end, ISO-8601')
    .option('--reason <text>', 'why', '')
    .addOption(jsonOption())
    .action(
      action(
        async (
          scheduleId: string,
          options: { user: string; for?: string; from: string; to: string; reason: string } & JsonOption,
        ) => {
          const client = api();
          const created = await client.post<OverrideCreated>(
            `/api/v1/schedules/${encodeURIComponent(scheduleId)}/overrides`,
            {
              userId: await userId(client, options.user),
              replacedUserId: options.for ? await userId(client, options.for) : null,
              start: parseTime(options.from, '--from'),
              end: parseTime(options.to, '--to'),
              reason: options.reason,
            },
          );
          if (options.json) return printJson(created);
          const o = created.override;
          const covering = o.replacedUser ? ` for ${o.replacedUser.name}` : '';
          process.stdout.write(
            `Override ${o.id}: ${o.user.name}${covering}, ${shortTime(o.start)} → ${shortTime(o.end)}\n`,
          );
          for (const r of created.replaced) {
            process.stdout.write(
              `  wins over override ${r.id} (${r.user.name}, ${shortTime(r.start)} → ${shortTime(r.end)})\n`,
            );
          }
        },
      ),
    );
}

function layerName(schedule: Schedule, layerId: string | null): string | null {
  return schedule.layers.find((l) => l.id === layerId)?.name ?? layerId;
}
