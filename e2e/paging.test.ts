import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { User } from '@firebreak/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, type Harness, openPage, ROOT, startHarness } from './harness.js';

const PASSWORD = 'correct horse battery staple';
const PAT = { name: 'Pat Pager', email: 'pat@example.com', timeZone: 'Europe/Berlin' };
const SUMMARY = 'Disk almost full on db-1';

type Received = { headers: IncomingHttpHeaders; body: string };

/** A webhook receiver on loopback, as an SRE would run one: it keeps the raw body for the signature. */
async function startReceiver() {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/firebreak`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The receiver-side check from the paging guide (docs/paging.md). */
function verify(secret: string, header: string, rawBody: string, toleranceSeconds = 300): boolean {
  const pairs = header.split(',').map((kv) => kv.split('=') as [string, string | undefined]);
  const t = pairs.find(([k]) => k === 't')?.[1];
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex'));
  const fresh = Math.abs(Date.now() / 1000 - Number(t)) <= toleranceSeconds;
  const matches = pairs.some(
    ([k, v]) => k === 'v1' && v?.length === expected.length && timingSafeEqual(Buffer.from(v), expected),
  );
  return Boolean(t) && fresh && matches;
}

async function until<T>(probe: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describeWithBrowser('e2e: paging — contact methods, paging by hand, acknowledging', () => {
  let h: Harness;
  let context: BrowserContext;
  let page: Page;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let secret = '';
  let pageUrl = '';
  let browserErrors: string[] = [];

  const screenshot = async (name: string) => {
    if (process.env.FIREBREAK_SCREENSHOTS !== '1') return;
    const dir = path.join(ROOT, 'docs/images');
    mkdirSync(dir, { recursive: true });
    // Toasts would cover part of the page; some close by themselves meanwhile.
    for (const close of await page.locator('.mantine-Notification-closeButton').all()) {
      await close.click({ timeout: 1_000 }).catch(() => {});
    }
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
    receiver = await startReceiver();
    h = await startHarness();
    const created = await h.server.admin.post<User>('/api/v1/users', { ...PAT, password: PASSWORD, role: 'admin' });
    expect(created.role).toBe('admin');
    ({ context, page, errors: browserErrors } = await openPage(h, { width: 1360, height: 900 }));
  });

  afterAll(async () => {
    await context?.close();
    await h?.close();
    await receiver?.close();
  });

  it('signs in', async () => {
    await page.goto('/settings/profile');
    await page.waitForURL('**/signin**');
    await page.getByRole('textbox', { name: 'Email' }).fill(PAT.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/settings/profile');
    await page.getByRole('heading', { name: 'Test your contact methods' }).waitFor();
  });

  it('adds a webhook contact method, sends it a test notification and sees it verified', async () => {
    const form = page.getByRole('form', { name: 'Add a contact method' });
    await form.getByLabel('Kind').click();
    await page.getByRole('option', { name: 'Webhook', exact: true }).click();
    await form.getByRole('textbox', { name: 'Label' }).fill('Pager hook');
    await form.getByRole('textbox', { name: 'URL' }).fill(receiver.url);
    await form.getByRole('button', { name: 'Add' }).click();

    const row = page.getByTestId('check-Pager hook');
    await row.getByText('Not verified').waitFor();
    await row.getByRole('button', { name: 'Signing secret of Pager hook' }).click();
    secret = (await page.getByTestId('signing-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    await row.getByRole('button', { name: 'Signing secret of Pager hook' }).click();

    await row.getByRole('button', { name: 'Send a test notification to Pager hook' }).click();
    await row.getByText('Verified', { exact: true }).waitFor();
    await row.getByText('Delivered').waitFor();
    const test = receiver.received.find((r) => JSON.parse(r.body).type === 'test.notification');
    expect(test).toBeDefined();
    expect(verify(secret, String(test!.headers['firebreak-signature']), test!.body)).toBe(true);

    // High-urgency rules: the webhook at once (the default would do too; this shows the editor works).
    const high = page.getByRole('group', { name: 'High urgency rules' });
    await high.getByRole('button', { name: 'Add a step' }).click();
    await high.getByLabel('High urgency step 1 method').click();
    await page.getByRole('option', { name: 'Webhook · Pager hook', exact: true }).click();
    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.getByText('Notification rules saved.').waitFor();
    await screenshot('paging-profile');
  });

  it('pages themself by hand from the "Page someone" form', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pages' }).click();
    await page.getByRole('heading', { name: 'My pages', level: 1 }).waitFor();
    await page.getByText('Nothing open for you. Quiet is good.').waitFor();
    await page.getByRole('link', { name: 'Page someone' }).click();
    await page.waitForURL('**/pages/new');
    const form = page.getByRole('form', { name: 'Page someone' });
    await form.getByPlaceholder('Pick one or more').click();
    await page.getByRole('option', { name: PAT.name, exact: true }).click();
    await form.getByRole('textbox', { name: 'Summary' }).fill(SUMMARY);
    await form.getByRole('textbox', { name: 'Details' }).fill('Only 3% left; the nightly vacuum did not run.');
    await form.getByRole('button', { name: 'Page now' }).click();
    await page.waitForURL(/\/pages\/[0-9a-f-]{36}$/);
    pageUrl = new URL(page.url()).pathname;
    await page.getByRole('heading', { name: SUMMARY, level: 1 }).waitFor();
  });

  it('delivers the page to the webhook, signed as the guide says', async () => {
    const delivered = await until(
      () => receiver.received.find((r) => JSON.parse(r.body).type === 'page.notification'),
      'the page notification',
    ).catch(async (err) => {
      // What the server did instead: the page's own history says.
      console.log(await (await context.request.get(`/api/v1${pageUrl}`)).text());
      throw err;
    });
    expect(verify(secret, String(delivered.headers['firebreak-signature']), delivered.body)).toBe(true);
    expect(verify(secret, String(delivered.headers['firebreak-signature']), `${delivered.body} `)).toBe(false);
    const body = JSON.parse(delivered.body);
    expect(body).toMatchObject({
      urgency: 'high',
      page: { summary: SUMMARY, status: 'triggered' },
      recipient: { name: PAT.name },
    });
    expect(body.page.url).toContain(pageUrl);
    expect(body.links.acknowledge).toMatch(/\/p\//);
    expect(delivered.headers['idempotency-key']).toBe(body.notificationId);
  });

  it('shows the unread page in the header bell; opening it from there marks it read', async () => {
    // The in-app notification is written by the escalation step just after the page is created.
    await until(() => (receiver.received.length >= 2 ? true : undefined), 'the first step');
    await page.reload();
    await page.getByRole('button', { name: 'Notifications: 1 unread' }).click();
    await page.getByRole('menuitem', { name: new RegExp(SUMMARY) }).click();
    await page.waitForURL(`**${pageUrl}`);
    await page.getByRole('button', { name: 'Notifications', exact: true }).waitFor();
  });

  it('acknowledges from "My pages"; the page shows who acknowledged, with its history', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pages' }).click();
    const row = page.getByRole('row').filter({ hasText: SUMMARY });
    await row.getByText('Triggered').waitFor();
    await screenshot('paging-pages');
    await row.getByRole('button', { name: `Acknowledge ${SUMMARY}` }).click();
    await row.getByText('Acknowledged', { exact: true }).waitFor();
    expect(await row.textContent()).toContain(PAT.name);

    await row.getByRole('link', { name: SUMMARY }).click();
    await page.waitForURL(`**${pageUrl}`);
    await page.getByTestId('page-acknowledged').getByText(`by ${PAT.name}`).waitFor();
    const step = page.getByTestId('step-0');
    await step.getByText(PAT.name).first().waitFor();
    const webhook = step.getByRole('row').filter({ hasText: 'Webhook' });
    expect(await webhook.textContent()).toContain('Delivered');
    expect(await webhook.textContent()).toContain('Accepted');
    expect(await webhook.textContent()).toContain('HTTP 204');
    const log = page.getByRole('list', { name: 'Page log' });
    expect(await log.textContent()).toMatch(/Acknowledged.*Pat Pager/);
    await screenshot('paging-page');
  });

  it('rotates the webhook signing secret: both verify until the old one is stopped', async () => {
    await page.goto('/settings/profile');
    const row = page.getByTestId('check-Pager hook');
    const secretButton = row.getByRole('button', { name: 'Signing secret of Pager hook' });
    await secretButton.click();
    await page.getByRole('button', { name: 'Rotate signing secret' }).click();
    await page.getByTestId('signing-secret-rotating').waitFor();
    const fresh = (await page.getByTestId('signing-secret').textContent()) ?? '';
    expect(fresh).toMatch(/^whsec_/);
    expect(fresh).not.toBe(secret);
    await secretButton.click();

    const sendTest = async () => {
      const before = receiver.received.length;
      await row.getByRole('button', { name: 'Send a test notification to Pager hook' }).click();
      const got = await until(
        () => receiver.received.slice(before).find((r) => JSON.parse(r.body).type === 'test.notification'),
        'a test notification',
      );
      return (key: string) => verify(key, String(got.headers['firebreak-signature']), got.body);
    };
    const during = await sendTest();
    expect([during(fresh), during(secret)]).toEqual([true, true]);

    await secretButton.click();
    await page.getByRole('button', { name: 'Stop old secret' }).click();
    await page.getByTestId('signing-secret-rotating').waitFor({ state: 'detached' });
    await secretButton.click();
    const after = await sendTest();
    expect([after(fresh), after(secret)]).toEqual([true, false]);
  });

  it('logged no browser errors', () => {
    expect(browserErrors.join('\n')).toBe('');
  });
});
