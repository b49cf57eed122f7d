import type { AppContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { declareIncident } from '../incidents/commands/declare-incident.js';
import { postStatusUpdate } from '../incidents/commands/post-status-update.js';
import { addSubscriber } from '../incidents/commands/subscribers.js';
import { acknowledgePage } from '../paging/commands/acknowledge-page.js';
import { escalatePage } from '../paging/commands/escalate-page.js';
import { getPage } from '../paging/pages.repo.js';
import { type LinkedPerson, linkedPerson, NOT_LINKED } from './actors.js';
import { JOB, type WorkspaceRow } from './chat.model.js';
import { readDeclare, readStatusUpdate, VIEW, type ViewState } from './modals.js';
import { enqueueChatJob } from './outbox.js';
import { openView, updateView } from './slash-command.js';
import { ACTION } from './war-room.presenter.js';
import { getWarRoom } from './war-rooms.repo.js';

// Buttons on Firebreak's messages (block_actions) and submitted modals (view_submission). The
// person who pressed or submitted acts, as their linked Firebreak account.

export type InteractionPayload = {
  type: string;
  team?: { id?: string };
  user?: { id?: string; username?: string; name?: string };
  trigger_id?: string;
  response_url?: string;
  container?: { channel_id?: string; message_ts?: string };
  channel?: { id?: string };
  actions?: { action_id?: string; value?: string }[];
  view?: { callback_id?: string; private_metadata?: string; state?: { values?: ViewState } };
};

/** What Slack expects back: nothing (200), or for a modal, errors shown beside its fields. */
export type InteractionReply = { response_action: 'errors'; errors: Record<string, string> } | null;

export async function runInteraction(
  ctx: AppContext,
  workspace: WorkspaceRow,
  payload: InteractionPayload,
): Promise<InteractionReply> {
  const chatUserId = payload.user?.id ?? '';
  const person = await linkedPerson(ctx, workspace.id, chatUserId);
  if (payload.type === 'view_submission') return submitView(ctx, payload, person);
  if (payload.type !== 'block_actions') return null;
  if (!person) {
    await tellPresser(ctx, payload, NOT_LINKED);
    return null;
  }
  for (const action of payload.actions ?? []) {
    try {
      await runAction(ctx, workspace, payload, person, action.action_id ?? '', action.value ?? '');
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      await tellPresser(ctx, payload, `:warning: ${err.message}`);
    }
  }
  return null;
}

async function runAction(
  ctx: AppContext,
  workspace: WorkspaceRow,
  payload: InteractionPayload,
  person: LinkedPerson,
  actionId: string,
  value: string,
): Promise<void> {
  switch (actionId) {
    case ACTION.ack:
    case ACTION.escalate: {
      if (actionId === ACTION.ack) await acknowledgePage(ctx, value, person.actor);
      else await escalatePage(ctx, value, person.actor);
      const page = await getPage(ctx.db, value);
      const done = actionId === ACTION.ack ? 'Acknowledged' : 'Escalated';
      await replaceMessage(ctx, workspace, payload, `${done} by ${person.viewer.name}: ${page?.summary ?? 'page'}`);
      return;
    }
    case ACTION.join: {
      await addSubscriber(ctx, person.viewer, value, {});
      const room = await getWarRoom(ctx.db, value);
      if (room?.channel_id && room.workspace_id === workspace.id) {
        await enqueueChatJob(ctx.db, ctx, JOB.call, {
          workspaceId: workspace.id,
          method: 'conversations.invite',
          args: { channel: room.channel_id, users: payload.user?.id },
        });
      }
      await tellPresser(ctx, payload, 'You joined the incident: you get its updates and an invitation to its channel.');
      return;
    }
    case ACTION.update: {
      if (!payload.trigger_id) return;
      await openView(ctx, workspace, payload.trigger_id, await updateView(ctx, person.viewer, value));
      return;
    }
    default:
      return; // link buttons (Open in Firebreak) also send an action; nothing to do
  }
}

async function submitView(
  ctx: AppContext,
  payload: InteractionPayload,
  person: LinkedPerson | null,
): Promise<InteractionReply> {
  const view = payload.view ?? {};
  const state = view.state?.values ?? {};
  const firstBlock = view.callback_id === VIEW.update ? 'current_status' : 'title';
  if (!person) return { response_action: 'errors', errors: { [firstBlock]: NOT_LINKED.slice(0, 150) } };
  try {
    if (view.callback_id === VIEW.declare) {
      await declareIncident(ctx, person.viewer, readDeclare(state));
    } else if (view.callback_id === VIEW.update) {
      await postStatusUpdate(ctx, person.viewer, view.private_metadata ?? '', readStatusUpdate(state, ctx.clock.now()));
    }
    return null;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const fields = (err.extra.errors as { field: string; message: string }[] | undefined) ?? [];
    const blockOf = (field: string) => BLOCKS[field.split('.').pop() ?? ''] ?? firstBlock;
    const errors: Record<string, string> = {};
    for (const f of fields) errors[blockOf(f.field)] = f.message;
    if (fields.length === 0) errors[firstBlock] = err.message;
    return { response_action: 'errors', errors };
  }
}

/** Input field → modal block, to show a refused field beside itself. */
const BLOCKS: Record<string, string> = {
  title: 'title',
  severity: 'severity',
  summary: 'summary',
  serviceIds: 'services',
  currentStatus: 'current_status',
  impact: 'impact',
  nextUpdateAt: 'next_update',
};

/** An ephemeral note to the person who pressed, through the interaction's response_url (a job, like every call). */
async function tellPresser(ctx: AppContext, payload: InteractionPayload, text: string): Promise<void> {
  if (!payload.response_url) return;
  await enqueueChatJob(ctx.db, ctx, JOB.webhook, {
    url: payload.response_url,
    body: { response_type: 'ephemeral', replace_original: false, text },
  });
}

/** Replaces the pressed message (a page DM) so its buttons cannot be pressed again. */
async function replaceMessage(ctx: AppContext, workspace: WorkspaceRow, payload: InteractionPayload, text: string) {
  const channel = payload.container?.channel_id ?? payload.channel?.id;
  const ts = payload.container?.message_ts;
  if (!channel || !ts) return;
  await enqueueChatJob(ctx.db, ctx, JOB.call, {
    workspaceId: workspace.id,
    method: 'chat.update',
    args: { channel, ts, text, blocks: [] },
  });
}
