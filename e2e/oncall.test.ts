import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type {
  EscalationPolicy,
  Page as ListPage,
  OnCallAnswer,
  Schedule,
  ScheduleOverride,
  User,
} from '@firebreak/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, type Harness, openPage, ROOT, startHarness } from './harness.js';

const PASSWORD = 'correct horse battery staple';
const RILEY = { name: 'Riley Responder', email: 'riley@example.com', timeZone: 'Europe/Berlin' };
const ALEX = { name: 'Alex Ops', email: 'alex@example.com', timeZone: 'Europe/Berlin' };
const SAM = { name: 'Sam Sre', email: 'sam@example.com', timeZone: 'America/New_York' };
const SCHEDULE = 'Platform primary';
const POLICY = 'Platform escalation';
const HOUR = 3_600_000;

/** The local date `days` from today in `zone`, as YYYY-MM-DD (what a date input takes). */
function localDate(days: number, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    Date.now() + days * 24 * HOUR,
  );
}

describeWithBrowser('e2e: on-call schedules, overrides and escalation policies', () => {
  let h: Harness;
  let context: BrowserContext;
  let page: Page;
  const users: Record<string, User> = {};
  let scheduleId = '';
  let browserErrors: string[] = [];

  const screenshot = async (name: string) => {
    if (process.env.FIREBREAK_SCREENSHOTS !== '1') return;
    const dir = path.join(ROOT, 'docs/images');
    mkdirSync(dir, { recursive: true });
    // Toasts ("Schedule created") would cover part of the page.
    for (const close of await page.locator('.mantine-Notification-closeButton').all()) await close.click();
    await page.mouse.move(0, 0);
    // A full-page shot of a scrolled page would draw the fixed header half-way down.
    await page.evaluate('window.scrollTo(0, 0)');
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(dir, `${name}-dark.png`), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForTimeout(300);
  };

  /** Picks `option` in the Mantine select or multi-select labelled `label` inside `scope`. */
  const pick = async (scope: Page | ReturnType<Page['locator']>, label: string, search: string, option: string) => {
    const input = scope.getByLabel(label);
    await input.click();
    await input.fill(search);
    await page.getByRole('option', { name: option, exact: true }).click();
  };

  beforeAll(async () => {
    h = await startHarness();
    for (const [key, person] of Object.entries({ riley: RILEY, alex: ALEX, sam: SAM })) {
      users[key] = await h.server.admin.post<User>('/api/v1/users', {
        ...person,
        password: PASSWORD,
        role: 'responder',
      });
    }
    ({ context, page, errors: browserErrors } = await openPage(h, { width: 1360, height: 900 }));
  });

  afterAll(async () => {
    await context?.close();
    await h?.close();
  });

  it('signs in and opens the On-call page from the navigation', async () => {
    await page.goto('/');
    await page.waitForURL('**/signin**');
    await page.getByRole('textbox', { name: 'Email' }).fill(RILEY.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'On-call' }).click();
    await page.waitForURL('**/oncall');
    await page.getByRole('heading', { name: 'On-call', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Who is on call now' }).waitFor();
    await page.getByText('No schedules yet.').waitFor();
  });

  it('creates a schedule with a weekly rotation of two people', async () => {
    await page.getByRole('link', { name: 'New schedule' }).click();
    await page.waitForURL('**/oncall/schedules/new');
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(SCHEDULE);
    const layer = page.getByRole('group', { name: 'Layer Layer 1' });
    await layer.getByRole('textbox', { name: 'Layer name' }).fill('Weekly primary');
    const renamed = page.getByRole('group', { name: 'Layer Weekly primary' });
    await pick(renamed, 'Add a participant to Weekly primary', 'Alex', ALEX.name);
    await pick(renamed, 'Add a participant to Weekly primary', 'Sam', SAM.name);
    expect(await renamed.getByRole('list', { name: 'Rotation order of Weekly primary' }).textContent()).toMatch(
      /1\.Alex Ops.*2\.Sam Sre/,
    );
    await renamed.getByText('Weekly', { exact: true }).click();
    // Started a week ago, so the two-week view shows Alex's shift ending and Sam's whole week.
    await renamed.getByLabel('Start date').fill(localDate(-7, RILEY.timeZone));
    await renamed.getByLabel('Handoff time').fill('09:00');
    await page.getByRole('button', { name: 'Create schedule' }).click();
    await page.waitForURL(/\/oncall\/schedules\/(?!new$)[^/]+$/);
    scheduleId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    await page.getByRole('heading', { name: SCHEDULE, level: 1 }).waitFor();
  });

  it('shows both people in the final schedule of the timeline', async () => {
    const final = page.getByRole('group', { name: 'Final schedule' });
    await final
      .getByRole('button', { name: new RegExp(`^${SAM.name},`) })
      .first()
      .waitFor();
    await final
      .getByRole('button', { name: new RegExp(`^${ALEX.name},`) })
      .first()
      .waitFor();
    // The layer's own row shows the same rotation.
    await page
      .getByRole('group', { name: 'Weekly primary', exact: true })
      .getByRole('button', { name: new RegExp(`^${SAM.name},`) })
      .first()
      .waitFor();
  });

  it("adds an override for one of Sam's shifts by picking it on the timeline", async () => {
    const samShift = page
      .getByRole('group', { name: 'Final schedule' })
      .getByRole('button', { name: new RegExp(`^${SAM.name},`) })
      .first();
    await samShift.click();
    const details = page.getByRole('dialog', { name: `${SAM.name} on call` });
    await details.getByRole('button', { name: 'Add override' }).click();
    const form = page.getByRole('dialog', { name: 'Add override' });
    // Prefilled from the shift: Riley (me) covers Sam for the whole shift.
    expect(await form.getByLabel('Who will be on call').inputValue()).toBe(RILEY.name);
    expect(await form.getByLabel('Covering').inputValue()).toBe(SAM.name);
    expect(await form.getByLabel(`Start (${RILEY.timeZone})`).inputValue()).toMatch(/T09:00$/);
    await form.getByRole('textbox', { name: 'Reason' }).fill('Sam is at a conference');
    await form.getByRole('button', { name: 'Save override' }).click();
    await form.waitFor({ state: 'hidden' });
    await page
      .getByRole('group', { name: 'Overrides' })
      .getByRole('button', { name: new RegExp(`^${RILEY.name} for ${SAM.name},`) })
      .waitFor();
    await page
      .getByRole('group', { name: 'Final schedule' })
      .getByRole('button', { name: new RegExp(`^${RILEY.name},`) })
      .first()
      .waitFor();
    await page.getByRole('table', { name: 'Overrides' }).getByText('Sam is at a conference').waitFor();
    await screenshot('oncall-schedule');
  });

  it('the API agrees: the override person is on call during it, and the rotation resumes after it', async () => {
    const { items } = await h.server.admin.get<ListPage<ScheduleOverride>>(
      `/api/v1/schedules/${scheduleId}/overrides`,
      {
        from: new Date(Date.now() - 14 * 24 * HOUR).toISOString(),
        to: new Date(Date.now() + 28 * 24 * HOUR).toISOString(),
      },
    );
    expect(items).toHaveLength(1);
    const override = items[0] as ScheduleOverride;
    expect(override.user.id).toBe(users.riley?.id);
    expect(override.replacedUser?.id).toBe(users.sam?.id);
    const start = Date.parse(override.start);
    const end = Date.parse(override.end);
    // A weekly shift (167–169 h across a DST change).
    expect(end - start).toBeGreaterThanOrEqual(167 * HOUR);

    const during = await h.server.admin.get<OnCallAnswer>('/api/v1/oncall', {
      schedule: scheduleId,
      at: new Date((start + end) / 2).toISOString(),
    });
    expect(during.items.map((e) => e.user.name)).toEqual([RILEY.name]);
    expect(during.items[0]?.overrideId).toBe(override.id);

    const after = await h.server.admin.get<OnCallAnswer>('/api/v1/oncall', {
      schedule: scheduleId,
      at: new Date(end + HOUR).toISOString(),
    });
    expect(after.items.map((e) => e.user.name)).toEqual([ALEX.name]);
  });

  it('edits the schedule: a nightly layer on top, restricted to 20:00–08:00', async () => {
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.waitForURL('**/edit');
    await page.getByRole('button', { name: 'Add layer' }).click();
    const nights = page.getByRole('group', { name: 'Layer Layer 2' });
    await nights.getByRole('textbox', { name: 'Layer name' }).fill('Nights');
    const layer = page.getByRole('group', { name: 'Layer Nights' });
    await pick(layer, 'Add a participant to Nights', 'Alex', ALEX.name);
    await layer.getByText('Daily', { exact: true }).click();
    await layer.getByRole('button', { name: 'Nightly 20:00–08:00' }).click();
    await layer.getByText('Every day 20:00–08:00 (next day)').waitFor();
    await screenshot('oncall-schedule-editor');
    await page.getByRole('button', { name: 'Save schedule' }).click();
    await page.waitForURL(/\/oncall\/schedules\/[^/]+$/);
    await page.getByRole('group', { name: 'Nights', exact: true }).waitFor();

    const schedule = await h.server.admin.get<Schedule>(`/api/v1/schedules/${scheduleId}`);
    expect(schedule.layers.map((l) => [l.name, l.rotation.unit, l.restrictions])).toEqual([
      ['Weekly primary', 'week', []],
      ['Nights', 'day', [{ days: [], start: '20:00', end: '08:00' }]],
    ]);
  });

  it('lists the schedule on the On-call page with who is on call and its coverage', async () => {
    await page.getByRole('link', { name: 'On-call', exact: true }).first().click();
    await page.waitForURL('**/oncall');
    const row = page.getByRole('table', { name: 'Schedules' }).getByRole('row').filter({ hasText: SCHEDULE });
    await row.waitFor();
    // Started a week ago with two people: the next 14 days are covered.
    await row.getByText('Covered').waitFor();
    expect(await row.textContent()).toContain('Weekly, handoff at 09:00');
  });

  it('creates an escalation policy with two levels and shows its warnings', async () => {
    const alex = users.alex as User;
    for (const method of alex.contactMethods) {
      await h.server.admin.delete(`/api/v1/users/${alex.id}/contact-methods/${method.id}`);
    }
    await page.getByRole('link', { name: 'New escalation policy' }).click();
    await page.waitForURL('**/oncall/policies/new');
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(POLICY);
    const first = page.getByRole('group', { name: '1st level' });
    await pick(first, 'Notify', 'Alex', ALEX.name);
    await first.getByRole('textbox', { name: 'Escalate after (minutes)' }).fill('10');
    await page.getByRole('button', { name: 'Add level' }).click();
    const second = page.getByRole('group', { name: '2nd level' });
    await pick(second, 'Notify', 'Platform', SCHEDULE);
    await page.getByRole('button', { name: 'Create policy' }).click();
    await page.waitForURL(/\/oncall\/policies\/(?!new$)[^/]+$/);
    await page.getByRole('heading', { name: POLICY, level: 1 }).waitFor();
    // Alex removed his only contact method before the policy was saved: the server warns, and the page says so.
    const warning = page.getByRole('status').filter({ hasText: 'Saved, but a page may go unanswered' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain('Alex Ops');
    expect(await warning.textContent()).toContain('no contact method');
    await screenshot('oncall-policy');

    const policyId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    const policy = await h.server.admin.get<EscalationPolicy>(`/api/v1/escalation-policies/${policyId}`);
    expect(policy.levels.map((l) => [l.name, l.delayMinutes, l.targets.map((t) => `${t.kind}:${t.name}`)])).toEqual([
      ['1st level', 10, [`user:${ALEX.name}`]],
      ['2nd level', 15, [`schedule:${SCHEDULE}`]],
    ]);
  });

  it('shows the policy on the On-call page', async () => {
    await page.getByRole('link', { name: 'On-call', exact: true }).first().click();
    const row = page.getByRole('table', { name: 'Escalation policies' }).getByRole('row').filter({ hasText: POLICY });
    await row.waitFor();
    expect(await row.textContent()).toContain(`1st level: ${ALEX.name}`);
    // Riley covers Sam's week, Alex has the week before it: one of them is on call now.
    await page
      .getByRole('table', { name: 'On call' })
      .getByText(new RegExp(`${RILEY.name}|${ALEX.name}`))
      .first()
      .waitFor();
    await screenshot('oncall');
  });

  it('ran without script errors or CSP violations in the browser', () => {
    expect(browserErrors).toEqual([]);
  });
});
