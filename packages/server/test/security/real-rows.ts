import type { DB } from '../../src/core/db/database.js';

// Real values for path parameters and body fields, found in the database by name, so a fuzzer can
// aim at rows that exist: `/schedules/:id/layers/:layerId` gets a schedule id and one of that
// schedule's layers (`schedule_layers.schedule_id`), a body's `serviceIds` gets service ids, a
// `severity` field gets severity keys. A name that matches no table gets nothing (random ids then).

type Table = { name: string; columns: Set<string> };

const snake = (s: string) =>
  s
    .replace(/-/g, '_')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
const plural = (s: string) => (s.endsWith('s') ? s : s.endsWith('y') ? `${s.slice(0, -1)}ies` : `${s}s`);
const singular = (s: string) => (s.endsWith('ies') ? `${s.slice(0, -3)}y` : s.replace(/s$/, ''));
/** `layerId` → `layer`, `serviceIds` → `service`, `severity` → `severity`, `id` → undefined. */
const stemOf = (name: string) => (name === 'id' ? undefined : name.replace(/Ids?$/, '') || undefined);
const isIdLike = (name: string) => name === 'id' || /Ids?$/.test(name);

export type RealRows = {
  /** Consistent sets of real path parameters for a route (each child belongs to its parent). */
  paramSets(url: string, exclude: Set<string>): Promise<Record<string, string>[]>;
  /** Looks up the real values of these body fields (fast-check builds arbitraries synchronously). */
  preload(fields: string[]): Promise<void>;
  /** Real values a body field of this name may take, once preloaded. */
  fieldValues(field: string): string[] | undefined;
};

const SAMPLE = 8;

/**
 * Reads the database's tables and a few rows of each.
 *
 * @example
 * const rows = await findRealRows(ctx.db);
 * await rows.paramSets('/api/v1/schedules/:id/layers/:layerId', new Set()); // [{ id, layerId }, …]
 */
export async function findRealRows(db: DB): Promise<RealRows> {
  const tables: Table[] = (await db.introspection.getTables()).map((t) => ({
    name: t.name,
    columns: new Set(t.columns.map((c) => c.name)),
  }));
  const rows = async (table: Table, where?: { column: string; value: string }) => {
    let query = db.selectFrom(table.name as 'users').selectAll();
    if (where) query = query.where(where.column as 'id', '=', where.value);
    return (await query.limit(SAMPLE).execute()) as Record<string, unknown>[];
  };

  /** The table a name points at; context (earlier path segments, the parent table) breaks ties. */
  const tableFor = (names: string[], context: string[] = [], parent?: Table): Table | undefined => {
    const wanted = names.map((n) => plural(snake(n)));
    const scored = tables
      .filter((t) => wanted.some((w) => t.name === w || t.name.endsWith(`_${w}`)))
      .map((t) => {
        let score = wanted.includes(t.name) ? 1 : 0;
        if (context.some((c) => t.name.includes(singular(snake(c))))) score += 2;
        if (parent && t.columns.has(`${singular(parent.name)}_id`)) score += 4;
        return { t, score };
      })
      .sort((a, b) => b.score - a.score || a.t.name.length - b.t.name.length);
    return scored[0]?.t;
  };
  const valueColumn = (table: Table, name: string) =>
    isIdLike(name) && table.columns.has('id') ? 'id' : table.columns.has('key') ? 'key' : 'id';

  const loaded = new Map<string, string[] | undefined>();
  const loadField = async (field: string) => {
    const stem = stemOf(field);
    // An id of something without a table of its own (commanderId, ownerId…) is a person's.
    const table = (stem && tableFor([stem])) || (isIdLike(field) ? tableFor(['users']) : undefined);
    if (!table) return undefined;
    const column = valueColumn(table, field);
    return (await rows(table)).map((r) => String(r[column]));
  };

  return {
    async paramSets(url, exclude) {
      const segments = url.split('/').filter(Boolean);
      let sets: Record<string, string>[] = [{}];
      let parent: Table | undefined;
      for (const [i, segment] of segments.entries()) {
        if (!segment.startsWith(':')) continue;
        const param = segment.slice(1);
        const before = segments[i - 1] ?? '';
        const context = segments.slice(0, i - 1).filter((s) => !s.startsWith(':') && s !== 'api' && s !== 'v1');
        const stem = stemOf(param);
        const table = tableFor(stem && stem !== 'key' ? [stem, before] : [before], context, parent);
        if (!table) return [];
        const column = valueColumn(table, param);
        const fk = parent && table.columns.has(`${singular(parent.name)}_id`) ? `${singular(parent.name)}_id` : null;
        const next: Record<string, string>[] = [];
        for (const set of sets) {
          const parentValue = Object.values(set).at(-1);
          let found = fk && parentValue ? await rows(table, { column: fk, value: parentValue }) : [];
          if (!found.length) found = await rows(table);
          for (const row of found.slice(0, 3)) {
            const value = String(row[column]);
            if (!exclude.has(value)) next.push({ ...set, [param]: value });
          }
        }
        sets = next.slice(0, SAMPLE);
        parent = table;
      }
      return sets.filter((s) => Object.keys(s).length > 0);
    },
    async preload(fields) {
      for (const field of fields) if (!loaded.has(field)) loaded.set(field, await loadField(field));
    },
    fieldValues: (field) => loaded.get(field),
  };
}
