import { type BlamelessFinding, blamelessSuggestions, type WhyStep } from '@firebreak/shared';
import type { Executor } from '../../core/db/database.js';
import type { SectionRow, WhyChainRow } from './postmortems.model.js';

/** Names of the people involved (contributors, who include everyone with a part in the incident). */
export async function participantNames(ex: Executor, postmortemId: string): Promise<string[]> {
  const rows = await ex
    .selectFrom('postmortem_contributors')
    .innerJoin('users', 'users.id', 'postmortem_contributors.user_id')
    .select('users.name')
    .where('postmortem_contributors.postmortem_id', '=', postmortemId)
    .execute();
  return rows.map((r) => r.name);
}

export function findingsIn(section: string, text: string, names: string[]): BlamelessFinding[] {
  return blamelessSuggestions(text, names).map((s) => ({
    section,
    sentence: s.sentence,
    person: s.person,
    phrase: s.phrase,
    question: s.question,
  }));
}

/** Suggestions for a whole postmortem: every section's text and every why-chain. */
export function findingsOfPostmortem(
  sections: SectionRow[],
  chains: WhyChainRow[],
  names: string[],
): BlamelessFinding[] {
  const out = sections.flatMap((s) => findingsIn(s.key, s.body, names));
  for (const chain of chains) {
    const steps = JSON.parse(chain.steps) as WhyStep[];
    const text = [chain.problem, ...steps.flatMap((s) => [s.why, s.because])].join('\n');
    out.push(...findingsIn('five_whys', text, names));
  }
  return out;
}
