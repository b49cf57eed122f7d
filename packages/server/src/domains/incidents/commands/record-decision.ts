import { type Decision, RecordDecisionInput } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { invalidField } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import type { Viewer } from '../incidents.policy.js';
import { presentDecision } from '../incidents.presenter.js';
import { personNames } from '../lookups.js';
import { insertDecision } from '../records.repo.js';
import { changeIncident } from './change.js';
import { parse, pastTime, requirePerson } from './inputs.js';

/** Records a decision (question, options with trade-offs, choice, who and why); it also lands on the timeline. */
export async function recordDecision(
  ctx: AppContext,
  by: Viewer,
  ref: string,
  input: RecordDecisionInput,
): Promise<Decision> {
  const data = parse(RecordDecisionInput, input);
  const chosen = data.options.find((o) => o.name.toLowerCase() === data.choice.toLowerCase());
  if (!chosen) {
    throw invalidField(
      'choice',
      `"${data.choice}" is not one of the options: ${data.options.map((o) => o.name).join(', ')}`,
    );
  }
  const decidedBy = data.decidedBy ?? by.userId;
  await requirePerson(ctx.db, decidedBy, 'decidedBy');
  return changeIncident(
    ctx,
    by,
    ref,
    async (c) => {
      const decidedAt = pastTime(data.decidedAt, 'decidedAt', c.now) ?? c.now;
      const row = {
        id: newId(),
        incident_id: c.before.id,
        question: data.question,
        options: JSON.stringify(data.options.map((o) => ({ name: o.name, tradeoffs: o.tradeoffs }))),
        choice: chosen.name,
        rationale: data.rationale,
        decided_by: decidedBy,
        decided_at: decidedAt,
        recorded_by: by.userId,
        created_at: c.now,
      };
      await insertDecision(c.trx, row);
      await c.record({
        kind: 'decision',
        text: `Decided: ${data.question} → ${chosen.name}${data.rationale ? ` (${data.rationale})` : ''}`,
        after: chosen.name,
        happenedAt: decidedAt,
        actorId: decidedBy,
        data: {
          decisionId: row.id,
          question: data.question,
          options: data.options.map((o) => o.name),
          rationale: data.rationale,
        },
      });
      return presentDecision(row, await personNames(c.trx, [decidedBy, by.userId]));
    },
    { role: 'responder', action: 'record decisions' },
  );
}
