import type { Channel, Message } from './channel.js';
import { send } from './http.js';

// Chat incoming webhooks (contact kind `slack`). Three dialects share one contact kind and are told
// apart by the URL: Microsoft Teams (webhook.office.com, logic.azure.com, powerplatform) gets a
// MessageCard, Slack (hooks.slack.com) gets Slack markup, anything else is taken for Mattermost,
// whose incoming webhooks accept Slack's JSON with Markdown links. A `#slack`, `#mattermost` or
// `#teams` fragment on the URL overrides the guess (fragments are never sent).

export type ChatStyle = 'slack' | 'mattermost' | 'teams';

export function chatStyleOf(address: string): ChatStyle {
  const url = URL.canParse(address) ? new URL(address) : null;
  const forced = url?.hash.slice(1);
  if (forced === 'slack' || forced === 'mattermost' || forced === 'teams') return forced;
  const host = url?.hostname ?? '';
  if (/(^|\.)webhook\.office\.com$|(^|\.)logic\.azure\.com$|powerplatform\.com$|powerautomate\.com$/.test(host)) {
    return 'teams';
  }
  if (host === 'hooks.slack.com') return 'slack';
  return 'mattermost';
}

const headline = (m: Message) => `${m.urgency === 'high' ? ':rotating_light:' : ':large_yellow_circle:'} ${m.subject}`;

export function chatBody(style: ChatStyle, m: Message): unknown {
  const links = m.links;
  if (style === 'teams') {
    return {
      '@type': 'MessageCard',
      '@context': 'https://schema.org/extensions',
      summary: m.subject,
      themeColor: m.urgency === 'high' ? 'D13438' : 'FFB900',
      title: m.subject,
      text: m.page?.details || m.text,
      potentialAction: [
        ...(m.page ? [{ '@type': 'OpenUri', name: 'Open', targets: [{ os: 'default', uri: m.page.url }] }] : []),
        ...(links
          ? [
              { '@type': 'OpenUri', name: 'Acknowledge', targets: [{ os: 'default', uri: links.acknowledge }] },
              { '@type': 'OpenUri', name: 'Resolve', targets: [{ os: 'default', uri: links.resolve }] },
            ]
          : []),
      ],
    };
  }
  const link = (url: string, label: string) => (style === 'slack' ? `<${url}|${label}>` : `[${label}](${url})`);
  const actions = [
    m.page ? link(m.page.url, 'Open') : null,
    links ? link(links.acknowledge, 'Acknowledge') : null,
    links ? link(links.resolve, 'Resolve') : null,
  ].filter(Boolean);
  const lines = [headline(m), m.page?.details, actions.join(' · ')].filter(Boolean);
  return { text: lines.join('\n'), username: 'Firebreak' };
}

export const slackChannel: Channel = {
  kind: 'slack',
  async send(delivery, deps) {
    const address = delivery.address.replace(/#.*$/, '');
    const body = JSON.stringify(chatBody(chatStyleOf(delivery.address), delivery.message));
    const answer = await send(
      address,
      { headers: { 'content-type': 'application/json', 'idempotency-key': delivery.notificationId }, body },
      { ...deps, rules: deps.config.outbound },
    );
    return { httpStatus: answer.status };
  },
};
