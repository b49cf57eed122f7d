import type { AutoIncidentRule, IntegrationKind, WebhookMapping } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { invalidField } from '../../../core/errors.js';

const GROUP_FIELDS = new Set(['source', 'component', 'group', 'class', 'severity']);

type Settings = {
  mapping?: WebhookMapping | null | undefined;
  heartbeatMinutes?: number | null | undefined;
  groupBy?: string[] | undefined;
  autoIncident?: AutoIncidentRule | null | undefined;
};

/** Checks that settings fit the integration's kind and refer to things that exist. */
export async function checkSettings(ctx: AppContext, kind: IntegrationKind, s: Settings): Promise<void> {
  if (kind === 'webhook' && s.mapping === null) {
    throw invalidField('mapping', 'a webhook integration needs a mapping (at least dedupKey and summary paths)');
  }
  if (kind !== 'webhook' && s.mapping) throw invalidField('mapping', 'only webhook integrations use a mapping');
  if (kind === 'heartbeat' && s.heartbeatMinutes === null) {
    throw invalidField('heartbeatMinutes', 'a heartbeat integration needs the minutes between pings');
  }
  if (kind !== 'heartbeat' && s.heartbeatMinutes) {
    throw invalidField('heartbeatMinutes', 'only heartbeat integrations expect pings');
  }
  for (const field of s.groupBy ?? []) {
    if (!GROUP_FIELDS.has(field) && !/^labels\.[^.]+$/.test(field)) {
      throw invalidField(
        'groupBy',
        `"${field}" is not a field to group by; use source, component, group, class, severity or labels.<name>`,
      );
    }
  }
  if (s.autoIncident) {
    const severity = await ctx.db
      .selectFrom('severities')
      .select('key')
      .where('key', '=', s.autoIncident.incidentSeverity)
      .executeTakeFirst();
    if (!severity)
      throw invalidField('autoIncident.incidentSeverity', `no incident severity "${s.autoIncident.incidentSeverity}"`);
    if (s.autoIncident.commanderId) {
      const user = await ctx.db
        .selectFrom('users')
        .select('id')
        .where('id', '=', s.autoIncident.commanderId)
        .where('deactivated_at', 'is', null)
        .executeTakeFirst();
      if (!user)
        throw invalidField('autoIncident.commanderId', `no active person with id "${s.autoIncident.commanderId}"`);
    }
  }
}
