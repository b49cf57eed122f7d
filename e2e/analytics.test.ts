import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DeclaredIncident, Service, Team, User } from '@firebreak/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, type Harness, ROOT, startHarness } from './harness.js';

const PASSWORD = 'correct horse battery staple';
const AVA = { name: 'Ava Analyst', email: 'ava@example.com', password: PASSWORD };
const ACTIVE = 'Search results are stale in the EU';
const RESOLVED = 'Login slow after the deploy';

describeWithBrowser('e2e: the dashboard and the analytics page', () => {
  let h: Harness;
  let context: BrowserContext;
  let page: Page;
  const browserErrors: string[] = [];

  const screenshot = async (name: string) => {
    if (process.env.FIREBREAK_SCREENSHOTS !== '1') return;
    const dir = path.join(ROOT, 'docs/images');
    mkdirSync(dir, { recursive: true });
    await page.mouse.move(0, 0);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(dir, `${name}-dark.png`), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForTimeout(300);
  };

  beforeAll(async () => {
    h = await startHarness();
    const admin = h.server.admin;
    const ava = await admin.post<User>('/api/v1/users', { ...AVA, role: 'responder', timeZone: 'Europe/Berlin' });
    const team = await admin.post<Team>('/api/v1/teams', { name: 'Search' });
    await admin.put(`/api/v1/teams/${team.id}/members/${ava.id}`, { role: 'member' });
    const service = await admin.post<Service>('/api/v1/services', { name: 'Search API', teamId: team.id });
    await admin.post('/api/v1/schedules', {
      name: 'Search primary',
      teamId: team.id,
      layers: [
        {
          participants: [ava.id],
          rotation: { unit: 'week', every: 1 },
          handoffTime: '09:00',
          timeZone: 'Europe/Berlin',
          startDate: '2026-01-05',
        },
      ],
    });
    const detected = new Date(Date.now() - 45 * 60_000).toISOString();
    const done = await admin.post<DeclaredIncident>('/api/v1/incidents', {
      title: RESOLVED,
      severity: 'sev3',
      serviceIds: [service.id],
      detectedAt: detected,
    });
    await admin.post(`/api/v1/incidents/${done.incident.id}/status`, { status: 'resolved' });
    await admin.post<DeclaredIncident>('/api/v1/incidents', {
      title: ACTIVE,
      severity: 'sev2',
      serviceIds: [service.id],
      commanderId: ava.id,
    });

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

  it('shows the active incident, who is on call and this month’s figures on the dashboard', async () => {
    await page.goto('/');
    await page.waitForURL('**/signin');
    await page.getByRole('textbox', { name: 'Email' }).fill(AVA.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(AVA.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    const incidents = page.getByRole('region', { name: 'Active incidents' });
    const row = incidents.getByRole('row').filter({ hasText: ACTIVE });
    await row.waitFor();
    expect(await row.textContent()).toContain('Sev2');
    expect(await incidents.getByRole('group', { name: 'Active incidents by severity' }).textContent()).toContain(
      'Sev2: 1',
    );
    expect(await incidents.textContent()).not.toContain(RESOLVED);
    const onCall = page.getByRole('region', { name: 'On call now' });
    await onCall.getByText(AVA.name).waitFor();
    expect(await onCall.textContent()).toContain('Search');
    const month = page.getByRole('region', { name: 'This month' });
    expect(await month.getByRole('group', { name: 'Incidents' }).textContent()).toContain('2');
    await screenshot('dashboard');
  });

  it('draws the weekly incidents chart with its data table on the analytics page', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' }).click();
    await page.waitForURL('**/analytics');
    await page.getByRole('heading', { name: 'Analytics', level: 1 }).waitFor();
    const card = page.getByRole('region', { name: 'Incidents per week by severity' });
    const chart = card.getByRole('img', { name: /Incidents per week by severity/ });
    await chart.waitFor();
    expect(await chart.locator('rect').count()).toBeGreaterThan(0);
    const table = card.getByRole('table');
    const header = await table.getByRole('row').first().textContent();
    expect(header).toContain('Sev2');
    expect(header).toContain('Total');
    const rows = await table.getByRole('row').allTextContents();
    // The two incidents are counted in this week's row: the last column is the total.
    expect(rows.some((r) => r.endsWith('2'))).toBe(true);
    const csv = card.getByRole('link', { name: 'Download Incidents per week by severity as CSV' });
    expect(await csv.getAttribute('href')).toMatch(/^\/api\/v1\/analytics\/incidents\?format=csv&from=/);
    const download = await page.request.get((await csv.getAttribute('href'))!);
    expect(download.headers()['content-type']).toContain('text/csv');
    expect(await download.text()).toMatch(/^week_start,sev1,sev2,sev3,sev4,total\r\n/);

    await page.getByRole('region', { name: 'On-call load by hour of day' }).waitFor();
    await page.getByRole('region', { name: 'Status-update cadence' }).waitFor();
    await screenshot('analytics');
    expect(browserErrors).toEqual([]);
  });
});
