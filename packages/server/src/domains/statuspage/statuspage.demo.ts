import type { AppContext } from '../../core/context.js';
import { changeStatus, declareIncident, type Viewer } from '../incidents/index.js';
import { createComponent, createComponentGroup } from './commands/components.js';
import { scheduleMaintenance, updateMaintenance } from './commands/maintenance.js';
import { postPublicUpdate } from './commands/post-public-update.js';
import { publishIncident } from './commands/publish-incident.js';
import { draftReport, editReport, publishReport, reviewReport } from './commands/reports.js';
import { resolvePublicIncident } from './commands/resolve-public-incident.js';
import { updateStatusPageSettings } from './commands/update-settings.js';

// A status page with history: components in groups created 90 days ago, three past incidents
// (one with a published report) and a completed maintenance spread over those days, the incident
// demo's current Sev1 published, and a maintenance coming up. Past events are made by running the
// ordinary commands with the clock set back, so the uptime bars come from real status history.

const DAY = 86_400_000;
const MIN = 60_000;

/** The same context with the clock fixed at `ms`: commands then record that time. */
const at = (ctx: AppContext, ms: number): AppContext => ({ ...ctx, clock: { now: () => ms, sleep: ctx.clock.sleep } });

export async function statuspageDemo(ctx: AppContext): Promise<void> {
  const people = await ctx.db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('deactivated_at', 'is', null)
    .where('role', '=', 'admin')
    .union(
      ctx.db
        .selectFrom('users')
        .select(['id', 'name', 'role'])
        .where('deactivated_at', 'is', null)
        .where('role', '=', 'responder'),
    )
    .execute();
  const admin = people.find((p) => p.role === 'admin');
  if (!admin) return;
  const as = (p: { id: string; name: string; role: string }): Viewer => ({
    userId: p.id,
    name: p.name,
    role: p.role as Viewer['role'],
  });
  const lead = as(admin);
  const reviewer = as(people.find((p) => p.id !== admin.id) ?? admin);
  const now = ctx.clock.now();
  const start = now - 90 * DAY;
  const services = await ctx.db.selectFrom('services').select(['id', 'name']).execute();
  const serviceNamed = (...words: string[]) =>
    services.filter((s) => words.some((w) => s.name.toLowerCase().includes(w))).map((s) => s.id);

  await updateStatusPageSettings(at(ctx, start), lead, {
    name: 'Acme Shop',
    brandColor: '#6639ba',
    supportUrl: 'https://example.com/help',
  });
  const early = at(ctx, start);
  const web = await createComponentGroup(early, lead, { name: 'Shop', description: 'The website and checkout' });
  const apps = await createComponentGroup(early, lead, { name: 'Apps and API' });
  const site = await createComponent(early, lead, {
    name: 'Website',
    groupId: web.id,
    serviceIds: serviceNamed('web'),
  });
  const checkout = await createComponent(early, lead, {
    name: 'Checkout and payments',
    groupId: web.id,
    serviceIds: serviceNamed('checkout', 'payment'),
  });
  const search = await createComponent(early, lead, {
    name: 'Search',
    groupId: web.id,
    serviceIds: serviceNamed('search'),
  });
  const api = await createComponent(early, lead, {
    name: 'Public API',
    groupId: apps.id,
    serviceIds: serviceNamed('api'),
  });
  await createComponent(early, lead, {
    name: 'Mobile apps',
    groupId: apps.id,
    serviceIds: serviceNamed('mobile', 'ios', 'android'),
  });
  const email = await createComponent(early, lead, {
    name: 'Order emails',
    description: 'Confirmations and shipping notices',
    serviceIds: serviceNamed('email', 'notification'),
  });

  const past = [
    {
      daysAgo: 61,
      minutes: 95,
      title: 'Payment provider timeouts',
      name: 'Card payments failing at checkout',
      components: [{ componentId: checkout.id, status: 'major_outage' as const }],
      impact: 'major' as const,
      first: 'Some customers cannot pay by card. PayPal still works. We are investigating.',
      fix: 'Our payment provider fixed a fault on their side; card payments work again.',
      report: true,
    },
    {
      daysAgo: 33,
      minutes: 240,
      title: 'API p99 latency over 5 s',
      name: 'Slow responses from the public API',
      components: [{ componentId: api.id, status: 'degraded_performance' as const }],
      impact: 'minor' as const,
      first: 'Requests to our API are slower than usual. Nothing is lost; requests complete.',
      fix: 'We added capacity and the API responds at normal speed again.',
      report: false,
    },
    {
      daysAgo: 8,
      minutes: 50,
      title: 'Mail relay queue stuck',
      name: 'Order confirmation emails delayed',
      components: [{ componentId: email.id, status: 'partial_outage' as const }],
      impact: 'minor' as const,
      first: 'Order confirmation emails are arriving late. Your orders are placed and safe.',
      fix: 'The delayed emails have all been sent.',
      report: false,
    },
  ];
  for (const p of past) {
    const t0 = now - p.daysAgo * DAY;
    const declared = await declareIncident(at(ctx, t0), lead, {
      title: p.title,
      severity: p.impact === 'major' ? 'sev2' : 'sev3',
      summary: p.first,
      impact: p.first,
    });
    const published = await publishIncident(at(ctx, t0 + 5 * MIN), lead, {
      incidentId: declared.incident.id,
      name: p.name,
      body: p.first,
      impact: p.impact,
      components: p.components,
    });
    await postPublicUpdate(at(ctx, t0 + 25 * MIN), lead, published.id, {
      status: 'identified',
      body: 'We have found the cause and are working on a fix.',
    });
    await changeStatus(at(ctx, t0 + p.minutes * MIN), lead, declared.incident.id, { status: 'resolved' });
    await resolvePublicIncident(at(ctx, t0 + p.minutes * MIN), lead, published.id, { body: p.fix, confirm: true });
    if (p.report && reviewer.userId !== lead.userId) {
      const later = at(ctx, t0 + 2 * DAY);
      await draftReport(later, lead, published.id, {});
      await editReport(later, lead, published.id, {
        rootCause:
          'A certificate at our payment provider expired, and our checkout did not fall back to a second provider.',
        whatWeFixed: 'The provider renewed the certificate. We now monitor their certificates ourselves.',
        prevention:
          'Checkout now fails over to a second card provider automatically; we test the failover every month.',
      });
      await reviewReport(later, reviewer, published.id);
      await publishReport(later, lead, published.id);
    }
  }

  const mStart = now - 20 * DAY;
  const maintenance = await scheduleMaintenance(at(ctx, mStart - 3 * DAY), lead, {
    name: 'Database upgrade',
    body: 'We are upgrading our main database. The website may be slow for a few minutes.',
    scheduledFor: new Date(mStart).toISOString(),
    scheduledUntil: new Date(mStart + 2 * 3_600_000).toISOString(),
    componentIds: [site.id, checkout.id],
  });
  await updateMaintenance(at(ctx, mStart), lead, maintenance.id, {
    status: 'in_progress',
    body: 'The upgrade has started.',
  });
  await updateMaintenance(at(ctx, mStart + 80 * MIN), lead, maintenance.id, {
    status: 'completed',
    body: 'The upgrade is done; everything works as before.',
  });

  const current = await ctx.db
    .selectFrom('incidents')
    .select('id')
    .where('title', '=', 'Search returns no results for most queries')
    .where('status', 'in', ['investigating', 'identified', 'monitoring'])
    .where('private', '=', 0)
    .executeTakeFirst();
  if (current) {
    await publishIncident(ctx, lead, {
      incidentId: current.id,
      name: 'Search shows no results',
      body: 'Searching the shop returns no results for most searches. Browsing categories still works. We are working on it.',
      impact: 'major',
      components: [{ componentId: search.id, status: 'partial_outage' }],
    });
  }

  const next = now + 3 * DAY;
  await scheduleMaintenance(ctx, lead, {
    name: 'Search index rebuild',
    body: 'We will rebuild the search index. Search may return incomplete results for up to an hour.',
    scheduledFor: new Date(next).toISOString(),
    scheduledUntil: new Date(next + 3_600_000).toISOString(),
    componentIds: [search.id],
    serviceIds: serviceNamed('search'),
  });
}
