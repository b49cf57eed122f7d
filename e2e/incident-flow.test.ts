import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { IncidentDetail, Page as ListPage, Service, TimelineEntry, User } from '@firebreak/shared';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, type Harness, ROOT, startHarness } from './harness.js';

const PASSWORD = 'correct horse battery staple';
const RILEY = { name: 'Riley Responder', email: 'riley@example.com', password: PASSWORD };
const CASEY = { name: 'Casey Commander', email: 'casey@example.com', password: PASSWORD };
const MORGAN = { name: 'Morgan Comms', email: 'morgan@example.com', password: PASSWORD };
const TITLE = 'Checkout fails with 502 for EU customers';
const UPDATE = 'Root cause identified: a bad config push. Rolling back now.';
const QUESTION = 'Roll back the release or patch forward?';

const screenshots = process.env.FIREBREAK_SCREENSHOTS === '1';

describeWithBrowser('e2e: run an incident from declaration to resolution', () => {
  let h: Harness;
  let context: BrowserContext;
  let page: Page;
  let number = '';
  /** Messages the browser logged as errors, e.g. a CSP violation or an uncaught exception. */
  const browserErrors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
    for (const person of [RILEY, CASEY, MORGAN]) {
      await h.server.admin.post<User>('/api/v1/users', { ...person, role: 'responder', timeZone: 'Europe/Berlin' });
    }
    await h.server.admin.post<Service>('/api/v1/services', { name: 'Checkout API', description: 'Takes payments' });
    context = await h.browser.newContext({ baseURL: h.server.baseUrl, viewport: { width: 1440, height: 1000 } });
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

  /** The timeline entry of `kind` whose text contains `text`, once it is on the page. */
  const entry = (kind: string, text: string): Locator =>
    page.getByTestId('timeline').locator(`li[data-kind="${kind}"]`).filter({ hasText: text });

  const pick = async (scope: Locator, label: string, option: string | RegExp, type?: string) => {
    const input = scope.getByRole('combobox', { name: label });
    await input.click();
    if (type) await input.fill(type);
    await page.getByRole('option', { name: option }).click();
  };

  /** Saves docs/images/<name>.png, with a viewport tall enough for the whole page (the header stays put). */
  const shoot = async (name: string, height = 1000) => {
    if (!screenshots) return;
    const dir = path.join(ROOT, 'docs/images');
    mkdirSync(dir, { recursive: true });
    await page.setViewportSize({ width: 1440, height });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(dir, `${name}.png`) });
    await page.setViewportSize({ width: 1440, height: 1000 });
  };

  it('signs in and opens the incident list from the navigation', async () => {
    await page.goto('/');
    await page.waitForURL('**/signin');
    await page.getByRole('textbox', { name: 'Email' }).fill(RILEY.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(RILEY.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: `Account menu for ${RILEY.name}` }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Incidents' }).click();
    await page.waitForURL('**/incidents');
    await page.getByRole('heading', { name: 'Incidents', level: 1 }).waitFor();
    await page.getByText('No incidents match these filters.').waitFor();
  });

  it('declares an incident through the form, with severity help and services', async () => {
    await page.getByRole('button', { name: 'Declare incident' }).click();
    const dialog = page.getByRole('dialog', { name: 'Declare an incident' });
    await dialog.getByRole('textbox', { name: 'Title' }).fill(TITLE);
    await pick(dialog, 'Severity', /^Sev2/);
    // Choosing a severity explains it, with its examples and the rhythm it sets.
    const help = dialog.getByLabel('About Sev2');
    await help.waitFor();
    expect(await help.textContent()).toContain('Checkout failing for everyone');
    expect(await help.textContent()).toContain('Update every 30 min');
    await dialog.getByRole('textbox', { name: 'Summary' }).fill('Payments return 502 since the 14:00 deploy.');
    await dialog.getByRole('textbox', { name: 'Impact' }).fill('EU customers cannot pay; orders are not lost');
    await pick(dialog, 'Affected services', 'Checkout API');
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Declare incident' }).click();

    await page.waitForURL(/\/incidents\/INC-\d+$/);
    number = page.url().split('/').pop()!;
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await entry('declared', 'Sev2').waitFor();
    // The declarer commands until handing over; the war-room channel is ready to copy.
    const roles = page.getByRole('region', { name: 'Roles' });
    expect(await roles.textContent()).toContain(RILEY.name);
    expect(await page.getByLabel('Channel name', { exact: true }).textContent()).toMatch(
      /^inc-\d{4}-\d{2}-\d{2}-checkout-fails/,
    );
  });

  it('assigns a communications lead, then hands command over', async () => {
    const roles = page.getByRole('region', { name: 'Roles' });
    await roles.getByRole('button', { name: 'Assign Communications lead' }).click();
    let dialog = page.getByRole('dialog', { name: 'Assign: Communications lead' });
    await pick(dialog, 'Person', MORGAN.name, 'Morg');
    await dialog.getByRole('button', { name: 'Assign' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await entry('role_assigned', `${MORGAN.name} is now communications lead`).waitFor();

    await roles.getByRole('button', { name: 'Hand over Commander' }).click();
    dialog = page.getByRole('dialog', { name: 'Hand over: Commander' });
    await pick(dialog, 'Person', CASEY.name, 'Casey');
    await dialog.getByRole('button', { name: 'Hand over' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await entry('role_assigned', `Commander: ${RILEY.name} → ${CASEY.name}`).waitFor();
    // Riley no longer commands, so the page stops offering to assign roles.
    await roles.getByText('Only the commander or an admin assigns roles.').waitFor();
    expect(await roles.getByRole('button', { name: /Hand over|Assign/ }).count()).toBe(0);
  });

  it('posts a status update and shows when the next one is due', async () => {
    const form = page.getByRole('form', { name: 'Post a status update' });
    await form.getByRole('textbox', { name: 'Current status' }).fill(UPDATE);
    await form.getByRole('button', { name: 'Post update' }).click();
    await entry('status_update', UPDATE).waitFor();
    await page.getByLabel('Posted updates').getByText(UPDATE).waitFor();
    const countdown = page.getByTestId('next-update-countdown');
    expect(await countdown.textContent()).toMatch(/Next update in (29|30):\d\d/);
    expect(await countdown.getAttribute('data-overdue')).toBe('false');
  });

  it('adds a note about something that happened earlier and pins it', async () => {
    const note = page.getByRole('form', { name: 'Add a note' });
    await note.getByRole('textbox', { name: 'Add a note' }).fill('Deploy 4711 went out just before the errors began');
    await note.getByRole('checkbox', { name: 'It happened earlier' }).check();
    // Ten minutes ago in the browser's own time zone, as a datetime-local input takes it.
    const earlier = await page.evaluate(() => {
      const d = new Date(Date.now() - 10 * 60_000);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
    });
    await note.getByRole('textbox', { name: 'Happened at' }).fill(earlier);
    await note.getByRole('button', { name: 'Add note' }).click();
    const added = entry('note', 'Deploy 4711');
    await added.waitFor();
    // Written down now, happened earlier: both times are shown.
    expect(await added.textContent()).toContain('rec.');
    await added.getByRole('button', { name: /^Pin/ }).click();
    await page.getByLabel('Pinned entries').getByText('Deploy 4711 went out').waitFor();
  });

  it('retracts a note written in error: it leaves the timeline and the retraction is recorded', async () => {
    const note = page.getByRole('form', { name: 'Add a note' });
    await note.getByRole('textbox', { name: 'Add a note' }).fill('Errors come from host db-7 (wrong host, sorry)');
    await note.getByRole('button', { name: 'Add note' }).click();
    const wrong = entry('note', 'host db-7');
    await wrong.waitFor();
    await wrong.getByRole('button', { name: /^Retract/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Retract this note?' });
    await dialog.getByRole('button', { name: 'Retract' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await wrong.waitFor({ state: 'detached' });
    await page.getByTestId('timeline').locator('[data-kind="note_retracted"]').first().waitFor();
    // The pinned note is untouched.
    await page.getByLabel('Pinned entries').getByText('Deploy 4711 went out').waitFor();
  });

  it('records a decision with its options and trade-offs', async () => {
    await page.getByRole('button', { name: 'Record decision' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record a decision' });
    await dialog.getByRole('textbox', { name: 'Question' }).fill(QUESTION);
    await dialog.getByRole('textbox', { name: 'Option 1', exact: true }).fill('Roll back');
    await dialog
      .getByRole('textbox', { name: 'Trade-offs of option 1' })
      .fill('10 minutes; loses the new pricing page');
    await dialog.getByRole('textbox', { name: 'Option 2', exact: true }).fill('Patch forward');
    await dialog.getByRole('textbox', { name: 'Trade-offs of option 2' }).fill('90 minutes; might not work');
    await pick(dialog, 'Chosen', 'Roll back');
    await dialog.getByRole('textbox', { name: 'Rationale' }).fill('Fastest safe way to stop the bleeding');
    await dialog.getByRole('button', { name: 'Record decision' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await entry('decision', QUESTION).waitFor();
    const logged = page.getByRole('article', { name: QUESTION });
    expect(await logged.textContent()).toContain('90 minutes; might not work');
    expect(await logged.textContent()).toContain('Chosen');
  });

  it('resolves the incident with one click', async () => {
    const actions = page.getByRole('group', { name: 'Change status' });
    // Only the moves the lifecycle allows from investigating are offered.
    const offered = await actions.getByRole('button').allTextContents();
    expect(offered).toEqual(['Cause identified', 'Mitigated: monitoring', 'Resolve', 'Merge…']);
    await shoot('incident-page', 1500);
    await actions.getByRole('button', { name: 'Resolve' }).click();
    await entry('status_changed', 'investigating → resolved').waitFor();
    expect(await actions.getByRole('button').allTextContents()).toEqual(['Close', 'Reopen']);
    await page.getByTestId('next-update-countdown').waitFor({ state: 'detached' });
  });

  it('suggests the resolved incident as similar while a new one is typed', async () => {
    await page.goto('/incidents');
    await page.getByRole('button', { name: 'Declare incident' }).click();
    const dialog = page.getByRole('dialog', { name: 'Declare an incident' });
    await dialog.getByRole('textbox', { name: 'Title' }).fill('Checkout 502 again');
    const similar = dialog.getByLabel('Similar incidents');
    await similar.getByRole('link', { name: `${number} ${TITLE}` }).waitFor();
    await pick(dialog, 'Severity', /^Sev3/);
    await shoot('incident-declare');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('stored it all: the API shows the incident resolved with those timeline entries', async () => {
    const incident = await h.server.admin.get<IncidentDetail>(`/api/v1/incidents/${number}`);
    expect(incident.status).toBe('resolved');
    expect(incident.commander?.name).toBe(CASEY.name);
    expect(incident.communicationsLead?.name).toBe(MORGAN.name);
    expect(incident.decisions.map((d) => [d.question, d.choice])).toEqual([[QUESTION, 'Roll back']]);
    expect(incident.updates.map((u) => u.currentStatus)).toEqual([UPDATE]);

    const { items } = await h.server.admin.get<ListPage<TimelineEntry>>(`/api/v1/incidents/${number}/timeline`, {
      order: 'asc',
      limit: 100,
    });
    const kinds = items.map((e) => e.kind);
    for (const kind of ['declared', 'role_assigned', 'status_update', 'note', 'decision', 'status_changed']) {
      expect(kinds).toContain(kind);
    }
    expect(items.filter((e) => e.kind === 'note').map((e) => [e.text.slice(0, 11), e.pinned])).toEqual([
      ['Deploy 4711', true],
    ]);
    expect(kinds).toContain('note_retracted');
    const order = ['declared', 'status_update', 'decision', 'status_changed'].map((k) => kinds.indexOf(k));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(items.filter((e) => e.kind === 'role_assigned').map((e) => e.data.role)).toEqual(
      expect.arrayContaining(['communications_lead', 'commander']),
    );
  });

  it('lists the resolved incident when the filter asks for it', async () => {
    await page.goto('/incidents?status=resolved');
    const row = page.getByRole('row').filter({ hasText: TITLE });
    await row.waitFor();
    expect(await row.textContent()).toContain(CASEY.name);
    expect(await row.textContent()).toContain('Resolved');
    if (screenshots) {
      // A few open incidents make the list worth looking at.
      await h.server.admin.post('/api/v1/incidents', { title: 'Search is slow but works', severity: 'sev3' });
      await h.server.admin.post('/api/v1/incidents', { title: 'Emails are not being sent', severity: 'sev2' });
      await page.goto('/incidents?status=');
      await page.getByRole('row').filter({ hasText: 'Emails are not being sent' }).waitFor();
      await shoot('incidents-list');
      await page.goto(`/incidents/${number}`);
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await page.getByRole('button', { name: 'Switch to dark mode' }).click();
      await shoot('incident-page-dark', 1500);
      await page.getByRole('button', { name: 'Switch to light mode' }).click();
      await page.goto('/settings/severities');
      await page.getByRole('table', { name: 'Severities' }).waitFor();
      await shoot('settings-severities', 1400);
    }
  });

  it('ran without script errors or CSP violations in the browser', () => {
    expect(browserErrors).toEqual([]);
  });
});
