import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bearer } from '../factories.js';
import { describeEachDialect } from '../harness.js';
import { FakeSlack } from './fake-slack.js';
import { type ChatWorld, createChatWorld } from './helpers.js';

// Connecting a Slack workspace checks the bot token with Slack (auth.test) and reads the team from
// it; the settings page shows the manifest and request URLs to paste into Slack.

describeEachDialect('chat workspaces', (dialect) => {
  let w: ChatWorld;
  let other: FakeSlack;
  beforeAll(async () => {
    w = await createChatWorld(dialect);
    other = new FakeSlack('xoxb-other-workspace', { id: 'T0OTHER', name: 'Other Inc' });
    await other.start();
  });
  afterAll(async () => {
    await other.stop();
    await w.close();
  });

  const admin = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    w.app.inject({ method, url: `/api/v1/chat${url}`, headers: bearer(w.adminToken), ...(payload ? { payload } : {}) });
  const count = async () => (await admin('GET', '/workspaces')).json().items.length as number;

  it('reads the team id and name from the bot token, so only the token and signing secret are needed', async () => {
    const res = await admin('POST', '/workspaces', {
      botToken: other.botToken,
      signingSecret: 'other-signing-secret',
      apiUrl: other.apiUrl,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      teamId: 'T0OTHER',
      name: 'Other Inc',
      hasBotToken: true,
      hasSigningSecret: true,
    });
    expect(other.callsOf('auth.test')).toHaveLength(1);
    expect((await admin('DELETE', `/workspaces/${res.json().id}`)).statusCode).toBe(204);
  });

  it('refuses a token Slack does not accept, or of another team, and connects nothing', async () => {
    const before = await count();
    const wrong = await admin('POST', '/workspaces', {
      botToken: 'xoxb-typo',
      signingSecret: 'other-signing-secret',
      apiUrl: other.apiUrl,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([
      { field: 'botToken', message: 'Slack refused this bot token (invalid_auth)' },
    ]);

    const mismatch = await admin('POST', '/workspaces', {
      teamId: 'T0SOMEONE',
      botToken: other.botToken,
      signingSecret: 'other-signing-secret',
      apiUrl: other.apiUrl,
    });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().errors[0]).toEqual({
      field: 'teamId',
      message: 'the bot token belongs to the Slack team T0OTHER (Other Inc)',
    });
    expect(await count()).toBe(before);
  });

  it('answers 503 naming the API URL when Slack cannot be reached', async () => {
    const closed = new FakeSlack();
    await closed.start();
    const apiUrl = closed.apiUrl;
    await closed.stop();
    const res = await admin('POST', '/workspaces', { botToken: 'xoxb-any', signingSecret: 'secret-x', apiUrl });
    expect(res.statusCode).toBe(503);
    expect(res.json().detail).toContain(`Slack could not be reached at ${apiUrl}`);
  });

  it('checks a replacement bot token against the workspace’s own team before storing it', async () => {
    const res = await admin('PATCH', `/workspaces/${w.workspaceId}`, {
      botToken: other.botToken,
      apiUrl: other.apiUrl,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].message).toBe('this bot token belongs to the Slack team T0OTHER, not T0FIREBRK');
    const row = await w.t.db
      .selectFrom('chat_workspaces')
      .select('api_url')
      .where('id', '=', w.workspaceId)
      .executeTakeFirstOrThrow();
    expect(row.api_url).toBe(w.fake.apiUrl);

    const renamed = await admin('PATCH', `/workspaces/${w.workspaceId}`, { name: 'Acme (renamed)' });
    expect(renamed.json()).toMatchObject({ name: 'Acme (renamed)', teamId: 'T0FIREBRK' });
  });

  it('gives admins the app manifest with this server’s request URLs', async () => {
    const res = await admin('GET', '/slack-app');
    expect(res.statusCode).toBe(200);
    const base = w.t.config.publicUrl;
    const setup = res.json();
    expect(setup.requestUrls).toEqual({
      commands: `${base}/integrations/slack/commands`,
      interactions: `${base}/integrations/slack/interactions`,
      events: `${base}/integrations/slack/events`,
    });
    const manifest = parse(setup.manifest);
    expect(manifest.features.slash_commands[0].url).toBe(setup.requestUrls.commands);
    expect(manifest.settings.interactivity.request_url).toBe(setup.requestUrls.interactions);
    expect(manifest.settings.event_subscriptions.request_url).toBe(setup.requestUrls.events);
    expect(setup.manifest).not.toContain('firebreak.example.com');
  });
});
