import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ChatWorkspace, SessionInfo, SignInLink, User } from '@firebreak/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeSlack } from '../packages/server/test/chat/fake-slack.js';
import { describeWithBrowser, type Harness, openPage, ROOT, startHarness } from './harness.js';

// The chat settings page against a fake Slack Web API on loopback: an admin connects a workspace
// with its bot token and signing secret (Firebreak asks the fake's auth.test whose token it is),
// sees it listed, changes it and disconnects it; a responder is told the page is for admins.

const PASSWORD = 'correct horse battery staple';
const RESPONDER = { name: 'Rita Responder', email: 'rita@example.com', timeZone: 'UTC' };
const SIGNING_SECRET = 'e2e-signing-secret-0123456789';

describeWithBrowser('e2e: chat settings — connect a Slack workspace, list it, disconnect it', () => {
  let h: Harness;
  let slack: FakeSlack;
  let context: BrowserContext;
  let page: Page;
  let browserErrors: string[] = [];

  const listed = () => h.server.admin.get<{ items: ChatWorkspace[] }>('/api/v1/chat/workspaces');
  const row = () => page.getByTestId(`workspace-${slack.team.id}`);

  beforeAll(async () => {
    slack = new FakeSlack('xoxb-e2e-bot-token', { id: 'T0E2E', name: 'Acme Corp' });
    await slack.start();
    h = await startHarness();
    ({ context, page, errors: browserErrors } = await openPage(h));
  });

  afterAll(async () => {
    await context?.close();
    await h?.close();
    await slack?.stop();
  });

  it('opens the Chat settings tab as the admin, with the Slack app’s request URLs and manifest', async () => {
    const me = await h.server.admin.get<SessionInfo>('/api/v1/auth/me');
    const link = await h.server.admin.post<SignInLink>(`/api/v1/users/${me.user.id}/sign-in-link`);
    const url = new URL(link.url);
    await page.goto(`${url.pathname}${url.search}`);
    await page.waitForURL('**/settings/profile**');
    await page.getByRole('tab', { name: 'Chat' }).click();
    await page.waitForURL('**/settings/chat');
    await page.getByText('No workspace connected yet.').waitFor();

    const events = (await page.getByLabel('Event subscriptions URL', { exact: true }).textContent()) ?? '';
    expect(events).toMatch(/^https?:\/\/[^/]+\/integrations\/slack\/events$/);
    const manifest = (await page.getByLabel('Slack app manifest').textContent()) ?? '';
    expect(manifest).toContain(`request_url: ${events}`);
    expect(manifest).not.toContain('firebreak.example.com');
  });

  it('refuses a bot token Slack does not accept, beside the field', async () => {
    await page.getByRole('button', { name: 'Connect workspace' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect a workspace' });
    await dialog.getByLabel('Bot token').fill('xoxb-typo');
    await dialog.getByLabel('Signing secret').fill(SIGNING_SECRET);
    await dialog.getByRole('button', { name: 'Advanced' }).click();
    await dialog.getByRole('textbox', { name: 'Slack API URL' }).fill(slack.apiUrl);
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    await dialog.getByText('Slack refused this bot token (invalid_auth)').waitFor();
    expect((await listed()).items).toEqual([]);
  });

  it('connects with the right token: the team and its name come from Slack', async () => {
    const dialog = page.getByRole('dialog', { name: 'Connect a workspace' });
    await dialog.getByLabel('Bot token').fill(slack.botToken);
    await dialog.getByRole('textbox', { name: 'Announcements channel' }).fill('C0ANNOUNCE');
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    await row().waitFor();
    const text = (await row().textContent()) ?? '';
    for (const shown of [
      'Acme Corp',
      'T0E2E',
      'Bot token stored',
      'Signing secret stored',
      'C0ANNOUNCE',
      ':pushpin:',
    ]) {
      expect(text).toContain(shown);
    }
    expect(slack.callsOf('auth.test').length).toBeGreaterThanOrEqual(1);
    const { items } = await listed();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ teamId: 'T0E2E', name: 'Acme Corp', apiUrl: slack.apiUrl, hasBotToken: true });
    expect(JSON.stringify(items)).not.toContain(slack.botToken);
    expect(JSON.stringify(items)).not.toContain(SIGNING_SECRET);

    if (process.env.FIREBREAK_SCREENSHOTS === '1') {
      mkdirSync(path.join(ROOT, 'docs/images'), { recursive: true });
      await page.mouse.move(0, 0);
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(ROOT, 'docs/images/chat-settings.png'), fullPage: true });
    }
  });

  it('changes the capture reaction, keeping the stored secrets', async () => {
    await page.getByRole('button', { name: 'Settings of Acme Corp' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings of Acme Corp' });
    await dialog.getByRole('textbox', { name: 'Capture reaction' }).fill('round_pushpin');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row().getByText(':round_pushpin:').waitFor();
    const { items } = await listed();
    expect(items[0]).toMatchObject({ captureReaction: 'round_pushpin', hasBotToken: true, hasSigningSecret: true });
  });

  it('disconnects the workspace after asking', async () => {
    await page.getByRole('button', { name: 'Disconnect Acme Corp' }).click();
    const confirm = page.getByRole('dialog', { name: 'Disconnect Acme Corp?' });
    await confirm.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByText('No workspace connected yet.').waitFor();
    expect((await listed()).items).toEqual([]);
  });

  it('tells a responder the page is for admins, without asking the admin API', async () => {
    const created = await h.server.admin.post<User>('/api/v1/users', {
      ...RESPONDER,
      password: PASSWORD,
      role: 'responder',
    });
    expect(created.role).toBe('responder');
    const other = await h.browser.newContext({ baseURL: h.server.baseUrl });
    try {
      const tab = await other.newPage();
      const forbidden: string[] = [];
      tab.on('response', (r) => {
        if (r.url().includes('/api/v1/chat/') && r.status() === 403) forbidden.push(r.url());
      });
      await tab.goto('/settings/chat');
      await tab.waitForURL('**/signin**');
      await tab.getByRole('textbox', { name: 'Email' }).fill(RESPONDER.email);
      await tab.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
      await tab.getByRole('button', { name: 'Sign in' }).click();
      await tab.waitForURL('**/settings/chat');
      await tab.getByText('Only admins can connect chat workspaces.', { exact: false }).waitFor();
      expect(forbidden).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('ran without script errors or CSP violations in the browser', () => {
    expect(browserErrors).toEqual([]);
  });
});
