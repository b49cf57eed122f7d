import { formatIncidentNumber } from '@firebreak/shared';
import type { AppContext } from '../../core/context.js';
import { AppError, badRequest } from '../../core/errors.js';
import { assignRole } from '../incidents/commands/assign-role.js';
import { changeSeverity } from '../incidents/commands/change-severity.js';
import { changeStatus } from '../incidents/commands/change-status.js';
import { declareIncident } from '../incidents/commands/declare-incident.js';
import { postStatusUpdate } from '../incidents/commands/post-status-update.js';
import { addNote } from '../incidents/commands/timeline.js';
import type { Viewer } from '../incidents/incidents.policy.js';
import { getVisibleIncident } from '../incidents/incidents.service.js';
import { type LinkedPerson, linkedPerson, NOT_LINKED } from './actors.js';
import { JOB, type WorkspaceRow } from './chat.model.js';
import { startUserLink } from './commands/link-user.js';
import { listServiceOptions, listSeverities } from './incident-reads.js';
import { findLinkByChatName } from './links.repo.js';
import { declareModal, statusUpdateModal } from './modals.js';
import { enqueueChatJob } from './outbox.js';
import { findWarRoomByChannel } from './war-rooms.repo.js';

// `/inc <verb> …`, from Slack or Mattermost (same form fields). Every answer is an ephemeral
// message to the person who typed it; what the channel should see arrives through the war-room
// sync, once the change has committed.

export type SlashForm = {
  teamId: string;
  channelId: string;
  userId: string;
  userName: string;
  text: string;
  triggerId: string | undefined;
};

export type SlashReply = { response_type: 'ephemeral' | 'in_channel'; text: string } | null;

const ephemeral = (text: string): SlashReply => ({ response_type: 'ephemeral', text });

export const HELP = [
  '*Firebreak* — `/inc <command>`. In an incident channel the incident is implied; elsewhere start with its number, e.g. `/inc INC-42 status monitoring`.',
  '• `/inc declare` — open the declare form (or `/inc declare sev2 Checkout is down`)',
  '• `/inc update` — post a status update (form; or `/inc update <current status>`)',
  '• `/inc role @person commander|comms|resolution|deputy|scribe|investigator` — assign a role',
  '• `/inc severity sev1 <why>` — change the severity',
  '• `/inc status investigating|identified|monitoring|resolved [why]` — move the incident on',
  '• `/inc note <text>` — add a note to the timeline',
  '• `/inc resolve [why]` — resolve the incident',
  '• `/inc link` — link your chat account to Firebreak',
  '• `/inc help` — this help',
].join('\n');

const ROLE_ALIASES: Record<string, string> = {
  ic: 'commander',
  commander: 'commander',
  comms: 'communications_lead',
  communications: 'communications_lead',
  communications_lead: 'communications_lead',
  resolution: 'resolution_lead',
  resolution_lead: 'resolution_lead',
  deputy: 'deputy',
  scribe: 'scribe',
  investigator: 'investigator',
};

export async function runSlashCommand(ctx: AppContext, workspace: WorkspaceRow, form: SlashForm): Promise<SlashReply> {
  const words = form.text.trim().split(/\s+/).filter(Boolean);
  const verb = (words.shift() ?? 'help').toLowerCase();
  if (verb === 'help') return ephemeral(HELP);
  if (verb === 'link') {
    const { url } = await startUserLink(ctx, workspace, { id: form.userId, name: form.userName });
    return ephemeral(
      `Open this link while signed in to Firebreak to link your chat account (works once, for 15 minutes):\n${url}`,
    );
  }
  const person = await linkedPerson(ctx, workspace.id, form.userId);
  if (!person) return ephemeral(NOT_LINKED);
  try {
    return await dispatch(ctx, workspace, form, person, verb, words);
  } catch (err) {
    if (err instanceof AppError) return ephemeral(`:warning: ${err.message}`);
    throw err;
  }
}

/** The incident a command is about: a leading `INC-42`, else the war room it was typed in. */
async function incidentOf(
  ctx: AppContext,
  workspace: WorkspaceRow,
  channelId: string,
  words: string[],
): Promise<string> {
  if (/^inc-\d+$/i.test(words[0] ?? '')) return words.shift()!.toUpperCase();
  const room = await findWarRoomByChannel(ctx.db, workspace.id, channelId);
  if (room) return room.incident_id;
  throw badRequest(
    'incident_required',
    'This is not an incident channel: name the incident first, e.g. `/inc INC-42 note …`.',
  );
}

async function dispatch(
  ctx: AppContext,
  workspace: WorkspaceRow,
  form: SlashForm,
  person: LinkedPerson,
  verb: string,
  words: string[],
): Promise<SlashReply> {
  const by = person.viewer;
  const rest = () => words.join(' ');
  // `/inc INC-42 status …`: the number may come before the verb too.
  if (/^inc-\d+$/i.test(verb) && words.length > 0) {
    const next = words.shift()!.toLowerCase();
    return dispatch(ctx, workspace, form, person, next, [verb, ...words]);
  }
  switch (verb) {
    case 'declare': {
      if (words.length === 0) {
        if (!form.triggerId || workspace.provider !== 'slack') {
          return ephemeral('Usage: `/inc declare <severity> <title>`, e.g. `/inc declare sev2 Checkout is down`.');
        }
        const view = declareModal(await listSeverities(ctx.db), await listServiceOptions(ctx.db));
        await openView(ctx, workspace, form.triggerId, view);
        return null;
      }
      const [severity = '', ...title] = words;
      const declared = await declareIncident(ctx, by, { title: title.join(' '), severity });
      const channel = declared.incident.channelName
        ? ` Its war room #${declared.incident.channelName} opens shortly.`
        : '';
      return ephemeral(`Declared ${declared.incident.number}: ${declared.incident.title}.${channel}`);
    }
    case 'update': {
      const incidentId = await incidentOf(ctx, workspace, form.channelId, words);
      if (words.length === 0) {
        if (!form.triggerId || workspace.provider !== 'slack')
          return ephemeral('Usage: `/inc update <current status>`.');
        const view = await updateView(ctx, by, incidentId);
        await openView(ctx, workspace, form.triggerId, view);
        return null;
      }
      await postStatusUpdate(ctx, by, incidentId, { currentStatus: rest() });
      return ephemeral('Status update posted.');
    }
    case 'role': {
      const incidentId = await incidentOf(ctx, workspace, form.channelId, words);
      const [who = '', roleWord = ''] = words;
      const role = ROLE_ALIASES[roleWord.toLowerCase()] ?? roleWord.toLowerCase();
      if (!who || !role)
        return ephemeral('Usage: `/inc role @person commander|comms|resolution|deputy|scribe|investigator`.');
      const target = await personFromMention(ctx, workspace, who);
      if (!target) return ephemeral(`${who} has not linked a Firebreak account yet; they can run \`/inc link\`.`);
      await assignRole(ctx, by, incidentId, { role, userId: target.viewer.userId });
      return ephemeral(`${target.viewer.name} is now ${role.replace(/_/g, ' ')}.`);
    }
    case 'severity': {
      const incidentId = await incidentOf(ctx, workspace, form.channelId, words);
      const [severity = '', ...reason] = words;
      if (!severity || reason.length === 0) return ephemeral('Usage: `/inc severity <sev1…> <why it changes>`.');
      await changeSeverity(ctx, by, incidentId, { severity, reason: reason.join(' ') });
      return ephemeral(`Severity changed to ${severity}.`);
    }
    case 'status': {
      const incidentId = await incidentOf(ctx, workspace, form.channelId, words);
      const [status = '', ...reason] = words;
      if (!status) return ephemeral('Usage: `/inc status investigating|identified|monitoring|resolved [why]`.');
      await changeStatus(ctx, by, incidentId, {
        status: status.toLowerCase() as never,
        ...(reason.length ? { reason: reason.join(' ') } : {}),
      });
      return ephemeral(`Status changed to ${status.toLowerCase()}.`);
    }
    case 'resolve': {
      const incidentId = await incidentOf(ctx, workspace, form.channelId, words);
      await changeStatus(ctx, by, incidentId, { status: 'resolved', ...(words.length ? { reason: rest() } : {}) });
      return ephemeral('Resolved. Thank you all.');
    }
    case 'note': {
      const incidentId = await incidentOf(ctx, workspace, form.channelId, words);
      if (words.length === 0) return ephemeral('Usage: `/inc note <text>`.');
      await addNote(ctx, by, incidentId, { text: rest() });
      return ephemeral('Noted on the timeline.');
    }
    default:
      return ephemeral(`I do not know \`${verb}\`.\n${HELP}`);
  }
}

/** `<@U123|name>` (Slack, escaped), `@name` (Mattermost) or a bare user id. */
async function personFromMention(ctx: AppContext, workspace: WorkspaceRow, mention: string) {
  const slack = /^<@([A-Z0-9]+)(\|[^>]*)?>$/i.exec(mention);
  if (slack) return linkedPerson(ctx, workspace.id, slack[1]!);
  if (mention.startsWith('@')) {
    const link = await findLinkByChatName(ctx.db, workspace.id, mention.slice(1));
    return link ? linkedPerson(ctx, workspace.id, link.chat_user_id) : null;
  }
  return linkedPerson(ctx, workspace.id, mention);
}

/** The status update form of an incident the person may see (404 otherwise, as everywhere). */
export async function updateView(ctx: AppContext, viewer: Viewer, incidentRef: string) {
  const row = await getVisibleIncident(ctx, viewer, incidentRef);
  const severities = await listSeverities(ctx.db);
  const cadence = severities.find((s) => s.id === row.severity_id)?.update_cadence_minutes ?? null;
  return statusUpdateModal({ id: row.id, number: formatIncidentNumber(row.number), impact: row.impact }, cadence);
}

/** views.open runs as a job like every call; it runs at once, and only once (a trigger id lives three seconds). */
export function openView(ctx: AppContext, workspace: WorkspaceRow, triggerId: string, view: unknown) {
  return enqueueChatJob(
    ctx.db,
    ctx,
    JOB.call,
    { workspaceId: workspace.id, method: 'views.open', args: { trigger_id: triggerId, view } },
    { once: true },
  );
}
