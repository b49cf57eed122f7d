import { ChangeStatusInput, type IncidentDetail } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { badRequest, invalidField } from '../../../core/errors.js';
import type { Viewer } from '../incidents.policy.js';
import { detailAfterChange } from '../incidents.service.js';
import { changeIncident } from './change.js';
import { parse } from './inputs.js';
import { illegalTransition, moveTo } from './transition.js';
import { declineIn } from './triage.js';

/**
 * Moves an incident along its lifecycle. Illegal moves are 409 with the allowed next states;
 * leaving triage goes through accept (needs a severity) or merge (needs a target).
 */
export async function changeStatus(
  ctx: AppContext,
  by: Viewer,
  ref: string,
  input: ChangeStatusInput,
): Promise<IncidentDetail> {
  const data = parse(ChangeStatusInput, input);
  const row = await changeIncident(
    ctx,
    by,
    ref,
    async (c) => {
      const from = c.before.status;
      if (from === data.status) throw illegalTransition(c.before, data.status);
      if (data.status === 'merged' && from !== 'merged') {
        throw badRequest(
          'merge_target_required',
          'Merge with POST /api/v1/incidents/:id/triage/merge and the incident to merge into.',
        );
      }
      if (from === 'triage' && data.status === 'investigating') {
        throw badRequest(
          'severity_required',
          'Accept the report with a severity: POST /api/v1/incidents/:id/triage/accept { "severity": "sev3" }.',
        );
      }
      if (data.status === 'declined') {
        if (!data.reason) throw invalidField('reason', 'say why the report is declined');
        await declineIn(c, data.reason);
      } else {
        await moveTo(c, data.status, { reason: data.reason });
      }
      return c.incident;
    },
    { role: 'responder', action: 'change incident status' },
  );
  return detailAfterChange(ctx, by, row.id);
}
