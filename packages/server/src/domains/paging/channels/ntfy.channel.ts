import type { Channel } from './channel.js';
import { send } from './http.js';

// ntfy: a POST to the topic URL; the body is the message, headers carry the title, priority and
// action buttons. The acknowledge and resolve buttons POST straight to the signed links.

/** Header values must be plain ASCII; ntfy reads UTF-8 titles only when RFC 2047-encoded. */
const ascii = (s: string) => s.replace(/[^\x20-\x7e]/g, '?');

export const ntfyChannel: Channel = {
  kind: 'ntfy',
  async send(delivery, deps) {
    const { message } = delivery;
    const actions = [
      message.page ? `view, Open, ${message.page.url}` : null,
      message.links ? `http, Acknowledge, ${message.links.acknowledge}, method=POST, clear=true` : null,
      message.links ? `http, Resolve, ${message.links.resolve}, method=POST, clear=true` : null,
    ].filter(Boolean);
    const headers: Record<string, string> = {
      'content-type': 'text/plain; charset=utf-8',
      title: ascii(message.subject),
      priority: message.urgency === 'high' ? '5' : '3',
      tags: message.urgency === 'high' ? 'rotating_light' : 'bell',
      'x-firebreak-notification': delivery.notificationId,
    };
    if (actions.length > 0) headers.actions = actions.join('; ');
    const answer = await send(
      delivery.address,
      { headers, body: message.page?.details || message.text },
      { ...deps, rules: deps.config.outbound },
    );
    let providerId: string | null = null;
    try {
      providerId = (JSON.parse(answer.body) as { id?: string }).id ?? null;
    } catch {
      // ntfy answers JSON; another server may not, and that is fine
    }
    return { providerId, httpStatus: answer.status };
  },
};
