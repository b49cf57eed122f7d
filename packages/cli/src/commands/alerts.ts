import {
  ALERT_SEVERITIES,
  type Alert,
  type AlertGroup,
  type ApiClient,
  ApiError,
  type BulkResult,
  createClient,
  type Page,
} from '@firebreak/shared';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { printJson, printTable, shortTime } from '../output.js';
import { action, CliError, serverUrl } from '../remote.js';

type JsonOption = { json?: boolean };
const jsonOption = () => new Option('--json', 'print JSON instead of a table');

const limit = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 500) throw new InvalidArgumentError('give a number from 1 to 500');
  return n;
};

const details = (value: string) => {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new InvalidArgumentError('give the details as JSON, e.g. \'{"disk": "95%"}\'');
  }
};

/**
 * `firebreak alerts list|ack|resolve|send`: the alerts (and alert groups) of monitoring tools, from a
 * terminal; `send` posts a PagerDuty-format event to /v2/enqueue with a routing key, like any tool would.
 */
export function registerAlertCommands(program: Command, api: () => ApiClient): void {
  const alerts = program.command('alerts').description('Alerts from monitoring tools, their groups, and test events');

  alerts
    .command('list')
    .description('List alerts (or alert groups with --groups), newest first')
    .option('--status <status>', 'open, triggered, acknowledged or resolved', 'open')
    .option('--service <id>', 'only this service')
    .option('--groups', 'list alert groups (what pages) instead of alerts')
    .option('--limit <n>', 'at most this many (1–500)', limit, 50)
    .addOption(jsonOption())
    .action(
      action(async (o: JsonOption & { status: string; service?: string; groups?: boolean; limit: number }) => {
        const query = { status: o.status, serviceId: o.service, limit: o.limit };
        if (o.groups) {
          const page = await api().get<Page<AlertGroup>>('/api/v1/alert-groups', query);
          if (o.json) return printJson(page.items);
          return printTable(
            page.items,
            [
              { header: 'id', value: (g) => g.id },
              { header: 'status', value: (g) => g.status },
              { header: 'severity', value: (g) => g.severity },
              { header: 'alerts', value: (g) => `${g.openCount}/${g.alertCount}` },
              { header: 'paging', value: (g) => g.notifyState },
              { header: 'since', value: (g) => shortTime(g.firstAlertAt) },
              { header: 'title', value: (g) => g.title },
            ],
            'No alert groups.',
          );
        }
        const page = await api().get<Page<Alert>>('/api/v1/alerts', query);
        if (o.json) return printJson(page.items);
        printTable(
          page.items,
          [
            { header: 'id', value: (a) => a.id },
            { header: 'status', value: (a) => `${a.status}${a.flapping ? ' (flapping)' : ''}` },
            { header: 'severity', value: (a) => a.severity },
            { header: 'events', value: (a) => String(a.eventCount) },
            { header: 'since', value: (a) => shortTime(a.createdAt) },
            { header: 'summary', value: (a) => a.summary },
          ],
          'No alerts.',
        );
      }),
    );

  const change = (name: 'ack' | 'resolve', description: string, done: string) =>
    alerts
      .command(name)
      .description(description)
      .argument('<ids...>', 'alert ids (or alert group ids with --group)')
      .option('--group', 'the ids are alert groups: act on each group and all its alerts')
      .addOption(jsonOption())
      .action(
        action(async (ids: string[], o: JsonOption & { group?: boolean }) => {
          const path = o.group ? `/api/v1/alert-groups/${name}` : `/api/v1/alerts/${name}`;
          const result = await api().post<BulkResult>(path, { ids });
          if (o.json) return printJson(result);
          const what = o.group ? 'group' : 'alert';
          const lines = [`${done} ${result.changed.length} ${what}${result.changed.length === 1 ? '' : 's'}.`];
          if (result.unchanged.length) lines.push(`Already so: ${result.unchanged.join(', ')}`);
          process.stdout.write(`${lines.join('\n')}\n`);
        }),
      );
  change('ack', 'Acknowledge alerts (their groups and pages follow)', 'Acknowledged');
  change('resolve', 'Resolve alerts (a group resolves with its last open alert)', 'Resolved');

  alerts
    .command('send')
    .description('Send a PagerDuty Events API v2 event to /v2/enqueue, as a monitoring tool would')
    .requiredOption('--routing-key <key>', 'the integration’s routing key (32 characters)')
    .option('--action <action>', 'trigger, acknowledge or resolve', 'trigger')
    .option('--summary <text>', 'one line: what is wrong (required for trigger)')
    .option('--source <host>', 'the affected system', 'firebreak-cli')
    .addOption(new Option('--severity <severity>', 'how bad').choices(ALERT_SEVERITIES).default('error'))
    .option('--dedup-key <key>', 'the alert this event is about (required for acknowledge and resolve)')
    .option('--details <json>', 'custom details as JSON', details)
    .addOption(jsonOption())
    .action(
      action(
        async (
          o: JsonOption & {
            routingKey: string;
            action: string;
            summary?: string;
            source: string;
            severity: string;
            dedupKey?: string;
            details?: unknown;
          },
        ) => {
          if (o.action === 'trigger' && !o.summary) throw new CliError('a trigger needs --summary');
          const event = {
            routing_key: o.routingKey,
            event_action: o.action,
            ...(o.dedupKey ? { dedup_key: o.dedupKey } : {}),
            ...(o.action === 'trigger'
              ? {
                  payload: {
                    summary: o.summary,
                    source: o.source,
                    severity: o.severity,
                    timestamp: new Date().toISOString(),
                    ...(o.details === undefined ? {} : { custom_details: o.details }),
                  },
                }
              : {}),
            client: 'firebreak CLI',
          };
          // The events endpoint needs no API token: the routing key is the credential.
          const client = createClient({ baseUrl: serverUrl(program) });
          let answer: { status: string; message: string; dedup_key: string };
          try {
            answer = await client.post('/v2/enqueue', event);
          } catch (err) {
            throw err instanceof ApiError ? new CliError(describeRefusal(err)) : err;
          }
          if (o.json) return printJson(answer);
          process.stdout.write(`${answer.message} (dedup key ${answer.dedup_key})\n`);
        },
      ),
    );
}

// /v2/enqueue answers in PagerDuty's shape, not problem+json: show its list of errors.
function describeRefusal(err: ApiError): string {
  try {
    const body = JSON.parse(err.problem.detail ?? '') as { message?: string; errors?: string[] };
    if (body.errors?.length) return `${body.message ?? 'refused'}: ${body.errors.join('; ')}`;
    if (body.message) return body.message;
  } catch {
    // not JSON: fall through
  }
  return `the server answered ${err.status}: ${err.problem.detail ?? err.problem.title}`;
}
