import type { AppContext } from '../../core/context.js';
import type { Message } from './channels/channel.js';
import { actionLinks } from './links.js';
import type { DeliveryContext, NotificationRow } from './notifications.repo.js';

// What a notification says, before each channel puts it in its own format.

export function renderMessage(
  ctx: AppContext,
  n: NotificationRow,
  page: DeliveryContext['page'],
  recipient: { id: string; name: string },
  notice: DeliveryContext['notice'] = null,
): Message {
  if (notice) {
    return {
      kind: 'notice',
      subject: `[Firebreak] ${notice.subject}`,
      text: [notice.text, notice.url ? `\nOpen: ${notice.url}` : ''].join('\n').trimEnd(),
      urgency: n.urgency,
      page: null,
      recipient,
      links: null,
    };
  }
  if (!page) {
    return {
      kind: 'test',
      subject: 'Firebreak test notification',
      text: `Hello ${recipient.name}, this is a test from Firebreak. This contact method works for pages.`,
      urgency: n.urgency,
      page: null,
      recipient,
      links: null,
    };
  }
  const url = `${ctx.config.publicUrl}/pages/${page.id}`;
  const links = actionLinks(
    { secretKey: ctx.secretKey, publicUrl: ctx.config.publicUrl },
    { id: n.id, dueAt: n.due_at },
  );
  const subject = `[Firebreak] ${page.urgency === 'high' ? 'HIGH' : 'low'}: ${page.summary}`;
  const text = [
    page.summary,
    page.details ? `\n${page.details}\n` : '',
    `Acknowledge: ${links.acknowledge}`,
    `Resolve: ${links.resolve}`,
    `Open: ${url}`,
    '',
    'The links work once, without signing in, for 24 hours.',
  ].join('\n');
  return {
    kind: 'page',
    subject,
    text,
    urgency: page.urgency,
    page: { id: page.id, summary: page.summary, details: page.details, status: page.status, url },
    recipient,
    links,
  };
}
