import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DeclaredIncident, SessionInfo, SignInLink } from '@firebreak/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, type Harness, ROOT, startHarness } from './harness.js';

const COMPONENT = 'Checkout';
const TITLE = 'Payments are failing for some customers';
const BODY = 'Some customers cannot pay right now. We are working on it and will update within 30 minutes.';
const screenshots = process.env.FIREBREAK_SCREENSHOTS === '1';

type Summary = {
  components: { name: string; status: string }[];
  incidents: { name: string; status: string }[];
};

describeWithBrowser('e2e: status page admin', () => {
  let h: Harness;
  let context: BrowserContext;
  let page: Page;
  let number = '';
  const browserErrors: string[] = [];

  const shoot = async (name: string) => {
    if (!screenshots) return;
    const dir = path.join(ROOT, 'docs/images');
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    h = await startHarness();
    context = await h.browser.newContext({ baseURL: h.server.baseUrl, viewport: { width: 1440, height: 1000 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => browserErrors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) browserErrors.push(msg.text());
    });
  });

  afterAll(async () => {
    await context?.close();
    await h?.close();
  });

  it('signs in as the bootstrap admin through a one-time link', async () => {
    const me = await h.server.admin.get<SessionInfo>('/api/v1/auth/me');
    expect(me.user.role).toBe('admin');
    const link = await h.server.admin.post<SignInLink>(`/api/v1/users/${me.user.id}/sign-in-link`);
    const url = new URL(link.url);
    await page.goto(`${url.pathname}${url.search}`);
    await page.waitForURL('**/settings/profile**');
  });

  it('creates a component through the Status page nav item', async () => {
    await page.getByRole('link', { name: 'Status page' }).click();
    await page.waitForURL('**/status-page');
    await page.getByRole('heading', { name: 'Status page', level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: 'Open public page' }).getAttribute('href')).toBe('/status');
    await page.getByRole('button', { name: 'New component' }).click();
    const dialog = page.getByRole('dialog', { name: 'New component' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(COMPONENT);
    await dialog.getByRole('textbox', { name: 'Description' }).fill('Paying for your order');
    await dialog.getByRole('button', { name: 'Create component' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('status-component').filter({ hasText: COMPONENT }).waitFor();
    await shoot('statuspage-components');
  });

  it('publishes an incident declared through the API, choosing the component as a major outage', async () => {
    const { incident } = await h.server.admin.post<DeclaredIncident>('/api/v1/incidents', {
      title: 'Checkout 502s from the payment gateway',
      severity: 'sev1',
    });
    number = incident.number;
    await page.goto(`/incidents/${number}`);
    await page.getByRole('button', { name: 'Publish to status page' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish to status page' });
    await dialog.getByRole('textbox', { name: 'Public title' }).fill(TITLE);
    // The hint flags jargon while typing; a plain rewrite makes it go away.
    await dialog.getByRole('textbox', { name: 'First update' }).fill('The database returns 502 errors.');
    await dialog.getByTestId('plain-language-hint').waitFor();
    await dialog.getByRole('textbox', { name: 'First update' }).fill(BODY);
    await dialog.getByTestId('plain-language-hint').waitFor({ state: 'hidden' });
    await dialog.getByLabel(`${COMPONENT} shows`, { exact: true }).click();
    await page.getByRole('option', { name: 'Major outage' }).click();
    const preview = dialog.getByTestId('public-preview');
    expect(await preview.textContent()).toContain(TITLE);
    expect(await preview.textContent()).toContain(`${COMPONENT}: Major outage`);
    if (screenshots) await dialog.screenshot({ path: path.join(ROOT, 'docs/images/statuspage-publish.png') });
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL('**/status-page/incidents/**');
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    // The server previews the next update as subscribers will read it, while it is typed.
    await page.getByRole('textbox', { name: 'Update' }).fill('We found the cause and are fixing it.');
    await page.getByTestId('update-preview').getByText('We found the cause and are fixing it.').waitFor();
    await shoot('statuspage-incident');
  });

  it('shows the incident and the component status in /api/v2/summary.json', async () => {
    const res = await fetch(`${h.server.baseUrl}/api/v2/summary.json`);
    expect(res.status).toBe(200);
    const summary = (await res.json()) as Summary;
    expect(summary.incidents.map((i) => i.name)).toContain(TITLE);
    expect(summary.components.find((c) => c.name === COMPONENT)?.status).toBe('major_outage');
  });

  it('shows the title on the public page, without signing in', async () => {
    const res = await fetch(`${h.server.baseUrl}/status`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(TITLE);
  });

  it('ran without script errors or CSP violations in the browser', () => {
    expect(browserErrors).toEqual([]);
  });
});
