import type { UpdateAudience } from '@firebreak/shared';
import type { Executor } from '../../core/db/database.js';
import type {
  DecisionRow,
  IncidentDecisionsTable,
  IncidentStatusUpdatesTable,
  IncidentSubscribersTable,
  StatusUpdateRow,
} from './incidents.model.js';

// Decisions, status updates and subscribers: rows that belong to one incident.

export const insertDecision = (ex: Executor, row: IncidentDecisionsTable) =>
  ex.insertInto('incident_decisions').values(row).execute();

export const listDecisionRows = (ex: Executor, incidentId: string): Promise<DecisionRow[]> =>
  ex
    .selectFrom('incident_decisions')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('decided_at')
    .orderBy('id')
    .execute();

export const insertStatusUpdate = (ex: Executor, row: IncidentStatusUpdatesTable) =>
  ex.insertInto('incident_status_updates').values(row).execute();

/** The latest update of one audience of an incident: the one a new update of that audience follows. */
export const getLatestStatusUpdate = (ex: Executor, incidentId: string, audience: UpdateAudience) =>
  ex
    .selectFrom('incident_status_updates')
    .select(['posted_at', 'next_update_at'])
    .where('incident_id', '=', incidentId)
    .where('audience', '=', audience)
    .orderBy('posted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();

export const getStatusUpdateRow = (ex: Executor, id: string) =>
  ex.selectFrom('incident_status_updates').selectAll().where('id', '=', id).executeTakeFirst();

export const listStatusUpdateRows = (ex: Executor, incidentId: string, limit = 100): Promise<StatusUpdateRow[]> =>
  ex
    .selectFrom('incident_status_updates')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('posted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();

export const listSubscriberRows = (ex: Executor, incidentId: string) =>
  ex
    .selectFrom('incident_subscribers')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('created_at')
    .orderBy('user_id')
    .execute();

export const insertSubscriber = (ex: Executor, row: IncidentSubscribersTable) =>
  ex
    .insertInto('incident_subscribers')
    .values(row)
    .onConflict((oc) => oc.columns(['incident_id', 'user_id']).doNothing())
    .execute();

export const deleteSubscriber = (ex: Executor, incidentId: string, userId: string) =>
  ex.deleteFrom('incident_subscribers').where('incident_id', '=', incidentId).where('user_id', '=', userId).execute();

/** Subscribers with an email address who have not been sent `updateId` yet. */
export const undeliveredRecipients = (ex: Executor, incidentId: string, updateId: string) =>
  ex
    .selectFrom('incident_subscribers as s')
    .innerJoin('users', 'users.id', 's.user_id')
    .select(['users.id', 'users.name', 'users.email'])
    .where('s.incident_id', '=', incidentId)
    .where('users.deactivated_at', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('incident_update_deliveries as d')
            .select('d.user_id')
            .where('d.update_id', '=', updateId)
            .whereRef('d.user_id', '=', 's.user_id'),
        ),
      ),
    )
    .orderBy('users.id')
    .execute();

export const recordDelivery = (ex: Executor, updateId: string, userId: string, at: number) =>
  ex
    .insertInto('incident_update_deliveries')
    .values({ update_id: updateId, user_id: userId, sent_at: at })
    .onConflict((oc) => oc.columns(['update_id', 'user_id']).doNothing())
    .execute();

/** Records that a reminder or prompt was given; false when it already was (a repeated job run). */
export async function claimNotice(ex: Executor, incidentId: string, kind: string, dueAt: number, now: number) {
  const result = await ex
    .insertInto('incident_notices')
    .values({ incident_id: incidentId, kind, due_at: dueAt, created_at: now })
    .onConflict((oc) => oc.columns(['incident_id', 'kind', 'due_at']).doNothing())
    .returning('incident_id')
    .executeTakeFirst();
  return result !== undefined;
}
