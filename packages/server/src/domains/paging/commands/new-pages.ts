import type { AppContext } from '../../../core/context.js';
import { Batches, type Settled } from '../../../core/scheduler/batches.js';
import { transact } from '../../../core/scheduler/group-commit.js';
import { insertLog, insertPages, type LogRow, type PageRow } from '../pages.repo.js';
import { type PlannedStep, stepWrites, writeSteps } from './start-step.js';

// New pages are written in batches: pages created while the previous batch is being written share
// one transaction and one statement per table (pages, steps, notifications, jobs, recipients,
// log), instead of a dozen round trips each. An alert storm or a burst of API calls is where that
// matters, and where the first notification must still go out within a second. If a batch fails
// (another trigger with a page's dedup key won a race), each of its pages is written on its own, so
// only that one fails.

export type NewPage = {
  row: PageRow;
  /** The page's first log line. */
  triggered: LogRow;
  /** Its first step, written with it; null when its assignment has none. */
  first: PlannedStep | null;
};

/** Pages per batch, bounding one transaction. */
const MAX_PAGES = 100;

/** Resolves once the page, its first step and that step's notifications are committed. */
export function writeNewPage(ctx: AppContext, page: NewPage): Promise<void> {
  let intake = intakes.get(ctx);
  if (!intake) {
    intake = new Batches((pages) => writeNewPages(ctx, pages), MAX_PAGES);
    intakes.set(ctx, intake);
  }
  return intake.submit(page);
}

const intakes = new WeakMap<AppContext, Batches<NewPage, void>>();

async function writeNewPages(ctx: AppContext, pages: NewPage[]): Promise<Settled<void>[]> {
  try {
    await transact(ctx, async (trx) => {
      await insertPages(
        trx,
        pages.map((p) => p.row),
      );
      const withoutStep = pages.filter((p) => !p.first).map((p) => p.triggered);
      if (withoutStep.length > 0) await insertLog(trx, withoutStep);
      await writeSteps(
        trx,
        ctx,
        pages.flatMap((p) => (p.first ? [stepWrites(p.row, p.first, [p.triggered])] : [])),
      );
    });
    return pages.map(() => ({ ok: true, value: undefined }));
  } catch (error) {
    if (pages.length === 1) return [{ ok: false, error }];
    return Promise.all(pages.map(async (page) => (await writeNewPages(ctx, [page]))[0]!));
  }
}
