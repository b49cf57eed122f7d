import type { Executor } from '../../core/db/database.js';
import type { ChatCapturesTable, ChatWarRoomsTable, WarRoomRow } from './chat.model.js';
import './chat.model.js';

// Queries only: war-room channels and the messages captured from them.

export const getWarRoom = (ex: Executor, incidentId: string): Promise<WarRoomRow | undefined> =>
  ex.selectFrom('chat_war_rooms').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();

export const findWarRoomByChannel = (ex: Executor, workspaceId: string, channelId: string) =>
  ex
    .selectFrom('chat_war_rooms')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('channel_id', '=', channelId)
    .executeTakeFirst();

/** Inserts the war room unless the incident has one; true when this call inserted it. */
export async function insertWarRoom(ex: Executor, row: ChatWarRoomsTable): Promise<boolean> {
  const inserted = await ex
    .insertInto('chat_war_rooms')
    .values(row)
    .onConflict((oc) => oc.column('incident_id').doNothing())
    .returning('incident_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export const updateWarRoom = (
  ex: Executor,
  incidentId: string,
  changes: Partial<Omit<ChatWarRoomsTable, 'incident_id'>>,
) => ex.updateTable('chat_war_rooms').set(changes).where('incident_id', '=', incidentId).execute();

export const getCapture = (ex: Executor, workspaceId: string, channelId: string, messageTs: string) =>
  ex
    .selectFrom('chat_captures')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('channel_id', '=', channelId)
    .where('message_ts', '=', messageTs)
    .executeTakeFirst();

/** Claims a message for capture; false when it was captured (or is being captured) already. */
export async function claimCapture(ex: Executor, row: ChatCapturesTable): Promise<boolean> {
  const inserted = await ex
    .insertInto('chat_captures')
    .values(row)
    .onConflict((oc) => oc.columns(['workspace_id', 'channel_id', 'message_ts']).doNothing())
    .returning('message_ts')
    .executeTakeFirst();
  return inserted !== undefined;
}

export type CaptureKey = { workspace_id: string; channel_id: string; message_ts: string };

/** Claims a released capture for capturing again; false when another job claimed it first. */
export async function reclaimCapture(ex: Executor, key: CaptureKey, row: Omit<ChatCapturesTable, keyof CaptureKey>) {
  const result = await ex
    .updateTable('chat_captures')
    .set(row)
    .where('workspace_id', '=', key.workspace_id)
    .where('channel_id', '=', key.channel_id)
    .where('message_ts', '=', key.message_ts)
    .where('removed_at', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const updateCapture = (ex: Executor, key: CaptureKey, changes: Partial<ChatCapturesTable>) =>
  ex
    .updateTable('chat_captures')
    .set(changes)
    .where('workspace_id', '=', key.workspace_id)
    .where('channel_id', '=', key.channel_id)
    .where('message_ts', '=', key.message_ts)
    .execute();

export const deleteCapture = (ex: Executor, key: CaptureKey) =>
  ex
    .deleteFrom('chat_captures')
    .where('workspace_id', '=', key.workspace_id)
    .where('channel_id', '=', key.channel_id)
    .where('message_ts', '=', key.message_ts)
    .execute();

/** Takes the room's sync lock until `until`; false while another sync holds an unexpired one. */
export async function lockWarRoom(ex: Executor, incidentId: string, now: number, until: number): Promise<boolean> {
  const result = await ex
    .updateTable('chat_war_rooms')
    .set({ sync_lock_until: until })
    .where('incident_id', '=', incidentId)
    .where((eb) => eb.or([eb('sync_lock_until', 'is', null), eb('sync_lock_until', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
