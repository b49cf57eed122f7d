import { type Expression, type RawBuilder, sql } from 'kysely';

// Small SQL building blocks shared by the aggregate queries. Numbers are inlined as literals: they
// are computed here (never user text), and a literal keeps the expression identical wherever it
// is repeated, which PostgreSQL's GROUP BY needs.

/**
 * The index of the bucket holding `column`, given ascending bucket starts: a CASE over the
 * boundaries, so weeks follow the zone's real midnights (DST included), in both dialects.
 *
 * @example
 * bucketOf(sql.ref('incidents.declared_at'), [t0, t1, t2]); // 0 before t1, 1 before t2, else 2
 */
export function bucketOf(column: Expression<unknown>, starts: readonly number[]): RawBuilder<number> {
  if (starts.length <= 1) return sql<number>`0`;
  const whens = starts.slice(1).map((start, i) => sql`when ${column} < ${sql.lit(start)} then ${sql.lit(i)}`);
  return sql<number>`case ${sql.join(whens, sql` `)} else ${sql.lit(starts.length - 1)} end`;
}

/**
 * The value of `column` shifted into local time by a zone whose offset changes at known instants:
 * `segments` are [start, offsetMs] pairs, ascending, the first starting at or before any value.
 */
export function localTime(
  column: Expression<unknown>,
  segments: readonly (readonly [number, number])[],
): RawBuilder<number> {
  if (segments.length === 1) return sql<number>`(${column} + ${sql.lit(segments[0]![1])})`;
  const whens = segments
    .slice(1)
    .map(([start], i) => sql`when ${column} < ${sql.lit(start)} then ${sql.lit(segments[i]![1])}`);
  return sql<number>`(${column} + case ${sql.join(whens, sql` `)} else ${sql.lit(segments[segments.length - 1]![1])} end)`;
}

/**
 * Every non-null value of `value` in the group as one comma-separated text (null for none), in no
 * particular order: thousands of numbers cross from SQLite several times faster as one string than
 * as one row each (measured: the rows, not the query, were most of a quarter's figures). Read it
 * back with `listOf`.
 *
 * @example
 * sql`select ${textList(sql.ref('v'))} as vs from t`; // '12,7,30'
 */
export function textList(value: Expression<unknown>): RawBuilder<string | null> {
  return sql<string | null>`string_agg(cast(${value} as text), ',')`;
}

/** The values of a `textList`, as numbers. */
export const listOf = (text: string | null): number[] => (text ? text.split(',').map(Number) : []);
