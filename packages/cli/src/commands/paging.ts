import type { ApiClient, PageDetail, PageView } from '@firebreak/shared';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { listAll, printJson, printTable, shortTime } from '../output.js';
import { action, CliError } from '../remote.js';

type JsonOption = { json?: boolean };
const jsonOption = () => new Option('--json', 'print JSON instead of a table');

const ids = (value: string) => {
  const list = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  if (list.length === 0) throw new InvalidArgumentError('give at least one id');
  return list;
};

function printPage(page: PageDetail): void {
  const who = (ref: { name: string } | null) => (ref ? ` by ${ref.name}` : '');
  const lines = [
    `${page.id}  ${page.status.toUpperCase()}  ${page.urgency} urgency`,
    page.summary,
    page.acknowledgedAt ? `acknowledged ${shortTime(page.acknowledgedAt)}${who(page.acknowledgedBy)}` : null,
    page.resolvedAt ? `resolved ${shortTime(page.resolvedAt)}${who(page.resolvedBy)}` : null,
    ...page.steps.map(
      (s) =>
        `  step ${s.step + 1} ${shortTime(s.startedAt)}  ${s.levelName}: ${s.users.map((u) => u.name).join(', ') || 'nobody'}`,
    ),
  ];
  process.stdout.write(`${lines.filter((l) => l !== null).join('\n')}\n`);
}

/** `firebreak page`, `ack`, `resolve`, `escalate` and `pages list|show`: answering pages from a terminal. */
export function registerPagingCommands(program: Command, api: () => ApiClient): void {
  program
    .command('page')
    .description('Page a service, an escalation policy, a team or people')
    .argument('<summary>', 'one line: what needs attention')
    .option('--service <id>', "through the service's escalation policy")
    .option('--policy <id>', 'through this escalation policy')
    .option('--team <id>', "the team's escalation policy, or every member")
    .option('--user <ids>', 'these people directly (comma-separated ids)', ids)
    .option('--details <text>', 'more context for the notifications', '')
    .option('--low', 'low urgency: waits for working hours')
    .option('--dedup-key <key>', 'join the open page with this key instead of paging again')
    .addOption(jsonOption())
    .action(
      action(
        async (
          summary: string,
          o: JsonOption & {
            service?: string;
            policy?: string;
            team?: string;
            user?: string[];
            details: string;
            low?: boolean;
            dedupKey?: string;
          },
        ) => {
          const targets = [o.service, o.policy, o.team, o.user].filter((t) => t !== undefined);
          if (targets.length !== 1) throw new CliError('name exactly one of --service, --policy, --team or --user');
          const page = await api().post<PageDetail>('/api/v1/pages', {
            summary,
            details: o.details,
            urgency: o.low ? 'low' : 'high',
            serviceId: o.service,
            policyId: o.policy,
            teamId: o.team,
            userIds: o.user,
            dedupKey: o.dedupKey,
          });
          if (o.json) return printJson(page);
          process.stdout.write(`Paged: ${page.id}\n`);
        },
      ),
    );

  const pages = program.command('pages').description('Pages and their escalation history');
  const answer = (parent: Command, name: string, description: string, done: string) =>
    parent
      .command(name)
      .description(description)
      .argument('<pageId>', 'the page (see `pages list`)')
      .addOption(jsonOption())
      .action(
        action(async (pageId: string, o: JsonOption) => {
          const page = await api().post<PageDetail>(`/api/v1/pages/${encodeURIComponent(pageId)}/${name}`);
          if (o.json) return printJson(page);
          process.stdout.write(`${done}: ${page.summary}\n`);
        }),
      );
  const verbs = [
    ['ack', 'Acknowledge a page: stop its escalation', 'Acknowledged'],
    ['resolve', 'Resolve a page: end its escalation run', 'Resolved'],
    ['escalate', 'Escalate a page to the next level now', 'Escalated'],
  ] as const;
  for (const [name, description, done] of verbs) {
    answer(pages, name, description, done);
    // Top-level shortcuts (`firebreak ack <id>`), unless another domain already took the word
    // (`resolve` belongs to incidents; `pages resolve` always works).
    if (!program.commands.some((c) => c.name() === name)) answer(program, name, description, done);
  }
  pages
    .command('list')
    .description('List open pages that reached you (or everyone’s with --all)')
    .option('--all', 'every page, not only yours')
    .option('--status <status>', 'open, triggered, acknowledged or resolved', 'open')
    .addOption(jsonOption())
    .action(
      action(async (o: JsonOption & { all?: boolean; status: string }) => {
        const items = await listAll<PageView>(api(), '/api/v1/pages', {
          scope: o.all ? 'all' : 'mine',
          status: o.status,
        });
        if (o.json) return printJson(items);
        printTable(
          items,
          [
            { header: 'id', value: (p) => p.id },
            { header: 'status', value: (p) => p.status },
            { header: 'urgency', value: (p) => p.urgency },
            { header: 'since', value: (p) => shortTime(p.createdAt) },
            { header: 'summary', value: (p) => p.summary },
          ],
          'No pages.',
        );
      }),
    );
  pages
    .command('show')
    .description('A page with who was notified when')
    .argument('<pageId>')
    .addOption(jsonOption())
    .action(
      action(async (pageId: string, o: JsonOption) => {
        const page = await api().get<PageDetail>(`/api/v1/pages/${encodeURIComponent(pageId)}`);
        if (o.json) return printJson(page);
        printPage(page);
      }),
    );
}
