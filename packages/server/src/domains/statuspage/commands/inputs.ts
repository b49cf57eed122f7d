import type { Executor } from '../../../core/db/database.js';
import { invalidField } from '../../../core/errors.js';
import { getComponentRows, getGroupRow } from '../components.repo.js';
import '../../directory/directory.model.js';

// `parse` validates a command's input with its shared schema wherever the command is called from
// (routes, demo, jobs). It lives with the incidents domain and belongs in core; reused, not copied.
export { parse } from '../../incidents/commands/inputs.js';

/** Every id names a component; 400 naming the unknown ones otherwise. */
export async function requireComponents(ex: Executor, ids: string[], field = 'components') {
  const unique = [...new Set(ids)];
  const rows = await getComponentRows(ex, unique);
  const unknown = unique.filter((id) => !rows.some((r) => r.id === id));
  if (unknown.length) throw invalidField(field, `unknown component ${unknown.map((u) => `"${u}"`).join(', ')}`);
  return rows;
}

/** Every id names a directory service (read-only lookup of the directory's table). */
export async function requireServiceIds(ex: Executor, ids: string[], field = 'serviceIds'): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await ex.selectFrom('services').select('id').where('id', 'in', unique).execute();
  const unknown = unique.filter((id) => !rows.some((r) => r.id === id));
  if (unknown.length) throw invalidField(field, `unknown service ${unknown.map((u) => `"${u}"`).join(', ')}`);
  return unique;
}

export async function requireGroup(ex: Executor, id: string | null, field = 'groupId') {
  if (id === null) return null;
  const group = await getGroupRow(ex, id);
  if (!group) throw invalidField(field, `unknown component group "${id}"`);
  return group;
}
