import type { WhyStep } from '@firebreak/shared';
import type { Executor } from '../../core/db/database.js';
import { indexIncidentDocument } from '../incidents/search.repo.js';
import { factorsOf, getPostmortemRow, listSectionRows, listWhyChainRows } from './postmortems.repo.js';

/**
 * Puts a published postmortem into the incidents' full-text index (source `postmortem`), so it is
 * found by the repository search and by "similar incidents" while declaring. Drafts are not indexed:
 * half-written causes should not show up as answers. Runs in the caller's transaction.
 */
export async function indexPostmortem(ex: Executor, postmortemId: string): Promise<void> {
  const pm = await getPostmortemRow(ex, postmortemId);
  if (pm?.status !== 'published') return;
  const [sections, chains, factors] = await Promise.all([
    listSectionRows(ex, pm.id),
    listWhyChainRows(ex, pm.id),
    factorsOf(ex, [pm.id]),
  ]);
  const parts = [
    ...sections.map((s) => s.body),
    ...chains.flatMap((c) => [c.problem, ...(JSON.parse(c.steps) as WhyStep[]).flatMap((s) => [s.why, s.because])]),
    ...factors.map((f) => `${f.category}: ${f.description}`),
  ];
  await indexIncidentDocument(ex, {
    incidentId: pm.incident_id,
    source: 'postmortem',
    title: pm.title,
    body: parts.filter(Boolean).join('\n'),
  });
}
