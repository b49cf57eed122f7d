import { writeFileSync } from 'node:fs';
import type { ActionItem, ApiClient, Page, PostmortemDetail } from '@firebreak/shared';
import { type Command, Option } from 'commander';
import { printJson, printTable, shortTime } from '../output.js';
import { action } from '../remote.js';

const jsonOption = () => new Option('--json', 'print JSON instead of text');
const path = (ref: string, rest = '') => `/api/v1/postmortems/${encodeURIComponent(ref)}${rest}`;

const minutes = (ms: number | null) => (ms == null ? '-' : `${Math.round(ms / 60_000)} min`);

function printPostmortem(pm: PostmortemDetail): void {
  const f = pm.figures;
  const lines = [
    `${pm.incident.number}  ${pm.title}`,
    `  status      ${pm.status}${pm.allowedTransitions.length ? `  (next: ${pm.allowedTransitions.join(', ')})` : ''}${pm.overdue ? '  OVERDUE' : ''}`,
    `  severity    ${pm.incident.severity?.name ?? '-'}    owner ${pm.owner?.name ?? '-'}`,
    `  due         ${shortTime(pm.dueAt) ?? '-'}    review meeting ${shortTime(pm.reviewMeetingAt) ?? '-'}`,
    `  figures     declare ${minutes(f.timeToDeclareMs)}, mitigate ${minutes(f.timeToMitigateMs)}, resolve ${minutes(f.timeToResolveMs)}; updates ${f.updatesPosted}/${f.updatesDue ?? '-'}, longest silence ${minutes(f.longestSilenceMs)}`,
    `  contributors ${pm.contributors.map((c) => c.person.name).join(', ') || '-'}`,
  ];
  lines.push('', '  sections:');
  for (const s of pm.sections)
    lines.push(
      `    ${s.title}${s.body.trim() ? '' : '  (empty)'}${s.openComments ? `  [${s.openComments} comments]` : ''}`,
    );
  if (pm.fiveWhys.length) {
    lines.push('', '  five whys:');
    for (const c of pm.fiveWhys) lines.push(`    ${c.problem} → ${c.systemicCause ?? '?'}`);
  }
  if (pm.actionItems.length) {
    lines.push('', '  action items:');
    for (const a of pm.actionItems)
      lines.push(
        `    [${a.status}] ${a.title} — ${a.owner?.name ?? 'unassigned'}, due ${shortTime(a.dueAt) ?? '-'}${a.overdue ? ' OVERDUE' : ''}`,
      );
  }
  if (pm.blameless.length) {
    lines.push('', '  blameless suggestions:');
    for (const b of pm.blameless) lines.push(`    "${b.phrase}" (${b.section}): ${b.question}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Remote commands of the postmortems domain: `postmortem create|show|export`, `actions list`. */
export function registerPostmortemCommands(program: Command, api: () => ApiClient): void {
  const postmortem = program.command('postmortem').description('Write and read postmortems');
  postmortem
    .command('create')
    .description('Start the postmortem of a resolved incident (pre-filled from it)')
    .argument('<incident>', 'incident number (INC-42) or id')
    .option('--template <id>', 'template id (default: the default template)')
    .option('--owner <userId>', 'owner (default: the incident commander)')
    .option('--title <title>', 'title (default: "Postmortem: <incident title>")')
    .addOption(jsonOption())
    .action(
      action(async (incident: string, o) => {
        const pm = await api().post<PostmortemDetail>('/api/v1/postmortems', {
          incidentId: incident,
          templateId: o.template,
          ownerId: o.owner,
          title: o.title,
        });
        if (o.json) return printJson(pm);
        process.stdout.write(
          `Started the postmortem of ${pm.incident.number} (${pm.id}); owner ${pm.owner?.name ?? '-'}, draft due ${shortTime(pm.dueAt) ?? '-'}.\n`,
        );
      }),
    );
  postmortem
    .command('show')
    .description('Show a postmortem')
    .argument('<ref>', 'postmortem id, or its incident number (INC-42)')
    .addOption(jsonOption())
    .action(
      action(async (ref: string, o) => {
        const pm = await api().get<PostmortemDetail>(path(ref));
        if (o.json) return printJson(pm);
        printPostmortem(pm);
      }),
    );
  postmortem
    .command('export')
    .description('Export as Markdown or standalone HTML')
    .argument('<ref>', 'postmortem id, or its incident number (INC-42)')
    .addOption(new Option('--format <format>', 'document format').choices(['markdown', 'html']).default('markdown'))
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action(
      action(async (ref: string, o) => {
        const doc = await api().get<{ filename: string; content: string }>(path(ref, '/export'), { format: o.format });
        if (o.output) {
          writeFileSync(o.output, doc.content);
          process.stdout.write(`Wrote ${o.output}.\n`);
        } else {
          process.stdout.write(doc.content);
        }
      }),
    );

  const actions = program.command('actions').description('Action items from postmortems');
  actions
    .command('list')
    .description('List action items, newest first')
    .option('--overdue', 'only unfinished items past their due date')
    .option('--mine', 'only items you own')
    .option('--team <id>', 'a team id, or "mine"')
    .addOption(
      new Option('--status <status>', 'status filter').choices([
        'open',
        'in_progress',
        'blocked',
        'done',
        'wont_do',
        'unfinished',
      ]),
    )
    .option('--limit <n>', 'how many', (v) => Number.parseInt(v, 10), 100)
    .addOption(jsonOption())
    .action(
      action(async (o) => {
        const page = await api().get<Page<ActionItem>>('/api/v1/action-items', {
          overdue: o.overdue ? 'true' : undefined,
          owner: o.mine ? 'me' : undefined,
          team: o.team,
          status: o.status,
          limit: o.limit,
        });
        if (o.json) return printJson(page);
        printTable(
          page.items,
          [
            { header: 'incident', value: (a) => a.incident.number },
            { header: 'status', value: (a) => `${a.status}${a.overdue ? ' (overdue)' : ''}` },
            { header: 'priority', value: (a) => a.priority },
            { header: 'owner', value: (a) => a.owner?.name },
            { header: 'due', value: (a) => shortTime(a.dueAt) },
            { header: 'title', value: (a) => a.title },
          ],
          o.overdue ? 'No overdue action items.' : 'No action items.',
        );
      }),
    );
}
