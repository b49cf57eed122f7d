import type { AppContext } from '../../../core/context.js';
import { getIncidentRow } from '../../incidents/incidents.repo.js';
import { getSeverityById } from '../../incidents/severities.repo.js';
import { createPostmortem } from './create-postmortem.js';

/**
 * Called when an incident is resolved: if its severity requires a postmortem and it has none yet,
 * the system starts the draft (owner: the commander). Idempotent: resolving again after a reopen,
 * or two processes reacting to one event, leave a single postmortem.
 * Returns the postmortem id, or null when none is required.
 */
export async function ensureDraftForResolvedIncident(ctx: AppContext, incidentId: string): Promise<string | null> {
  const incident = await getIncidentRow(ctx.db, incidentId);
  if (!incident?.severity_id || incident.resolved_at == null) return null;
  const severity = await getSeverityById(ctx.db, incident.severity_id);
  if (severity?.postmortem_required !== 1) return null;
  const { id } = await createPostmortem(ctx, null, { incidentId }, { automatic: true });
  return id;
}
