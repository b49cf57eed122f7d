import { BUILT_IN_INCIDENT_ROLES } from '@firebreak/shared';
import type { z } from 'zod';
import type { Executor } from '../../../core/db/database.js';
import { badRequest, invalidField } from '../../../core/errors.js';
import type { SeverityRow } from '../incidents.model.js';
import { findServices, getActivePerson } from '../lookups.js';
import { getRoleTypeRow } from '../roles.repo.js';
import { getSeverityByKey, listSeverityRows } from '../severities.repo.js';

/**
 * Validates a command's input with its shared schema, so commands are safe to call from anywhere
 * (routes, the demo seed, other domains), not only behind a validated route.
 */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || 'input',
    message: issue.message,
  }));
  throw badRequest(
    'validation_failed',
    `Invalid input. ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
    errors,
  );
}

export async function requireSeverity(ex: Executor, key: string, field = 'severity'): Promise<SeverityRow> {
  const found = await getSeverityByKey(ex, key);
  if (found) return found;
  const all = await listSeverityRows(ex);
  throw invalidField(field, `unknown severity "${key}"; choose one of ${all.map((s) => s.key).join(', ')}`);
}

export async function requireServices(ex: Executor, refs: string[], field = 'serviceIds') {
  const { found, unknown } = await findServices(ex, refs);
  if (unknown.length)
    throw invalidField(
      field,
      `unknown service${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}`,
    );
  return found;
}

export async function requirePerson(ex: Executor, userId: string, field: string) {
  const person = await getActivePerson(ex, userId);
  if (!person) throw invalidField(field, `no active person with id "${userId}"`);
  return person;
}

export async function requireRoleType(
  ex: Executor,
  key: string,
): Promise<{ key: string; name: string; multiple: boolean }> {
  const builtIn = BUILT_IN_INCIDENT_ROLES.find((r) => r.key === key);
  if (builtIn) return builtIn;
  const custom = await getRoleTypeRow(ex, key);
  if (custom) return { key: custom.key, name: custom.name, multiple: custom.multiple === 1 };
  throw invalidField('role', `unknown role "${key}"`);
}

/** Parses an ISO time that may not lie in the future (a minute of clock skew is tolerated). */
export function pastTime(iso: string | undefined, field: string, now: number): number | undefined {
  if (iso === undefined) return undefined;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) throw invalidField(field, 'is not an ISO-8601 time');
  if (at > now + 60_000) throw invalidField(field, 'may not be in the future');
  return at;
}

export function futureTime(iso: string | undefined, field: string, now: number): number | undefined {
  if (iso === undefined) return undefined;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) throw invalidField(field, 'is not an ISO-8601 time');
  if (at <= now) throw invalidField(field, 'must be in the future');
  return at;
}
