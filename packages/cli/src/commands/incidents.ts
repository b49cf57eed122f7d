import {
  type ApiClient,
  type Decision,
  type DeclaredIncident,
  INCIDENT_SOURCES,
  INCIDENT_STATUSES,
  type IncidentDetail,
  type IncidentSummary,
  type Page,
  type StatusUpdate,
  type TimelineEntry,
} from '@firebreak/shared';
import { Argument, type Command, InvalidArgumentError, Option } from 'commander';
import { printJson, printTable, shortTime } from '../output.js';
import { action } from '../remote.js';

const jsonOption = () => new Option('--json', 'print JSON instead of text');
const path = (ref: string, rest = '') => `/api/v1/incidents/${encodeURIComponent(ref)}${rest}`;
const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `--next 30` (minutes from now) or an ISO time. */
function nextUpdateTime(value: string): string {
  if (/^\d+$/.test(value)) return new Date(Date.now() + Number(value) * 60_000).toISOString();
  if (Number.isNaN(Date.parse(value)))
    throw new InvalidArgumentError('give minutes from now (e.g. 30) or an ISO-8601 time');
  return new Date(value).toISOString();
}

/** `--option "Roll back: fast, loses the feature"` → { name, tradeoffs }. */
function decisionOption(value: string, previous: { name: string; tradeoffs: string }[] = []) {
  const at = value.indexOf(':');
  const option =
    at < 0
      ? { name: value.trim(), tradeoffs: '' }
      : { name: value.slice(0, at).trim(), tradeoffs: value.slice(at + 1).trim() };
  if (!option.name)
    throw new InvalidArgumentError('an option needs a name, e.g. "Roll back: restores service, loses the feature"');
  return [...previous, option];
}

function printIncident(i: IncidentDetail): void {
  const lines = [
    `${i.number}  ${i.title}${i.private ? '  [private]' : ''}`,
    `  status     ${i.status}${i.allowedTransitions.length ? `  (next: ${i.allowedTransitions.join(', ')})` : ''}`,
    `  severity   ${i.severity?.name ?? '-'}`,
    `  commander  ${i.commander?.name ?? '-'}    comms lead ${i.communicationsLead?.name ?? '-'}`,
    `  services   ${i.services.map((s) => s.name).join(', ') || '-'}`,
    `  channel    ${i.channelName ?? '-'}`,
    `  declared   ${shortTime(i.declaredAt) ?? '-'}    resolved ${shortTime(i.resolvedAt) ?? '-'}`,
    `  next update ${shortTime(i.nextUpdateDueAt) ?? '-'}${i.updateOverdue ? '  OVERDUE' : ''}`,
  ];
  if (i.summary) lines.push('', `  ${i.summary}`);
  if (i.roles.length) {
    lines.push('', '  roles:');
    for (const r of i.roles) lines.push(`    ${r.role.padEnd(20)} ${r.person.name}${r.implicit ? ' (commander)' : ''}`);
  }
  if (i.timeline.items.length) {
    lines.push('', '  timeline (newest first):');
    for (const e of i.timeline.items)
      lines.push(`    ${shortTime(e.happenedAt)}  ${e.actor?.name ?? 'Firebreak'}: ${e.text}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

const done = (i: IncidentDetail, what: string): void => {
  process.stdout.write(`${i.number}: ${what}\n`);
};

/** Remote commands of the incidents domain: declare, list, show, note, update, assign, severity, status, resolve, decide, triage. */
export function registerIncidentCommands(program: Command, api: () => ApiClient): void {
  program
    .command('declare')
    .description('Declare an incident (you become its commander)')
    .argument('<title>', 'what is wrong, in a few words')
    .requiredOption('-s, --severity <key>', 'severity key, e.g. sev2')
    .option('--summary <text>', 'what we know so far')
    .option('--impact <text>', 'who and what is affected')
    .option('--users-affected <n>', 'rough count of affected users', (v) => Number.parseInt(v, 10))
    .option('--service <id-or-slug>', 'affected service (repeatable)', collect)
    .addOption(new Option('--source <source>', 'where it came from').choices(INCIDENT_SOURCES).default('internal'))
    .option('--private', 'visible only to participants and admins')
    .option('--commander <userId>', 'someone else to command it')
    .addOption(jsonOption())
    .action(
      action(async (title: string, o) => {
        const result = await api().post<DeclaredIncident>('/api/v1/incidents', {
          title,
          severity: o.severity,
          summary: o.summary,
          impact: o.impact,
          usersAffected: o.usersAffected,
          serviceIds: o.service,
          source: o.source,
          private: Boolean(o.private),
          commanderId: o.commander,
        });
        if (o.json) return printJson(result);
        const i = result.incident;
        process.stdout.write(`Declared ${i.number} (${i.severity?.name}) — channel #${i.channelName}\n`);
        if (result.similar.length) {
          process.stdout.write('Similar past incidents:\n');
          for (const s of result.similar) process.stdout.write(`  ${s.number}  ${s.title}  (${s.status})\n`);
        }
      }),
    );

  const incidents = program.command('incidents').description('List and show incidents');
  incidents
    .command('list')
    .description('List incidents, newest first')
    .option('--status <list>', `comma-separated: ${INCIDENT_STATUSES.join(', ')}`)
    .option('--severity <list>', 'comma-separated severity keys')
    .option('--service <id-or-slug>', 'affected service')
    .option('--team <id>', 'team a report was routed to, or "mine"')
    .option('--mine', 'only incidents you are involved in')
    .option('--text <words>', 'full-text search')
    .option('--limit <n>', 'how many', (v) => Number.parseInt(v, 10), 50)
    .addOption(jsonOption())
    .action(
      action(async (o) => {
        const page = await api().get<Page<IncidentSummary>>('/api/v1/incidents', {
          status: o.status,
          severity: o.severity,
          service: o.service,
          team: o.team,
          mine: o.mine ? 'true' : undefined,
          text: o.text,
          limit: o.limit,
        });
        if (o.json) return printJson(page);
        printTable(
          page.items,
          [
            { header: 'number', value: (i) => i.number },
            { header: 'sev', value: (i) => i.severity?.name },
            { header: 'status', value: (i) => `${i.status}${i.updateOverdue ? ' (update overdue)' : ''}` },
            { header: 'commander', value: (i) => i.commander?.name },
            { header: 'declared', value: (i) => shortTime(i.declaredAt ?? i.createdAt) },
            { header: 'title', value: (i) => `${i.title}${i.private ? ' [private]' : ''}` },
          ],
          'No incidents.',
        );
      }),
    );
  incidents
    .command('show')
    .description('Show an incident with its roles and latest timeline')
    .argument('<incident>', 'number (INC-42) or id')
    .addOption(jsonOption())
    .action(
      action(async (ref: string, o) => {
        const incident = await api().get<IncidentDetail>(path(ref));
        if (o.json) return printJson(incident);
        printIncident(incident);
      }),
    );

  program
    .command('note')
    .description('Add a note to the timeline')
    .argument('<incident>', 'number (INC-42) or id')
    .argument('<text>', 'the note')
    .option('--at <time>', 'when it happened (ISO-8601), for things noted after the fact')
    .addOption(jsonOption())
    .action(
      action(async (ref: string, text: string, o) => {
        const entry = await api().post<TimelineEntry>(path(ref, '/notes'), { text, happenedAt: o.at });
        if (o.json) return printJson(entry);
        process.stdout.write(`Noted at ${shortTime(entry.happenedAt)}.\n`);
      }),
    );

  program
    .command('update')
    .description('Post a status update (time, current status, impact, next update)')
    .argument('<incident>', 'number (INC-42) or id')
    .argument('<current-status>', 'what is happening now')
    .option('--impact <text>', 'scope and users affected')
    .option('--next <minutes-or-time>', 'when the next update comes (default: the severity cadence)', nextUpdateTime)
    .addOption(
      new Option('--audience <audience>', 'who it is for').choices(['stakeholders', 'public']).default('stakeholders'),
    )
    .addOption(jsonOption())
    .action(
      action(async (ref: string, currentStatus: string, o) => {
        const update = await api().post<StatusUpdate>(path(ref, '/updates'), {
          currentStatus,
          impact: o.impact,
          nextUpdateAt: o.next,
          audience: o.audience,
        });
        if (o.json) return printJson(update);
        process.stdout.write(
          `Update posted; next one due ${shortTime(update.nextUpdateAt) ?? 'when there is news'}.\n`,
        );
      }),
    );

  program
    .command('assign')
    .description(
      'Assign or hand over a role (commander, communications_lead, resolution_lead, deputy, scribe, investigator, …)',
    )
    .argument('<incident>', 'number (INC-42) or id')
    .argument('<role>', 'role key')
    .argument('<userId>', 'the person')
    .action(
      action(async (ref: string, role: string, userId: string) => {
        const incident = await api().post<IncidentDetail>(path(ref, '/roles'), { role, userId });
        const holder = incident.roles.find((r) => r.role === role && r.person.id === userId);
        done(incident, `${holder?.person.name ?? userId} is ${role}`);
      }),
    );

  program
    .command('severity')
    .description('Change the severity, with a reason')
    .argument('<incident>', 'number (INC-42) or id')
    .argument('<severity>', 'severity key, e.g. sev1')
    .requiredOption('-r, --reason <text>', 'why')
    .action(
      action(async (ref: string, severity: string, o) => {
        const incident = await api().post<IncidentDetail>(path(ref, '/severity'), { severity, reason: o.reason });
        done(incident, `now ${incident.severity?.name}`);
      }),
    );

  const setStatus = async (ref: string, status: string, reason?: string) => {
    const incident = await api().post<IncidentDetail>(path(ref, '/status'), { status, reason });
    done(incident, `now ${incident.status}`);
  };
  program
    .command('status')
    .description('Move an incident to another status')
    .argument('<incident>', 'number (INC-42) or id')
    .addArgument(new Argument('<status>', 'the new status').choices(INCIDENT_STATUSES))
    .option('-r, --reason <text>', 'why')
    .action(action(async (ref: string, status: string, o) => setStatus(ref, status, o.reason)));
  program
    .command('resolve')
    .description('Resolve an incident')
    .argument('<incident>', 'number (INC-42) or id')
    .option('-r, --reason <text>', 'what fixed it')
    .action(action(async (ref: string, o) => setStatus(ref, 'resolved', o.reason)));

  program
    .command('decide')
    .description('Record a decision with its options and trade-offs')
    .argument('<incident>', 'number (INC-42) or id')
    .requiredOption('-q, --question <text>', 'what had to be decided')
    .requiredOption('-o, --option <"name: trade-offs">', 'an option considered (repeatable)', decisionOption)
    .requiredOption('-c, --choice <name>', 'the option chosen')
    .option('--rationale <text>', 'why')
    .option('--decided-by <userId>', 'who decided (default: you)')
    .addOption(jsonOption())
    .action(
      action(async (ref: string, o) => {
        const decision = await api().post<Decision>(path(ref, '/decisions'), {
          question: o.question,
          options: o.option,
          choice: o.choice,
          rationale: o.rationale,
          decidedBy: o.decidedBy,
        });
        if (o.json) return printJson(decision);
        process.stdout.write(`Decided: ${decision.question} → ${decision.choice}\n`);
      }),
    );

  const triage = program.command('triage').description('Work the triage queue');
  triage
    .command('accept')
    .description('Accept a report as an incident')
    .argument('<incident>', 'number (INC-42) or id')
    .requiredOption('-s, --severity <key>', 'severity key')
    .option('--commander <userId>', 'commander (default: you)')
    .action(
      action(async (ref: string, o) => {
        const incident = await api().post<IncidentDetail>(path(ref, '/triage/accept'), {
          severity: o.severity,
          commanderId: o.commander,
        });
        done(incident, `accepted as ${incident.severity?.name} — channel #${incident.channelName}`);
      }),
    );
  triage
    .command('decline')
    .description('Decline a report')
    .argument('<incident>', 'number (INC-42) or id')
    .requiredOption('-r, --reason <text>', 'why it is not an incident')
    .action(
      action(async (ref: string, o) =>
        done(await api().post<IncidentDetail>(path(ref, '/triage/decline'), { reason: o.reason }), 'declined'),
      ),
    );
  triage
    .command('merge')
    .description('Merge a report into an open incident')
    .argument('<incident>', 'number (INC-42) or id of the report')
    .argument('<into>', 'number or id of the open incident')
    .option('-r, --reason <text>', 'why')
    .action(
      action(async (ref: string, into: string, o) => {
        const incident = await api().post<IncidentDetail>(path(ref, '/triage/merge'), { into, reason: o.reason });
        done(incident, `merged into ${incident.mergedInto?.number}`);
      }),
    );
}
