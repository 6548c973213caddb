// The SQL of moving one organisation between databases. Table and column names come from the catalog of
// this database, never from the export file; rows travel as PostgreSQL's own JSON text, so every value
// (bigint money, timestamps, arrays, jsonb) comes back exactly as it left.
import { sql } from "kysely";
import type { Executor } from "../../db/transaction.ts";

export interface TenantTable {
  name: string;
  /** Primary-key columns in key order (org_id first) with their SQL types, for keyset paging. */
  key: { column: string; type: string }[];
  columns: string[];
  /** Other tables its foreign keys point at (orgs excluded). */
  references: string[];
}

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

/** Every table with an org_id column, with what paging and ordering need. */
export async function tenantTables(db: Executor): Promise<TenantTable[]> {
  const rows = await sql<{ name: string; key: { column: string; type: string }[]; columns: string[]; refs: string[] }>`
    select c.relname as name,
      (select json_agg(json_build_object('column', a.attname, 'type', format_type(a.atttypid, a.atttypmod)) order by k.i)
         from pg_constraint p, unnest(p.conkey) with ordinality k(n, i)
         join pg_attribute a on a.attrelid = c.oid and a.attnum = k.n
        where p.conrelid = c.oid and p.contype = 'p') as key,
      array(select a.attname::text from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        order by a.attnum) as columns,
      array(select distinct f.confrelid::regclass::text from pg_constraint f
        where f.conrelid = c.oid and f.contype = 'f' and f.confrelid <> 'orgs'::regclass) as refs
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and c.relname <> 'orgs'
      and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped)
    order by c.relname`.execute(db);
  return rows.rows.map((r) => ({ name: r.name, key: r.key ?? [], columns: r.columns, references: r.refs }));
}

/** One page of a table's rows of one org, in key order after `after` (the previous page's last key). */
export async function pageOfRows(
  db: Executor,
  table: TenantTable,
  orgId: string,
  after: string[] | null,
  limit: number,
): Promise<{ json: string; cells: (string | null)[]; key: string[] }[]> {
  const keyCols = table.key.map((k) => ident(k.column));
  const keyText = sql.join(table.key.map((k) => sql`${ident(k.column)}::text`));
  const cells = sql.join(table.columns.map((c) => sql`${ident(c)}::text`));
  const afterCond = after
    ? sql`and (${sql.join(keyCols)}) > (${sql.join(table.key.map((k, i) => sql`${after[i]}::${sql.raw(k.type)}`))})`
    : sql``;
  const r = await sql<{ json: string; cells: (string | null)[]; key: string[] }>`
    select to_jsonb(t)::text as json, array[${cells}] as cells, array[${keyText}] as key
    from ${ident(table.name)} t
    where org_id = ${orgId} ${afterCond}
    order by ${sql.join(keyCols)}
    limit ${limit}`.execute(db);
  return r.rows;
}

/** Inserts rows given as JSON objects (one JSON array text), exactly as pageOfRows exported them. */
export async function insertRows(db: Executor, table: TenantTable, jsonArray: string): Promise<number> {
  const cols = sql.join(table.columns.map(ident));
  const r = await sql`
    insert into ${ident(table.name)} (${cols})
    select ${cols} from json_populate_recordset(null::${ident(table.name)}, ${jsonArray}::json)`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export async function findOrg(db: Executor, slug: string) {
  const r = await sql<{ id: string; slug: string; json: string }>`
    select id, slug, to_jsonb(o)::text as json from orgs o where slug = ${slug}`.execute(db);
  return r.rows[0];
}

export async function orgExists(db: Executor, id: string, slug: string): Promise<boolean> {
  const r = await sql<{ n: number }>`select count(*)::int as n from orgs where id = ${id} or slug = ${slug}`.execute(
    db,
  );
  return (r.rows[0]?.n ?? 0) > 0;
}

export async function insertOrgRow(db: Executor, json: string): Promise<void> {
  await sql`insert into orgs select * from json_populate_record(null::orgs, ${json}::json)`.execute(db);
}

export async function appliedMigrations(db: Executor): Promise<string[]> {
  const r = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(db);
  return r.rows.map((x) => x.name);
}

/** The org's last secondary order number, or null before its first order. */
export async function lastOrderNumber(db: Executor, orgId: string): Promise<number | null> {
  const r = await sql<{ last: string | null }>`
    select last_value::text as last from pg_sequences
    where schemaname = 'public' and sequencename = order_number_sequence(${orgId})`.execute(db);
  const last = r.rows[0]?.last;
  return last ? Number(last) : null;
}

export async function setLastOrderNumber(db: Executor, orgId: string, last: number): Promise<void> {
  await sql`select set_last_order_number(${orgId}, ${last})`.execute(db);
}
