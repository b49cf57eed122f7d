import { type Expression, type SqlBool, sql } from 'kysely';
import type { Dialect, Executor } from '../../core/db/database.js';
import type { IncidentRow } from './incidents.model.js';

// Full-text search over incident documents (title + summary + impact today; postmortems later).
// One portable table holds the documents; the index behind it is dialect-specific (see the
// migration): SQLite FTS5 with the porter stemmer, PostgreSQL a GIN index over a weighted tsvector.

/** The document kinds an incident can have. Other domains add theirs through `indexIncidentDocument`. */
export type SearchSource = 'incident' | 'postmortem' | (string & {});

/** PostgreSQL: the stored, GIN-indexed weighted tsvector of a document (migration 2026-11-23-100). */
const PG_VECTOR = sql`search_vector`;

/**
 * Document ids follow incident numbers: `number * DOC_ID_SLOTS + slot`, one slot per source of the
 * incident. Reading SQLite's FTS index by descending rowid therefore reads newest incidents first.
 */
export const DOC_ID_SLOTS = 16;

/** Words that carry no meaning for similarity (PostgreSQL's english config drops them too). */
const STOP_WORDS = new Set(
  'a an and are as at be but by for from has have in into is it its of on or that the their there this to was were will with we our not no can cannot down up out'.split(
    ' ',
  ),
);

/**
 * The searchable words of a free-text query, safe to splice into FTS5 and tsquery syntax
 * (letters and digits only), without stop words, at most 32.
 */
export function searchTerms(text: string): string[] {
  const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 1 && !STOP_WORDS.has(w));
  return [...new Set(words)].slice(0, 32);
}

/** `all`: every word must appear (prefix match, for search boxes); `any`: rank by how many appear (similarity). */
export type MatchMode = 'all' | 'any';

function ftsQuery(terms: string[], mode: MatchMode): string {
  return mode === 'all' ? terms.map((t) => `"${t}"*`).join(' AND ') : terms.map((t) => `"${t}"`).join(' OR ');
}

function tsQuery(terms: string[], mode: MatchMode): string {
  return mode === 'all' ? terms.map((t) => `${t}:*`).join(' & ') : terms.join(' | ');
}

/**
 * Adds or replaces the document of `source` for an incident, in the caller's transaction.
 *
 * @example
 * await indexIncidentDocument(trx, { incidentId, source: 'postmortem', title: pm.title, body: pm.text });
 */
export async function indexIncidentDocument(
  ex: Executor,
  doc: { incidentId: string; source: SearchSource; title: string; body: string },
): Promise<void> {
  // A new document takes the incident's next free slot (ids of documents written before their
  // incident's number was known are left behind, never reused). Fewer than DOC_ID_SLOTS sources exist.
  const base = sql`i.number * ${sql.lit(DOC_ID_SLOTS)}`;
  await sql`insert into incident_search_docs (id, incident_id, source, title, body)
    select case when max(d.id) >= ${base} then max(d.id) + 1 else ${base} end, i.id, ${doc.source}, ${doc.title}, ${doc.body}
    from incidents i left join incident_search_docs d on d.incident_id = i.id
    where i.id = ${doc.incidentId}
    group by i.id, i.number
    on conflict (incident_id, source) do update set title = excluded.title, body = excluded.body`.execute(ex);
}

/** A parsed text filter; null when the text has no searchable words. */
export type TextQuery = { dialect: Dialect; match: string };

export function parseTextQuery(dialect: Dialect, text: string, mode: MatchMode = 'all'): TextQuery | null {
  const terms = searchTerms(text);
  if (terms.length === 0) return null;
  return { dialect, match: dialect === 'sqlite' ? ftsQuery(terms, mode) : tsQuery(terms, mode) };
}

/** "incidents.id has a document matching the query", for combining with other conditions. */
export function textCondition(query: TextQuery): Expression<SqlBool> {
  if (query.dialect === 'sqlite') {
    return sql<SqlBool>`incidents.id in (
      select d.incident_id from incident_search_fts f join incident_search_docs d on d.id = f.rowid
      where incident_search_fts match ${query.match})`;
  }
  return sql<SqlBool>`incidents.id in (
    select incident_id from incident_search_docs where ${PG_VECTOR} @@ to_tsquery('english', ${query.match}))`;
}

/**
 * SQLite: incidents with a document matching `query` and `where`, newest first, read from the FTS
 * index in descending rowid order so that a page stops early however many documents match. An
 * incident appears once per matching document (adjacent rows); `doc_id` is the document's id.
 */
export function newestMatchingIncidents(
  ex: Executor,
  query: TextQuery,
  options: { where: Expression<SqlBool>; beforeDocId: number | null; limit: number },
) {
  const before = options.beforeDocId === null ? sql`` : sql`and f.rowid < ${options.beforeDocId}`;
  // CROSS JOIN keeps the FTS table as the outer loop: SQLite never reorders it.
  return sql<IncidentRow & { doc_id: number }>`select incidents.*, f.rowid as doc_id
    from incident_search_fts f
    cross join incident_search_docs d
    cross join incidents
    where incident_search_fts match ${query.match} ${before}
      and d.id = f.rowid and incidents.id = d.incident_id and ${options.where}
    order by f.rowid desc
    limit ${options.limit}`.execute(ex);
}

/**
 * A condition "incidents.id matches `text`", for combining with other list filters.
 * Null when the text has no searchable words.
 */
export function matchesText(dialect: Dialect, text: string, mode: MatchMode = 'all'): Expression<SqlBool> | null {
  const query = parseTextQuery(dialect, text, mode);
  return query && textCondition(query);
}

/**
 * Incident ids ranked by relevance to `text` (best first, one row per incident however many
 * documents matched). `restrict` narrows the candidates (visibility, exclusions) on `incidents`.
 */
export async function rankIncidents(
  ex: Executor,
  dialect: Dialect,
  options: { text: string; mode: MatchMode; limit: number; restrict: Expression<SqlBool> },
): Promise<{ incidentId: string; score: number }[]> {
  const terms = searchTerms(options.text);
  if (terms.length === 0) return [];
  // bm25() is lower-is-better and negative; ts_rank higher-is-better: both end up "higher is better".
  // FTS5 evaluates bm25() only while it drives the query, hence the materialized CTE of matches.
  const matches =
    dialect === 'sqlite'
      ? sql`with m as materialized (
            select rowid as doc_id, -bm25(incident_search_fts, 10.0, 1.0) as score
            from incident_search_fts where incident_search_fts match ${ftsQuery(terms, options.mode)}
          )
          select d.incident_id as incident_id, m.score as score from m join incident_search_docs d on d.id = m.doc_id`
      : sql`select incident_id, ts_rank(${PG_VECTOR}, q) as score
          from incident_search_docs, to_tsquery('english', ${tsQuery(terms, options.mode)}) q
          where ${PG_VECTOR} @@ q`;
  const result = await sql<{ incident_id: string; score: number }>`
    select r.incident_id, max(r.score) as score
    from (${matches}) r join incidents on incidents.id = r.incident_id
    where ${options.restrict}
    group by r.incident_id
    order by score desc, r.incident_id desc
    limit ${options.limit}`.execute(ex);
  return result.rows.map((r) => ({ incidentId: r.incident_id, score: Number(r.score) }));
}
