import { hostname } from 'node:os';
import { sql } from 'kysely';
import type { DB } from '../../src/core/db/database.js';
import '../../src/core/scheduler/jobs.model.js';
import '../../src/domains/paging/paging.model.js';

// What the cluster test reads from the shared database: the jobs a process holds, how long they
// stayed with it after it died, and when each escalation step was due and fired.

/** `locked_by` of a `firebreak serve` process: the scheduler's default worker id is host:pid:random. */
const workerOf = (pid: number) => `${hostname()}:${pid}:%`;

export async function runningJobsOf(db: DB, pid: number) {
  return db
    .selectFrom('jobs')
    .select(['id', 'kind', 'locked_until'])
    .where('status', '=', 'running')
    .where('locked_by', 'like', workerOf(pid))
    .execute();
}

export type HeldJob = { id: string; kind: string; lockedUntil: number; movedOnAt: number };

/**
 * Watches the jobs a killed process held until every one has moved on: finished (row gone) or
 * claimed by another worker. `movedOnAt` is when a poll that no longer saw it returned (at most one poll late). A claim the process sent
 * just before dying may commit a moment after the kill, so the watch keeps looking for a second.
 */
export async function watchTakeover(db: DB, pid: number, killedAt: number, timeoutMs = 15_000): Promise<HeldJob[]> {
  const held = new Map<string, HeldJob>();
  const pending = new Set<string>();
  for (;;) {
    const rows = await runningJobsOf(db, pid);
    // After the query: a job it no longer shows moved on by now, so "moved on before its lease
    // ended" is only claimed when the query had finished before the lease ended.
    const now = Date.now();
    const current = new Set(rows.map((r) => r.id));
    for (const row of rows) {
      // A renewal may still land between the signal and the process's death: keep the latest lease.
      const job = held.get(row.id);
      if (job) job.lockedUntil = Number(row.locked_until);
      else held.set(row.id, { id: row.id, kind: row.kind, lockedUntil: Number(row.locked_until), movedOnAt: 0 });
      pending.add(row.id);
    }
    for (const id of pending) {
      if (current.has(id)) continue;
      held.get(id)!.movedOnAt = now;
      pending.delete(id);
    }
    if (pending.size === 0 && now - killedAt > 1_000) return [...held.values()];
    if (now - killedAt > timeoutMs) {
      throw new Error(`${pending.size} jobs still held by the killed process ${timeoutMs} ms after the kill`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export type StepTiming = { pageId: string; step: number; levelIndex: number | null; dueAt: number; startedAt: number };

/** Every step that ran, with its due time: the page's creation for step 0, else the previous step's `next_step_at`. */
export async function stepTimings(db: DB): Promise<StepTiming[]> {
  const { rows } = await sql<{
    page_id: string;
    step: number;
    level_index: number | null;
    started_at: string;
    due_at: string | null;
  }>`
    select s.page_id, s.step, s.level_index, s.started_at,
           case when s.step = 0 then p.created_at else prev.next_step_at end as due_at
    from page_steps s
    join pages p on p.id = s.page_id
    left join page_steps prev on prev.page_id = s.page_id and prev.step = s.step - 1
    order by s.page_id, s.step`.execute(db);
  return rows.map((r) => ({
    pageId: r.page_id,
    step: Number(r.step),
    levelIndex: r.level_index === null ? null : Number(r.level_index),
    dueAt: Number(r.due_at),
    startedAt: Number(r.started_at),
  }));
}

/** Jobs due for more than `graceMs` that no process has claimed yet: work piling up. */
export async function overdueJobs(db: DB, graceMs = 500): Promise<number> {
  const row = await db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'pending')
    .where('run_at', '<=', Date.now() - graceMs)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
