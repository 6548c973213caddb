// The SQL side of src/shared/search-text.ts: a record matches when every query term prefixes one of the
// words in its `search_text` column, by phonetic key or (looser) by consonant skeleton.
import { type RawBuilder, type SqlBool, sql } from "kysely";
import { type SearchTerm, searchTerms } from "../../shared/search-text.ts";

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function termCondition(column: string, t: SearchTerm): RawBuilder<SqlBool> {
  const col = sql.ref(column);
  const byKey = sql<SqlBool>`${col} like ${`% ${escapeLike(t.key)}%`}`;
  return t.skeleton ? sql<SqlBool>`(${byKey} or ${col} like ${`% ~${escapeLike(t.skeleton)}%`})` : byKey;
}

/** A condition on `column` (e.g. "o.search_text"); null when the query has no searchable term. */
export function searchCondition(column: string, query: string): RawBuilder<SqlBool> | null {
  const terms = searchTerms(query);
  if (terms.length === 0) return null;
  return sql<SqlBool>`(${sql.join(
    terms.map((t) => termCondition(column, t)),
    sql` and `,
  )})`;
}

/** 0 when every term matched by its phonetic key, 1 otherwise: order by it to put close spellings first. */
export function searchRank(column: string, query: string): RawBuilder<number> {
  const terms = searchTerms(query);
  if (terms.length === 0) return sql<number>`0`;
  const exact = sql.join(
    terms.map((t) => sql`${sql.ref(column)} like ${`% ${escapeLike(t.key)}%`}`),
    sql` and `,
  );
  return sql<number>`(case when ${exact} then 0 else 1 end)`;
}
