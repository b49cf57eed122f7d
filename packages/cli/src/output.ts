import type { ApiClient, Page } from '@firebreak/shared';

export type Column<T> = { header: string; value: (row: T) => string | null | undefined };

/** Prints rows as an aligned plain-text table, or a friendly line when there are none. */
export function printTable<T>(rows: T[], columns: Column<T>[], empty = 'Nothing to show.'): void {
  if (rows.length === 0) {
    process.stdout.write(`${empty}\n`);
    return;
  }
  const cells = rows.map((row) => columns.map((c) => c.value(row) ?? '-'));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${[line(columns.map((c) => c.header.toUpperCase())), ...cells.map(line)].join('\n')}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Short, readable form of an ISO time for tables: `2026-11-23 13:14Z`. */
export const shortTime = (iso: string | null | undefined): string | null =>
  iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z` : null;

/** Follows `nextCursor` so a list command shows everything, not only the first page. */
export async function listAll<T>(api: ApiClient, path: string, query: Record<string, string> = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await api.get<Page<T>>(path, { ...query, limit: 500, cursor: cursor ?? undefined });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
