import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The shipped Slack app manifest must point at our routes and grant what our calls need.
const manifest = parse(readFileSync(new URL('../../../../integrations/slack/manifest.yaml', import.meta.url), 'utf8'));

describe('Slack app manifest', () => {
  it('routes /inc, interactivity and events to Firebreak’s endpoints', () => {
    const command = manifest.features.slash_commands[0];
    expect(command).toMatchObject({ command: '/inc', should_escape: true });
    expect(new URL(command.url).pathname).toBe('/integrations/slack/commands');
    expect(new URL(manifest.settings.interactivity.request_url).pathname).toBe('/integrations/slack/interactions');
    expect(new URL(manifest.settings.event_subscriptions.request_url).pathname).toBe('/integrations/slack/events');
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['reaction_added', 'reaction_removed']);
  });

  it('asks for the scope of every Web API method Firebreak calls', () => {
    const scopes: string[] = manifest.oauth_config.scopes.bot;
    const needs: Record<string, string[]> = {
      'conversations.create': ['channels:manage', 'groups:write'],
      'conversations.invite': ['channels:manage', 'groups:write'],
      'conversations.setTopic': ['channels:write.topic', 'groups:write.topic'],
      'conversations.history': ['channels:history', 'groups:history'],
      'chat.postMessage': ['chat:write', 'chat:write.public', 'im:write'],
      'pins.add': ['pins:write'],
      'users.info': ['users:read'],
      reactions: ['reactions:read'],
      '/inc': ['commands'],
    };
    for (const [method, wanted] of Object.entries(needs)) {
      for (const scope of wanted) expect(scopes, `${method} needs ${scope}`).toContain(scope);
    }
  });
});
