import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page as ListPage, Service, User } from '@firebreak/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, type Harness, ROOT, startHarness } from './harness.js';

const RESPONDER = { name: 'Riley Responder', email: 'riley@example.com', password: 'correct horse battery staple' };

describeWithBrowser('e2e: sign in and create a service', () => {
  let h: Harness;
  let context: BrowserContext;
  let page: Page;
  /** Messages the browser logged as errors, e.g. a CSP violation or an uncaught exception. */
  const browserErrors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
    const created = await h.server.admin.post<User>('/api/v1/users', {
      ...RESPONDER,
      role: 'responder',
      timeZone: 'Europe/Berlin',
    });
    expect(created.role).toBe('responder');
    context = await h.browser.newContext({ baseURL: h.server.baseUrl, viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => browserErrors.push(err.message));
    page.on('console', (msg) => {
      // The signed-out /auth/me answers 401 by design; Chromium logs every failed fetch as an error.
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) browserErrors.push(msg.text());
    });
  });

  afterAll(async () => {
    await context?.close();
    await h?.close();
  });

  it('sends a signed-out visitor to the sign-in page, remembering where they were going', async () => {
    await page.goto('/settings/services');
    await page.waitForURL('**/signin?next=%2Fsettings%2Fservices');
    await page.getByRole('heading', { name: 'Sign in to Firebreak' }).waitFor();
  });

  it('says clearly when the password is wrong', async () => {
    await page.getByRole('textbox', { name: 'Email' }).fill(RESPONDER.email);
    await page.getByRole('textbox', { name: 'Password' }).fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Could not sign in');
    expect(page.url()).toContain('/signin');
  });

  it('signs in and returns to the page asked for', async () => {
    await page.getByRole('textbox', { name: 'Password' }).fill(RESPONDER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/settings/services');
    await page.getByRole('button', { name: `Account menu for ${RESPONDER.name}` }).waitFor();
    await page.getByRole('heading', { name: 'Services', level: 2 }).waitFor();
  });

  it('creates a service through the Services settings page and lists it', async () => {
    await page.getByRole('button', { name: 'New service' }).click();
    const dialog = page.getByRole('dialog', { name: 'New service' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Checkout API');
    await dialog.getByRole('textbox', { name: 'Description' }).fill('Takes payments for the web shop');
    await dialog.getByRole('button', { name: 'Create service' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.getByRole('row').filter({ hasText: 'Checkout API' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Takes payments for the web shop');
    expect(await row.textContent()).toContain('checkout-api');

    if (process.env.FIREBREAK_SCREENSHOTS === '1') {
      const dir = path.join(ROOT, 'docs/images');
      mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: path.join(dir, 'settings-services.png') });
    }
  });

  it('stored the service: the API lists it too', async () => {
    const { items } = await h.server.admin.get<ListPage<Service>>('/api/v1/services');
    expect(items.map((s) => s.name)).toContain('Checkout API');
    expect(items.find((s) => s.name === 'Checkout API')?.description).toBe('Takes payments for the web shop');
  });

  it('ran without script errors or CSP violations in the browser', () => {
    expect(browserErrors).toEqual([]);
  });
});
