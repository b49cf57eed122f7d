import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DeclaredIncident, PostmortemDetail, Service, User } from '@firebreak/shared';
import { ApiError } from '@firebreak/shared';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, type Harness, ROOT, startHarness } from './harness.js';

const PASSWORD = 'correct horse battery staple';
const RILEY = { name: 'Riley Responder', email: 'riley@example.com', password: PASSWORD };
const SAM = { name: 'Sam Lee', email: 'sam@example.com', password: PASSWORD };
const INTRO = 'Checkout returned 502 for 25 minutes after the TLS certificate of the payment gateway expired.';
const BLAME = 'The certificate expired because Sam forgot to renew it.';
const WHYS = [
  ['Why did checkout fail?', 'The payment gateway rejected our TLS handshake.'],
  ['Why was the handshake rejected?', 'The client certificate had expired.'],
  ['Why had the certificate expired?', 'Renewal is a manual step with no reminder or expiry alert.'],
] as const;
const ACTION = 'Alert when a certificate expires within 14 days';
const MINE = 'The rollback runbook was current and quick to follow.';
const THEIRS = 'Paging reached the on-call engineer within two minutes.';

const screenshots = process.env.FIREBREAK_SCREENSHOTS === '1';

describeWithBrowser('e2e: write, review and publish a postmortem', () => {
  let h: Harness;
  let context: BrowserContext;
  let page: Page;
  let number = '';
  let sam: User;
  const browserErrors: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
    const riley = await h.server.admin.post<User>('/api/v1/users', {
      ...RILEY,
      role: 'responder',
      timeZone: 'Europe/Berlin',
    });
    sam = await h.server.admin.post<User>('/api/v1/users', { ...SAM, role: 'responder', timeZone: 'Europe/Berlin' });
    const service = await h.server.admin.post<Service>('/api/v1/services', {
      name: 'Checkout API',
      description: 'Takes payments',
    });
    // Riley commands (so may publish); Sam takes part, so the blameless check knows the name.
    const { incident } = await h.server.admin.post<DeclaredIncident>('/api/v1/incidents', {
      title: 'Checkout fails: payment gateway TLS errors',
      severity: 'sev1',
      summary: 'Payments fail with 502.',
      impact: 'No one could pay for 25 minutes.',
      serviceIds: [service.id],
      commanderId: riley.id,
    });
    number = incident.number;
    await h.server.admin.post(`/api/v1/incidents/${number}/roles`, { role: 'communications_lead', userId: sam.id });
    await h.server.admin.post(`/api/v1/incidents/${number}/status`, { status: 'resolved' });

    context = await h.browser.newContext({ baseURL: h.server.baseUrl, viewport: { width: 1440, height: 1000 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => browserErrors.push(err.message));
    page.on('console', (msg) => {
      // 401 before sign-in is by design; Chromium logs every failed fetch as an error.
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) browserErrors.push(msg.text());
    });
  });

  afterAll(async () => {
    await context?.close();
    await h?.close();
  });

  const section = (title: string): Locator => page.getByRole('region', { name: title, exact: true });

  const shoot = async (name: string, height = 1000) => {
    if (!screenshots) return;
    const dir = path.join(ROOT, 'docs/images');
    mkdirSync(dir, { recursive: true });
    await page.setViewportSize({ width: 1440, height });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(dir, `${name}.png`) });
    await page.setViewportSize({ width: 1440, height: 1000 });
  };

  it('created the draft by itself when the Sev1 incident was resolved', async () => {
    // The draft is written right after the resolution commits; give the event a moment.
    let pm: PostmortemDetail | undefined;
    for (let i = 0; i < 50 && !pm; i++) {
      pm = await h.server.admin.get<PostmortemDetail>(`/api/v1/postmortems/${number}`).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) return undefined;
        throw err;
      });
      if (!pm) await new Promise((r) => setTimeout(r, 100));
    }
    expect(pm?.status).toBe('draft');
    expect(pm?.contributors.map((c) => c.person.name)).toEqual(expect.arrayContaining([RILEY.name, SAM.name]));
  });

  it('signs in and opens the postmortem from the incident page', async () => {
    await page.goto(`/incidents/${number}`);
    await page.waitForURL('**/signin?next=*');
    await page.getByRole('textbox', { name: 'Email' }).fill(RILEY.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(RILEY.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**/incidents/${number}`);
    await page.getByRole('link', { name: 'Postmortem', exact: true }).click();
    await page.waitForURL(`**/postmortems/${number}`);
    await page.getByRole('heading', { level: 1, name: /Postmortem/ }).waitFor();
    // Pre-filled from the incident: the introduction holds its summary, the timeline its key moments.
    expect(await section('Introduction').getByRole('textbox', { name: 'Introduction text' }).inputValue()).toContain(
      'Payments fail with 502.',
    );
    expect(await page.getByTestId('pm-timeline').locator('tbody tr').count()).toBeGreaterThan(1);
  });

  it('edits the introduction, with a live preview', async () => {
    const intro = section('Introduction');
    await intro.getByRole('textbox', { name: 'Introduction text' }).fill(`${INTRO}\n\nWe **rolled the cert**.`);
    await intro.getByRole('tab', { name: 'Preview' }).click();
    expect(await intro.getByTestId('markdown').locator('strong').textContent()).toBe('rolled the cert');
    await intro.getByRole('tab', { name: 'Write' }).click();
    await intro.getByRole('button', { name: 'Save Introduction' }).click();
    await intro.getByText(`Saved by ${RILEY.name}`).waitFor();
  });

  it('suggests a blameless question beside a sentence that blames a participant by name, without blocking', async () => {
    const badly = section('What went badly');
    await badly.getByRole('textbox', { name: 'What went badly text' }).fill(BLAME);
    const suggestions = badly.getByTestId('blameless');
    await suggestions.waitFor();
    expect(await suggestions.textContent()).toContain('What conditions allowed this decision to be made?');
    expect(await suggestions.locator('mark').textContent()).toBe('because Sam forgot');
    if (screenshots) await badly.screenshot({ path: path.join(ROOT, 'docs/images/postmortem-blameless.png') });
    // Advice only: the text still saves.
    await badly.getByRole('button', { name: 'Save What went badly' }).click();
    await badly.getByText(`Saved by ${RILEY.name}`).waitFor();
  });

  it('offers both texts to merge when someone else saved the same section meanwhile (409)', async () => {
    const well = section('What went well');
    await well.getByRole('textbox', { name: 'What went well text' }).fill(MINE);
    // Someone else (an admin, through the API) saves the same section while Riley is still typing.
    const before = await h.server.admin.get<PostmortemDetail>(`/api/v1/postmortems/${number}`);
    const current = before.sections.find((s) => s.key === 'went_well')!;
    await h.server.admin.put(`/api/v1/postmortems/${number}/sections/went_well`, {
      body: THEIRS,
      version: current.version,
    });
    await well.getByRole('button', { name: 'Save What went well' }).click();
    const dialog = page.getByRole('dialog', { name: 'What went well: merge the two versions' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(MINE);
    expect(await dialog.textContent()).toContain(THEIRS);
    // The merge box starts with both, so nothing is lost by saving it as it is.
    expect(await dialog.getByRole('textbox', { name: 'Merged text' }).inputValue()).toBe(`${THEIRS}\n\n${MINE}`);
    await shoot('postmortem-conflict', 900);
    await dialog.getByRole('button', { name: 'Save merged text' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const after = await h.server.admin.get<PostmortemDetail>(`/api/v1/postmortems/${number}`);
    expect(after.sections.find((s) => s.key === 'went_well')?.body).toBe(`${THEIRS}\n\n${MINE}`);
  });

  it('adds a why chain with three whys, from the immediate cause to the systemic one', async () => {
    const whys = section('Five whys');
    await whys.getByRole('button', { name: 'Add a why chain' }).click();
    const chain = whys.getByRole('region', { name: 'Why chain 1' });
    await chain.getByRole('textbox', { name: 'Problem' }).fill('Checkout failed for 25 minutes');
    for (const [i, [why, because]] of WHYS.entries()) {
      if (i > 0) await chain.getByRole('button', { name: 'Add why' }).click();
      const whyBox = chain.getByRole('textbox', { name: `Why ${i + 1}`, exact: true });
      // Each new why is pre-filled from the answer before it, ready to be reworded.
      if (i > 0) expect(await whyBox.inputValue()).toMatch(/^Why /);
      await whyBox.fill(why);
      await chain.getByRole('textbox', { name: `Because ${i + 1}`, exact: true }).fill(because);
    }
    await chain.getByRole('button', { name: 'Save chain' }).click();
    await chain.getByRole('button', { name: 'Save chain' }).and(page.locator('[disabled]')).waitFor();
    expect(await chain.textContent()).toContain(`Systemic cause${WHYS[2][1]}`);
  });

  it('adds an action item with an owner inline', async () => {
    await shoot('postmortem-editor', 2400);
    const form = page.getByRole('form', { name: 'New action item' });
    await form.getByRole('textbox', { name: 'New action item' }).fill(ACTION);
    await form.getByRole('combobox', { name: 'Owner' }).click();
    await form.getByRole('combobox', { name: 'Owner' }).fill('Sam');
    await page.getByRole('option', { name: SAM.name }).click();
    await form.getByRole('button', { name: 'Add action item' }).click();
    const items = page.getByRole('table', { name: 'Action items' });
    await items.getByRole('row').filter({ hasText: ACTION }).waitFor();
    expect(await items.getByRole('combobox', { name: `Owner of ${ACTION}` }).inputValue()).toBe(SAM.name);
  });

  it('submits for review, comments on a section, and publishes', async () => {
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByText('In review', { exact: true }).first().waitFor();
    // In review the page opens where reviewers work: rendered text and comments per section.
    const intro = section('Introduction');
    await intro
      .getByRole('textbox', { name: 'Comment on Introduction' })
      .fill('Say how we noticed: alert or customer?');
    await intro.getByRole('button', { name: 'Comment' }).click();
    await intro.getByText('Say how we noticed').waitFor();
    await shoot('postmortem-review', 1400);

    await page.getByRole('button', { name: 'Publish' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish this postmortem?' });
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Published', { exact: true }).first().waitFor();
  });

  it('stored it: the API shows it published with those contents', async () => {
    const pm = await h.server.admin.get<PostmortemDetail>(`/api/v1/postmortems/${number}`);
    expect(pm.status).toBe('published');
    expect(pm.sections.find((s) => s.key === 'introduction')?.body).toBe(`${INTRO}\n\nWe **rolled the cert**.`);
    expect(pm.fiveWhys).toHaveLength(1);
    expect(pm.fiveWhys[0]!.steps).toEqual(WHYS.map(([why, because]) => ({ why, because })));
    expect(pm.fiveWhys[0]!.systemicCause).toBe(WHYS[2][1]);
    expect(pm.actionItems.map((i) => [i.title, i.owner?.name])).toEqual([[ACTION, SAM.name]]);
    // The server's own check found the same sentence; the text was saved regardless.
    expect(pm.sections.find((s) => s.key === 'went_badly')?.body).toBe(BLAME);
    expect(pm.blameless.map((b) => [b.section, b.person])).toContainEqual(['went_badly', SAM.name]);
  });

  it('finds it in the repository by full text, and shows the action item on the board', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Postmortems' }).click();
    await page.waitForURL('**/postmortems');
    await page.getByRole('textbox', { name: 'Search' }).fill('certificate');
    await page.waitForURL('**/postmortems?q=certificate');
    const row = page.getByRole('row').filter({ hasText: number });
    await row.waitFor();
    expect(await row.textContent()).toContain('Published');
    await shoot('postmortems-list', 700);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Action items' }).click();
    await page.waitForURL('**/action-items');
    const card = page.getByRole('region', { name: 'Open' }).getByTestId('action-item').filter({ hasText: ACTION });
    await card.waitFor();
    expect(await card.textContent()).toContain(SAM.name);
    await shoot('action-items-board', 700);
  });

  it('shows the editor in dark mode too', async () => {
    if (!screenshots) return;
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`/postmortems/${number}`);
    await page.getByRole('heading', { level: 1, name: /Postmortem/ }).waitFor();
    await shoot('postmortem-dark', 1400);
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('ran without script errors or CSP violations in the browser', () => {
    expect(browserErrors).toEqual([]);
  });
});
