import { type IncidentDetail, UpdateIncidentInput } from '@firebreak/shared';
import type { AppContext } from '../../../core/context.js';
import { conflict } from '../../../core/errors.js';
import { slugify } from '../../../core/ids.js';
import type { IncidentsTable } from '../incidents.model.js';
import type { Viewer } from '../incidents.policy.js';
import { replaceIncidentServices, serviceIdsOf } from '../incidents.repo.js';
import { detailAfterChange } from '../incidents.service.js';
import { findServices } from '../lookups.js';
import { changeIncident, incidentLabel } from './change.js';
import { parse, pastTime, requireServices } from './inputs.js';

type Field = { key: keyof UpdateIncidentInput; column: keyof IncidentsTable; label: string };
const FIELDS: Field[] = [
  { key: 'title', column: 'title', label: 'Title' },
  { key: 'summary', column: 'summary', label: 'Summary' },
  { key: 'impact', column: 'impact', label: 'Impact' },
  { key: 'usersAffected', column: 'users_affected', label: 'Users affected' },
];

const short = (v: unknown) => {
  const s = v == null || v === '' ? '(none)' : String(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
};

/**
 * Edits the descriptive fields with optimistic concurrency: `version` must be the current one,
 * else 409 with the current version. Each changed field gets its own timeline entry.
 */
export async function updateIncident(
  ctx: AppContext,
  by: Viewer,
  ref: string,
  input: UpdateIncidentInput,
): Promise<IncidentDetail> {
  const data = parse(UpdateIncidentInput, input);
  const services = data.serviceIds ? await requireServices(ctx.db, data.serviceIds) : undefined;
  const row = await changeIncident(
    ctx,
    by,
    ref,
    async (c) => {
      const row = c.before;
      if (row.version !== data.version) {
        throw conflict(
          'stale_version',
          `${incidentLabel(row)} changed since you read it (you sent version ${data.version}, current is ${row.version}); reload and try again.`,
          { currentVersion: row.version },
        );
      }
      for (const f of FIELDS) {
        const value = data[f.key];
        if (value === undefined || value === row[f.column]) continue;
        c.set({ [f.column]: value } as Partial<IncidentsTable>);
        if (f.key === 'title') c.set({ slug: slugify(String(value)) });
        await c.record({
          kind: 'field_changed',
          text: `${f.label}: ${short(row[f.column])} → ${short(value)}`,
          before: row[f.column],
          after: value,
          data: { field: f.key },
        });
      }
      if (data.private !== undefined && data.private !== (row.private === 1)) {
        c.set({ private: data.private ? 1 : 0 });
        await c.record({
          kind: 'field_changed',
          text: data.private ? 'Made private' : 'Made visible to everyone',
          before: row.private === 1,
          after: data.private,
          data: { field: 'private' },
        });
      }
      const detectedAt = pastTime(data.detectedAt, 'detectedAt', c.now);
      if (detectedAt !== undefined && detectedAt !== row.detected_at) {
        c.set({ detected_at: detectedAt });
        await c.record({
          kind: 'field_changed',
          text: 'Detection time corrected',
          before: row.detected_at == null ? null : new Date(row.detected_at).toISOString(),
          after: new Date(detectedAt).toISOString(),
          data: { field: 'detectedAt' },
        });
      }
      if (services) {
        const before = await serviceIdsOf(c.trx, row.id);
        const after = services.map((s) => s.id);
        if (before.length !== after.length || before.some((id) => !after.includes(id))) {
          await replaceIncidentServices(c.trx, row, after);
          const beforeNames = (await findServices(c.trx, before)).found.map((s) => s.name);
          await c.record({
            kind: 'services_changed',
            text: `Affected services: ${beforeNames.join(', ') || '(none)'} → ${services.map((s) => s.name).join(', ') || '(none)'}`,
            before: beforeNames,
            after: services.map((s) => s.name),
            data: { serviceIds: after },
          });
          // The list filter and the version must see the change even if no column changed.
          c.set({ updated_at: c.now });
        }
      }
      return c.incident;
    },
    { role: 'responder', action: 'edit incidents' },
  );
  return detailAfterChange(ctx, by, row.id);
}
