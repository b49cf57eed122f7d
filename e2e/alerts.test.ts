import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AlertGroup, Page as ListPage, Service, User } from '@firebreak/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, type Harness, openPage, ROOT, startHarness } from './harness.js';

const PASSWORD = 'correct horse battery staple';
const SAM = { name: 'Sam Sre', email: 'sam@example.com', timeZone: 'Europe/Berlin' };

describeWithBrowser('e2e: alerts — a PagerDuty v2 integration, the inbox, bulk acknowledge, resolve', () => {
  let h: Harness;
  let context: BrowserContext;
  let page: Page;
  let service: Service;
  let url = '';
  let key = '';
  let browserErrors: string[] = [];

  const screenshot = async (name: string) => {
    if (process.env.FIREBREAK_SCREENSHOTS !== '1') return;
    const dir = path.join(ROOT, 'docs/images');
    mkdirSync(dir, { recursive: true });
    for (const close of await page.locator('.mantine-Notification-closeButton').all()) {
      await close.click({ timeout: 1_000 }).catch(() => {});
    }
    await page.mouse.move(0, 0);
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(dir, `${name}-dark.png`), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
  };

  const enqueue = async (dedupKey: string, summary: string) => {
    const res = await fetch(new URL(new URL(url).pathname, h.server.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        routing_key: key,
        event_action: 'trigger',
        dedup_key: dedupKey,
        payload: { summary, source: 'db-1', severity: 'critical' },
      }),
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ status: 'success', dedup_key: dedupKey });
  };

  beforeAll(async () => {
    h = await startHarness();
    const created = await h.server.admin.post<User>('/api/v1/users', { ...SAM, password: PASSWORD, role: 'responder' });
    expect(created.role).toBe('responder');
    service = await h.server.admin.post<Service>('/api/v1/services', { name: 'Checkout API' });
    ({ context, page, errors: browserErrors } = await openPage(h, { width: 1440, height: 900 }));
  });

  afterAll(async () => {
    await context?.close();
    await h?.close();
  });

  it('signs in', async () => {
    await page.goto('/alerts/integrations');
    await page.waitForURL('**/signin**');
    await page.getByRole('textbox', { name: 'Email' }).fill(SAM.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/alerts/integrations');
    await page.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();
  });

  it('creates a PagerDuty v2 integration and shows its URL and key once', async () => {
    await page.getByRole('button', { name: 'New integration' }).click();
    const dialog = page.getByRole('dialog', { name: 'New integration' });
    await dialog.getByLabel('Service').click();
    await page.getByRole('option', { name: 'Checkout API' }).click();
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Prometheus (prod)');
    await dialog.getByRole('button', { name: 'Create integration' }).click();

    const shown = page.getByRole('dialog', { name: 'Connect Prometheus (prod)' });
    url = ((await shown.getByTestId('integration-url').textContent()) ?? '').trim();
    key = ((await shown.getByTestId('integration-key').textContent()) ?? '').trim();
    // The page shows the configured public URL; post to the same path on the test server.
    expect(url).toMatch(/^https?:\/\/[^/]+\/v2\/enqueue$/);
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    await shown.getByRole('button', { name: 'I have copied them' }).click();
    await shown.waitFor({ state: 'hidden' });

    const card = page.getByTestId('integration-Prometheus (prod)');
    await card.waitFor();
    expect(await card.textContent()).toContain(`…${key.slice(-4)}`);
    expect(await card.textContent()).not.toContain(key);
    await screenshot('alerts-integrations');
  });

  it('groups two events with one dedup key and one with another into one group', async () => {
    await enqueue('disk-db-1', 'Disk almost full on db-1');
    await enqueue('disk-db-1', 'Disk almost full on db-1 (95%)');
    await enqueue('cpu-db-1', 'CPU hot on db-1');

    await page.getByRole('navigation').getByRole('link', { name: 'Alerts' }).click();
    await page.waitForURL('**/alerts');
    const table = page.getByRole('table', { name: 'Alert groups' });
    await table.waitFor();
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    const row = rows.first();
    await row.getByText('2 alerts, 2 open').waitFor();
    await row.getByText('3 events').waitFor();
    expect(await row.textContent()).toContain('Checkout API');
    expect(await row.textContent()).toContain('critical');

    const { items } = await h.server.admin.get<ListPage<AlertGroup>>('/api/v1/alert-groups', { serviceId: service.id });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ alertCount: 2, openCount: 2, status: 'triggered' });
    await screenshot('alerts-inbox');
  });

  it('acknowledges the group in bulk', async () => {
    await page.getByRole('checkbox', { name: 'Select all alert groups' }).check();
    await page.getByRole('toolbar', { name: 'Selected' }).getByText('1 alert group selected').waitFor();
    await page.getByRole('button', { name: 'Acknowledge selected' }).click();
    const row = page.getByRole('table', { name: 'Alert groups' }).locator('tbody tr').first();
    await row.getByText('acknowledged', { exact: true }).waitFor();
    const { items } = await h.server.admin.get<ListPage<AlertGroup>>('/api/v1/alert-groups', { serviceId: service.id });
    expect(items[0]?.status).toBe('acknowledged');
    expect(items[0]?.acknowledgedBy?.name).toBe(SAM.name);
  });

  it('opens the group, sees its alerts and events, and resolves it', async () => {
    const group = (await h.server.admin.get<ListPage<AlertGroup>>('/api/v1/alert-groups')).items[0]!;
    await page.getByRole('link', { name: group.title }).click();
    await page.waitForURL(`**/alerts/groups/${group.id}`);
    const alerts = page.getByRole('table', { name: 'Alerts' });
    await alerts.getByText('key disk-db-1', { exact: false }).waitFor();
    await alerts.getByText('key cpu-db-1', { exact: false }).waitFor();
    await page.getByRole('button', { name: /^Show events of Disk almost full on db-1/ }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Events' }).locator('tbody tr').count()).toBe(2);
    await screenshot('alerts-group');

    await page.getByRole('button', { name: `Resolve ${group.title}` }).click();
    await page.getByText('2 (0 open)').waitFor();
    const after = await h.server.admin.get<AlertGroup>(`/api/v1/alert-groups/${group.id}`);
    expect(after.status).toBe('resolved');
    expect(after.openCount).toBe(0);
  });

  it('ran without script errors or CSP violations in the browser', () => {
    expect(browserErrors).toEqual([]);
  });
});
