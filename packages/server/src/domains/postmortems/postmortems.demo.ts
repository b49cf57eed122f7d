import type { AppContext } from '../../core/context.js';
import { changeStatus } from '../incidents/commands/change-status.js';
import { declareIncident } from '../incidents/commands/declare-incident.js';
import { postStatusUpdate } from '../incidents/commands/post-status-update.js';
import type { Viewer } from '../incidents/incidents.policy.js';
import { getActionItemRow } from './action-items.repo.js';
import { createActionItem, updateActionItem } from './commands/action-items.js';
import { addFactor, addWhyChain } from './commands/analysis.js';
import { createPostmortem } from './commands/create-postmortem.js';
import { changePostmortemStatus, updatePostmortem } from './commands/edit-postmortem.js';
import { saveSection } from './commands/sections.js';
import { getPostmortemRow, getSectionRow } from './postmortems.repo.js';

// Two published postmortems on the demo's resolved incidents, each with five whys, contributing
// factors and action items in several states (one overdue). The incidents demo leaves one resolved
// incident; a second, older one is declared and resolved here through the incidents' own commands.

const DAY = 24 * 60 * 60_000;

type Story = {
  tags: string[];
  sections: Record<string, string>;
  whys: { problem: string; steps: { why: string; because: string }[] }[];
  factors: { category: string; description: string }[];
  items: {
    title: string;
    kind: 'immediate' | 'long_term';
    priority: 'high' | 'medium' | 'low';
    status: 'open' | 'in_progress' | 'blocked' | 'done';
    dueInDays: number;
    trackerUrl?: string;
  }[];
};

const CHECKOUT: Story = {
  tags: ['checkout', 'deploys'],
  sections: {
    went_well: '- The error-rate alert fired within a minute of the deploy.\n- Rolling back took under ten minutes.',
    went_badly:
      '- The canary stage does not exercise card payments, so the bad release reached everyone.\n- Our first status update came later than the cadence asked for.',
  },
  whys: [
    {
      problem: 'Card payments failed at checkout for about 25 minutes.',
      steps: [
        {
          why: 'Why did card payments fail?',
          because: 'The payment client sent requests without the new idempotency header.',
        },
        {
          why: 'Why was the header missing?',
          because: 'The coupon release upgraded the client library, which changed its defaults.',
        },
        { why: 'Why did the change go unnoticed?', because: 'No automated test covers a card payment end to end.' },
        {
          why: 'Why is there no such test?',
          because: 'The payment provider sandbox was considered too flaky for CI, and nobody owns making it reliable.',
        },
      ],
    },
  ],
  factors: [
    { category: 'deployment', description: 'The canary does not include card payment traffic.' },
    { category: 'testing', description: 'No end-to-end test of a card payment against the provider sandbox.' },
  ],
  items: [
    {
      title: 'Add card payments to the canary checks',
      kind: 'immediate',
      priority: 'high',
      status: 'done',
      dueInDays: -2,
    },
    {
      title: 'End-to-end card payment test in CI against the sandbox',
      kind: 'long_term',
      priority: 'high',
      status: 'in_progress',
      dueInDays: 10,
      trackerUrl: 'https://github.com/acme/shop/issues/812',
    },
    {
      title: 'Pin payment client defaults explicitly',
      kind: 'immediate',
      priority: 'medium',
      status: 'open',
      dueInDays: -3,
    },
  ],
};

const EMAILS: Story = {
  tags: ['email', 'queues'],
  sections: {
    went_well: '- Support spotted the pattern in tickets quickly and filed a report.',
    went_badly: '- The queue had no alert on age of the oldest message, so we learned from customers.',
  },
  whys: [
    {
      problem: 'Order confirmation emails were delayed by up to two hours.',
      steps: [
        { why: 'Why were emails delayed?', because: 'The mail queue consumer was stuck on one malformed message.' },
        {
          why: 'Why did one message stop the consumer?',
          because: 'Failed messages were retried forever at the head of the queue.',
        },
        { why: 'Why were they retried forever?', because: 'The queue has no dead-letter policy.' },
      ],
    },
    {
      problem: 'We found out from customers, not from monitoring.',
      steps: [
        { why: 'Why did monitoring not tell us?', because: 'We alert on consumer errors, not on message age.' },
        {
          why: 'Why only on errors?',
          because: 'Queue alerting was set up before the queue carried customer-facing mail.',
        },
      ],
    },
  ],
  factors: [
    { category: 'monitoring', description: 'No alert on the age of the oldest message in the mail queue.' },
    { category: 'configuration', description: 'No dead-letter queue: poison messages block the consumer.' },
  ],
  items: [
    {
      title: 'Dead-letter queue for the mail consumer',
      kind: 'immediate',
      priority: 'high',
      status: 'done',
      dueInDays: -5,
      trackerUrl: 'https://linear.app/acme/issue/OPS-231/dead-letter-queue',
    },
    {
      title: 'Alert on oldest message age above 10 minutes',
      kind: 'immediate',
      priority: 'high',
      status: 'blocked',
      dueInDays: 3,
    },
    {
      title: 'Review every queue for customer-facing traffic',
      kind: 'long_term',
      priority: 'low',
      status: 'open',
      dueInDays: 30,
    },
  ],
};

async function writeStory(ctx: AppContext, by: Viewer, postmortemId: string, story: Story) {
  for (const [key, text] of Object.entries(story.sections)) {
    const section = await getSectionRow(ctx.db, postmortemId, key);
    if (section) await saveSection(ctx, by, postmortemId, key, { body: text, version: section.version });
  }
  for (const chain of story.whys) await addWhyChain(ctx, by, postmortemId, chain);
  for (const factor of story.factors) await addFactor(ctx, by, postmortemId, factor);
  for (const item of story.items) {
    const id = await createActionItem(ctx, by, {
      from: { kind: 'postmortem', id: postmortemId },
      title: item.title,
      kind: item.kind,
      priority: item.priority,
      ownerId: by.userId,
      dueAt: new Date(ctx.clock.now() + item.dueInDays * DAY).toISOString(),
      trackerUrl: item.trackerUrl,
    });
    if (item.status !== 'open') {
      const row = (await getActionItemRow(ctx.db, id))!;
      await updateActionItem(ctx, by, id, { version: row.version, status: item.status });
    }
  }
  const pm = (await getPostmortemRow(ctx.db, postmortemId))!;
  await updatePostmortem(ctx, by, postmortemId, {
    version: pm.version,
    tags: story.tags,
    reviewMeetingAt: new Date(ctx.clock.now() - DAY).toISOString(),
  });
  await changePostmortemStatus(ctx, by, postmortemId, { status: 'in_review' });
  await changePostmortemStatus(ctx, by, postmortemId, { status: 'published' });
}

async function secondResolvedIncident(ctx: AppContext, by: Viewer): Promise<string> {
  const { incident } = await declareIncident(ctx, by, {
    title: 'Order confirmation emails delayed',
    severity: 'sev2',
    summary: 'Confirmation emails arrived up to two hours late; the mail queue consumer was stuck.',
    impact: 'Customers did not get order confirmations and contacted support.',
    source: 'customer_report',
    detectedAt: new Date(ctx.clock.now() - 40 * 60_000).toISOString(),
  });
  await postStatusUpdate(ctx, by, incident.id, {
    currentStatus: 'A stuck queue consumer delays confirmation emails; restarting it.',
    impact: 'Order confirmations delayed.',
  });
  await changeStatus(ctx, by, incident.id, { status: 'resolved' });
  return incident.id;
}

export async function postmortemsDemo(ctx: AppContext): Promise<void> {
  const resolved = await ctx.db
    .selectFrom('incidents')
    .select('id')
    .where('status', 'in', ['resolved', 'closed'])
    .where('severity_id', 'is not', null)
    .orderBy('number')
    .limit(2)
    .execute();
  const people = await ctx.db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('deactivated_at', 'is', null)
    .where('role', 'in', ['responder', 'admin'])
    .orderBy('name')
    .limit(1)
    .execute();
  if (people.length === 0) return;
  const fallback: Viewer = { userId: people[0]!.id, name: people[0]!.name, role: people[0]!.role };
  const incidentIds = resolved.map((r) => r.id);
  if (incidentIds.length < 2) incidentIds.push(await secondResolvedIncident(ctx, fallback));

  const stories = [CHECKOUT, EMAILS];
  for (const [i, incidentId] of incidentIds.slice(0, 2).entries()) {
    const { id } = await createPostmortem(ctx, fallback, { incidentId }, { automatic: true });
    const pm = (await getPostmortemRow(ctx.db, id))!;
    if (pm.status !== 'draft') continue;
    // Write as the owner (the incident's commander), who may publish.
    const owner = pm.owner_id
      ? await ctx.db.selectFrom('users').select(['id', 'name', 'role']).where('id', '=', pm.owner_id).executeTakeFirst()
      : undefined;
    const by: Viewer = owner ? { userId: owner.id, name: owner.name, role: owner.role } : fallback;
    await writeStory(ctx, by, id, stories[i]!);
  }
}
