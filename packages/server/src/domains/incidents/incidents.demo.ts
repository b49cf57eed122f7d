import type { AppContext } from '../../core/context.js';
import { assignRole } from './commands/assign-role.js';
import { changeStatus } from './commands/change-status.js';
import { declareIncident } from './commands/declare-incident.js';
import { postStatusUpdate } from './commands/post-status-update.js';
import { recordDecision } from './commands/record-decision.js';
import { reportIncident } from './commands/report-incident.js';
import { addNote } from './commands/timeline.js';
import type { Viewer } from './incidents.policy.js';

// Demo incidents on top of the directory demo's people and services: one resolved Sev2 with a full
// timeline (notes, a decision, updates), one Sev1 being worked on right now, and a customer report
// waiting in triage. Skipped when there is nobody to run them.

const minutesAgo = (ctx: AppContext, m: number) => new Date(ctx.clock.now() - m * 60_000).toISOString();

export async function incidentsDemo(ctx: AppContext): Promise<void> {
  const people = await ctx.db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('deactivated_at', 'is', null)
    .where('role', 'in', ['responder', 'admin'])
    .orderBy('name')
    .limit(4)
    .execute();
  if (people.length === 0) return;
  const as = (i: number): Viewer => {
    const p = people[i % people.length]!;
    return { userId: p.id, name: p.name, role: p.role };
  };
  const services = await ctx.db.selectFrom('services').select(['id', 'name']).orderBy('name').limit(3).execute();
  const serviceIds = (i: number) => (services[i] ? [services[i].id] : []);

  const past = await declareIncident(ctx, as(0), {
    title: 'Checkout failing for card payments',
    severity: 'sev2',
    summary: 'Card payments time out at the payment provider; PayPal still works.',
    impact: 'Customers paying by card cannot complete checkout.',
    usersAffected: 1200,
    serviceIds: serviceIds(0),
    source: 'alert',
    detectedAt: minutesAgo(ctx, 5),
  });
  const pastId = past.incident.id;
  if (people.length > 1) await assignRole(ctx, as(0), pastId, { role: 'communications_lead', userId: as(1).userId });
  await addNote(ctx, as(0), pastId, {
    text: 'Error rate on /checkout jumped to 40% right after the 12:30 deploy.',
    happenedAt: minutesAgo(ctx, 4),
  });
  await recordDecision(ctx, as(0), pastId, {
    question: 'Roll back the release or patch forward?',
    options: [
      { name: 'Roll back', tradeoffs: 'Restores service in ~10 minutes; the new coupon feature goes away for a day.' },
      { name: 'Patch forward', tradeoffs: 'Keeps the feature; fix needs ~60 minutes and may not work.' },
    ],
    choice: 'Roll back',
    rationale: 'Stop the bleeding first; the feature can ship again tomorrow.',
  });
  await postStatusUpdate(ctx, as(people.length > 1 ? 1 : 0), pastId, {
    currentStatus: 'Root cause identified (a bad release); rolling back.',
    impact: 'Card payments failing for about 1,200 customers.',
  });
  await changeStatus(ctx, as(0), pastId, { status: 'identified' });
  await changeStatus(ctx, as(0), pastId, {
    status: 'monitoring',
    reason: 'Rollback finished, error rate back to normal',
  });
  await changeStatus(ctx, as(0), pastId, { status: 'resolved' });

  const current = await declareIncident(ctx, as(1), {
    title: 'Search returns no results for most queries',
    severity: 'sev1',
    summary: 'The search index looks empty after the nightly reindex.',
    impact: 'Nobody can find products; orders dropped by 70%.',
    serviceIds: serviceIds(1),
    source: 'internal',
  });
  if (people.length > 2) {
    await assignRole(ctx, as(1), current.incident.id, { role: 'investigator', userId: as(2).userId });
    await assignRole(ctx, as(1), current.incident.id, { role: 'scribe', userId: as(3).userId });
  }
  await addNote(ctx, as(1), current.incident.id, { text: 'Nightly reindex job finished with 0 documents.' });

  if (services.length > 0) {
    await reportIncident(ctx, as(2), {
      title: 'Confirmation emails not arriving',
      customer: 'ACME Corp (support ticket 4711)',
      observed: 'Three of their buyers did not receive an order confirmation since this morning.',
      serviceIds: serviceIds(2).length ? serviceIds(2) : serviceIds(0),
    });
  }
}
