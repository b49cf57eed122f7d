import type { ScheduleLayerInput } from '@firebreak/shared';
import type { z } from 'zod';
import type { Executor } from '../../core/db/database.js';
import { badRequest, invalidField } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { LayerRow } from './schedule.repo.js';
import { unknownUsers } from './schedule.repo.js';

export type LayerFields = z.output<typeof ScheduleLayerInput>;

/** Throws 400 naming the field when a participant is not an active person. */
export async function assertParticipantsExist(ex: Executor, layers: { field: string; participants: string[] }[]) {
  const missing = new Set(
    await unknownUsers(
      ex,
      layers.flatMap((l) => l.participants),
    ),
  );
  if (missing.size === 0) return;
  const errors = layers.flatMap((l) =>
    l.participants
      .map((id, i) => ({ id, i }))
      .filter(({ id }) => missing.has(id))
      .map(({ id, i }) => ({ field: `${l.field}.participants.${i}`, message: `no active person with id "${id}"` })),
  );
  throw badRequest('validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}

export function assertTeamExists(found: boolean, field: string, teamId: string): void {
  if (!found) throw invalidField(field, `no team with id "${teamId}"`);
}

export function layerRow(scheduleId: string, position: number, input: LayerFields, now: number): LayerRow {
  return {
    id: newId(),
    schedule_id: scheduleId,
    position,
    name: input.name || `Layer ${position + 1}`,
    participants: JSON.stringify(input.participants),
    rotation_unit: input.rotation.unit,
    rotation_every: input.rotation.every,
    handoff_time: input.handoffTime,
    time_zone: input.timeZone,
    start_date: input.startDate,
    restrictions: JSON.stringify(input.restrictions),
    created_at: now,
    updated_at: now,
  };
}

export async function teamExists(ex: Executor, teamId: string): Promise<boolean> {
  return (await ex.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst()) !== undefined;
}
