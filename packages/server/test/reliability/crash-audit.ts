import type { DB } from '../../src/core/db/database.js';
import { listDeadJobs } from '../../src/core/scheduler/jobs.repo.js';
import type { AlertEventRow } from '../../src/domains/alerts/alerts.model.js';
import type { PageRow } from '../../src/domains/paging/pages.repo.js';
import { LEVEL_DELAY_MS, levelPath, type Peer } from './crash-world.js';

// What a crash test checks, read straight from the database the processes shared and from what the
// webhook peer received. The expectations come from the set-up, not from the code under test: a
// group pages at once (no grace period), a page runs level 1 at once and level 2 one level delay
// after level 1 ran, and each level's person gets a webhook at the peer.

export type PagingAudit = {
  /** Work due at or before this moment (epoch ms) is expected done. */
  checkAt: number;
  groups: number;
  stepsDue: number;
  stepsFired: number;
  deliveriesDue: number;
  deliveriesSeen: number;
  /** Jobs pending or running whose run_at is at or before checkAt. */
  overdueJobs: number;
  deadJobs: string[];
  /** One line per thing that should have happened and did not (first few only). */
  missing: string[];
  /** What should not have happened: a second page for a group, a level notified twice, a step run early. */
  unexpected: string[];
};

const SHOWN = 10;

export async function auditPaging(db: DB, peer: Peer, checkAt: number): Promise<PagingAudit> {
  const groups = await db
    .selectFrom('alert_groups')
    .select(['id', 'page_id', 'created_at'])
    .where('created_at', '<=', checkAt)
    .execute();
  const pageRows = await db.selectFrom('pages').select(['id', 'created_at', 'dedup_key']).execute();
  const pages = new Map(pageRows.map((p) => [p.id, p] as const));
  const stepStarts = new Map(
    (await db.selectFrom('page_steps').select(['page_id', 'step', 'started_at']).execute()).map(
      (s) => [`${s.page_id}:${s.step}`, s.started_at] as const,
    ),
  );
  const delivered = deliveredLevels(peer);
  const missing: string[] = [];
  const early: string[] = [];
  let stepsDue = 0;
  let stepsFired = 0;
  let deliveriesSeen = 0;
  for (const group of groups) {
    const page = group.page_id ? pages.get(group.page_id) : undefined;
    if (!page) {
      stepsDue++;
      missing.push(`group ${group.id} (opened ${iso(group.created_at)}) has no page`);
      continue;
    }
    for (const [step, dueAt] of dueSteps(page, stepStarts, checkAt)) {
      stepsDue++;
      if (!stepStarts.has(`${page.id}:${step}`)) {
        missing.push(`page ${page.id} step ${step} due ${iso(dueAt)} did not run`);
        continue;
      }
      stepsFired++;
      const ranAt = stepStarts.get(`${page.id}:${step}`)!;
      if (ranAt < dueAt) early.push(`page ${page.id} step ${step} ran ${dueAt - ranAt} ms before it was due`);
      if (delivered.has(`${page.id}${levelPath(step)}`)) deliveriesSeen++;
      else missing.push(`page ${page.id} step ${step}: nothing delivered at ${levelPath(step)}`);
    }
  }
  const overdue = await db
    .selectFrom('jobs')
    .select(['kind', 'status', 'run_at'])
    .where('status', 'in', ['pending', 'running'])
    .where('run_at', '<=', checkAt)
    .execute();
  for (const job of overdue.slice(0, SHOWN)) missing.push(`job ${job.kind} due ${iso(job.run_at)} is ${job.status}`);
  const dead = await listDeadJobs(db);
  return {
    checkAt,
    groups: groups.length,
    stepsDue,
    stepsFired,
    deliveriesDue: stepsFired,
    deliveriesSeen,
    overdueJobs: overdue.length,
    deadJobs: dead.map((j) => `${j.kind} after ${j.attempts} attempts: ${j.lastError?.split('\n')[0]}`),
    missing: missing.slice(0, SHOWN),
    unexpected: [
      ...early,
      ...repeated(pageRows.map((p) => p.dedup_key ?? p.id)).map((key) => `more than one page for ${key}`),
      ...repeated(distinctNotifications(peer)).map((level) => `${level} notified under several notification ids`),
    ].slice(0, SHOWN),
  };
}

/** The values that occur more than once. */
function repeated(values: string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const v of values) (seen.has(v) ? twice : seen).add(v);
  return [...twice];
}

/** `<page id><level path>` once per notification id the peer received for it. */
function distinctNotifications(peer: Peer): string[] {
  const pairs = new Set(peer.deliveries.filter((d) => d.pageId).map((d) => `${d.pageId}${d.path} ${d.idempotencyKey}`));
  return [...pairs].map((pair) => pair.split(' ')[0]!);
}

export const pagingSettled = (a: PagingAudit) =>
  a.stepsFired === a.stepsDue && a.deliveriesSeen === a.deliveriesDue && a.overdueJobs === 0;

/** Step 0 is due when the page is created; step 1 one level delay after step 0 ran. */
function dueSteps(page: Pick<PageRow, 'id' | 'created_at'>, stepStarts: Map<string, number>, checkAt: number) {
  const due: [step: number, dueAt: number][] = [];
  if (page.created_at > checkAt) return due;
  due.push([0, page.created_at]);
  const first = stepStarts.get(`${page.id}:0`);
  if (first !== undefined && first + LEVEL_DELAY_MS <= checkAt) due.push([1, first + LEVEL_DELAY_MS]);
  return due;
}

/** `<page id><level path>` of every webhook the peer received. */
function deliveredLevels(peer: Peer): Set<string> {
  const out = new Set<string>();
  for (const d of peer.deliveries) if (d.pageId) out.add(`${d.pageId}${d.path}`);
  return out;
}

export type NotificationDuplicates = {
  /** Webhooks received beyond the first, per notification id (Idempotency-Key). */
  duplicates: number;
  /** Duplicates not explained by an attempt the next process found interrupted (at-least-once). */
  unexplained: number;
};

export async function auditNotificationDuplicates(db: DB, peer: Peer): Promise<NotificationDuplicates> {
  const received = new Map<string, number>();
  for (const { idempotencyKey: key } of peer.deliveries) received.set(key, (received.get(key) ?? 0) + 1);
  const interrupted = new Map<string, number>();
  for (const a of await db
    .selectFrom('notification_attempts')
    .select('notification_id')
    .where('status', '=', 'interrupted')
    .execute()) {
    interrupted.set(a.notification_id, (interrupted.get(a.notification_id) ?? 0) + 1);
  }
  let duplicates = 0;
  let unexplained = 0;
  for (const [key, count] of received) {
    duplicates += count - 1;
    unexplained += Math.max(0, count - 1 - (interrupted.get(key) ?? 0));
  }
  return { duplicates, unexplained };
}

export type EventAudit = {
  acknowledged: number;
  /** Acknowledged events found in alert_events. */
  acknowledgedStored: number;
  /** Every stored event of the run, acknowledged or not (a kill between commit and answer). */
  stored: number;
  lost: number[];
  /** Sequence numbers stored more than once. */
  duplicates: number[];
};

export async function auditEvents(db: DB, acknowledged: readonly number[]): Promise<EventAudit> {
  const rows: Pick<AlertEventRow, 'details'>[] = await db.selectFrom('alert_events').select('details').execute();
  const copies = new Map<number, number>();
  for (const row of rows) {
    const seq = (JSON.parse(row.details ?? '{}') as { seq?: number }).seq;
    if (seq !== undefined) copies.set(seq, (copies.get(seq) ?? 0) + 1);
  }
  const lost = acknowledged.filter((seq) => !copies.has(seq));
  return {
    acknowledged: acknowledged.length,
    acknowledgedStored: acknowledged.length - lost.length,
    stored: copies.size,
    lost,
    duplicates: [...copies].filter(([, n]) => n > 1).map(([seq]) => seq),
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
