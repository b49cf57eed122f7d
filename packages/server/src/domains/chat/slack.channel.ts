import type { AppContext } from '../../core/context.js';
import type { Channel, Message } from '../paging/channels/channel.js';
import { permanent, temporary } from '../paging/channels/channel.js';
import { slackChannel as webhookChannel } from '../paging/channels/slack.channel.js';
import { isPermanent, retryAfterMs, slackClient, slackError } from './slack.client.js';
import { ACTION } from './war-room.presenter.js';
import { primarySlackWorkspace } from './workspaces.repo.js';

// Pages in chat: paging's `Channel` for contact kind `slack`. An address that is a Slack user id
// (`U0123ABC`, or `slack:U0123ABC`) gets a direct message from the Firebreak app with Acknowledge
// and Escalate buttons; pressing one acts as the presser's linked account (interactions.ts). Any
// other address is an incoming-webhook URL and goes through paging's own webhook channel. Paging's
// outbox owns retries: this only sends once and classifies the failure.

const USER_ID = /^(?:slack:)?([UW][A-Z0-9]{2,})$/;

export function dmBlocks(m: Message): unknown[] {
  const head = `${m.urgency === 'high' ? ':rotating_light:' : ':large_yellow_circle:'} *${m.page?.summary ?? m.subject}*`;
  const blocks: unknown[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: [head, m.page?.details].filter(Boolean).join('\n').slice(0, 2900) },
    },
  ];
  if (m.page) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Acknowledge' },
          style: 'primary',
          action_id: ACTION.ack,
          value: m.page.id,
        },
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Escalate' },
          style: 'danger',
          action_id: ACTION.escalate,
          value: m.page.id,
        },
        { type: 'button', text: { type: 'plain_text', text: 'Open' }, url: m.page.url, action_id: 'open' },
      ],
    });
  }
  return blocks;
}

export function createSlackChannel(ctx: AppContext): Channel {
  return {
    kind: 'slack',
    async send(delivery, deps) {
      const user = USER_ID.exec(delivery.address.trim())?.[1];
      if (!user) return webhookChannel.send(delivery, deps);
      const workspace = await primarySlackWorkspace(ctx.db);
      if (!workspace) throw permanent('Slack is not connected (POST /api/v1/chat/workspaces)');
      try {
        const answer = await slackClient(ctx, workspace).chat.postMessage({
          channel: user,
          text: delivery.message.subject,
          blocks: dmBlocks(delivery.message),
        } as never);
        return { providerId: typeof answer.ts === 'string' ? answer.ts : null, httpStatus: 200 };
      } catch (err) {
        const wait = retryAfterMs(err);
        if (wait !== undefined)
          throw temporary('Slack rate limited the message', { httpStatus: 429, retryAfterMs: wait });
        if (isPermanent(err)) throw permanent(`Slack refused the message: ${slackError(err)}`);
        throw temporary(`Slack did not take the message: ${slackError(err) ?? (err as Error).message}`);
      }
    },
  };
}
