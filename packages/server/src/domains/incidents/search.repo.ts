import { type Expression, type SqlBool, sql } from 'kysely';
import type { Dialect, Executor } from '../../core/db/database.js';
import './incidents.model.js';

// Full-text search over incident documents (title + summary + impact today; postmortems later).
// One portable table holds the documents; the index behind it is dialect-specific (see the
// migration): SQLite FTS5 with the porter stemmer, PostgreSQL a GIN index over a weighted tsvector.

/** The document kinds an incident can have. Other domains add theirs through `indexIncidentDocument`. */
export type SearchSource = 'incident' | 'postmortem' | (string & {});

// Must stay identical to the indexed expression of the migration, or PostgreSQL cannot use the index.
const PG_DOCUMENT = sql`(setweight(to_tsvector('english'::regconfig, title), 'A') || setweight(to_tsvector('english'::regconfig, body), 'B'))`;

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
  await ex
    .insertInto('incident_search_docs')
    .values({ incident_id: doc.incidentId, source: doc.source, title: doc.title, body: doc.body })
    .onConflict((oc) => oc.columns(['incident_id', 'source']).doUpdateSet({ title: doc.title, body: doc.body }))
    .execute();
}

/**
 * A condition "incidents.id matches `text`", for combining with other list filters.
 * Null when the text has no searchable words.
 */
export function matchesText(dialect: Dialect, text: string, mode: MatchMode = 'all'): Expression<SqlBool> | null {
  const terms = searchTerms(text);
  if (terms.length === 0) return null;
  if (dialect === 'sqlite') {
    return sql<SqlBool>`incidents.id in (
      select d.incident_id from incident_search_fts f join incident_search_docs d on d.id = f.rowid
      where incident_search_fts match ${ftsQuery(terms, mode)})`;
  }
  return sql<SqlBool>`incidents.id in (
    select incident_id from incident_search_docs
    where ${PG_DOCUMENT} @@ to_tsquery('english', ${tsQuery(terms, mode)}))`;
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
      : sql`select incident_id, ts_rank(${PG_DOCUMENT}, q) as score
          from incident_search_docs, to_tsquery('english', ${tsQuery(terms, options.mode)}) q
          where ${PG_DOCUMENT} @@ q`;
  const result = await sql<{ incident_id: string; score: number }>`
    select r.incident_id, max(r.score) as score
    from (${matches}) r join incidents on incidents.id = r.incident_id
    where ${options.restrict}
    group by r.incident_id
    order by score desc, r.incident_id desc
    limit ${options.limit}`.execute(ex);
  return result.rows.map((r) => ({ incidentId: r.incident_id, score: Number(r.score) }));
}
