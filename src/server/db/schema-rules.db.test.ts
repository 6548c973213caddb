// The schema keeps every tenant's rows together so that the database can be sharded by org_id (Citus: every
// table distributed by org_id, see docs/operations.md). That needs org_id to lead every primary key, and
// every foreign key and unique key to include it, or rows of one org could point at or collide with
// another's. A migration that breaks the rule fails here, with the constraint named.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";

/** Tables outside any org: the org list itself and the migration log. */
const PLATFORM_TABLES = new Set(["orgs", "schema_migrations"]);
/**
 * Unique keys that are global on purpose: people sign in with an email or a mobile number without naming
 * their org (docs/architecture.md: they move to a reference table when sharded), and org slugs are global.
 */
const GLOBAL_UNIQUE_KEYS = new Set(["users_email_key", "users_phone_key", "orgs_slug_key"]);

interface KeyRow {
  table_name: string;
  key_name: string;
  columns: string[];
}

describe("schema rules for sharding by org_id", () => {
  let database: TestDatabase;
  const db = () => database.handle.db;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  const tenantTables = async () =>
    (
      await sql<{ table_name: string }>`
        select table_name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db())
    ).rows
      .map((r) => r.table_name)
      .filter((t) => !PLATFORM_TABLES.has(t));

  /** Constraints of a kind (p, u, f) on public tables, with their columns in key order. */
  const constraints = async (kind: "p" | "u" | "f") =>
    (
      await sql<KeyRow & { ref_columns: string[] | null; ref_table: string | null }>`
        select c.conrelid::regclass::text as table_name, c.conname as key_name,
          array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i)
                join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as columns,
          case when c.contype = 'f' then c.confrelid::regclass::text end as ref_table,
          case when c.contype = 'f' then array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i)
                join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) end as ref_columns
        from pg_constraint c join pg_namespace ns on ns.oid = c.connamespace
        where ns.nspname = 'public' and c.contype = ${kind}
        order by 1, 2`.execute(db())
    ).rows;

  it("gives every tenant table a primary key led by org_id", async () => {
    const tables = await tenantTables();
    expect(tables.length).toBeGreaterThanOrEqual(30);
    const pks = new Map((await constraints("p")).map((k) => [k.table_name, k.columns]));
    const wrong = tables.filter((t) => pks.get(t)?.[0] !== "org_id").map((t) => `${t}: ${pks.get(t) ?? "no key"}`);
    expect(wrong, "tables whose primary key does not start with org_id").toEqual([]);
  });

  it("makes every foreign key carry org_id to the same org's row", async () => {
    const fks = (await constraints("f")).filter((k) => !PLATFORM_TABLES.has(k.table_name));
    expect(fks.length).toBeGreaterThanOrEqual(40);
    const wrong = fks
      .filter((k) => {
        const toOrgs = k.ref_table === "orgs" && k.columns.join() === "org_id";
        return !toOrgs && !(k.columns[0] === "org_id" && k.ref_columns?.[0] === "org_id");
      })
      .map((k) => `${k.key_name}: (${k.columns}) -> ${k.ref_table}(${k.ref_columns})`);
    expect(wrong, "foreign keys that could point into another org").toEqual([]);
  });

  it("scopes every unique key and unique index by org_id, but the global sign-in keys", async () => {
    const keys: KeyRow[] = [...(await constraints("u"))];
    const indexes = await sql<KeyRow>`
      select t.relname as table_name, i.relname as key_name,
        array(select a.attname::text from unnest(x.indkey::int2[]) with ordinality k(n, o)
              join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.n order by k.o) as columns
      from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
      join pg_namespace ns on ns.oid = t.relnamespace
      where ns.nspname = 'public' and x.indisunique and not x.indisprimary
        and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`.execute(db());
    keys.push(...indexes.rows);
    expect(keys.length).toBeGreaterThanOrEqual(10);
    const wrong = keys
      .filter((k) => !GLOBAL_UNIQUE_KEYS.has(k.key_name) && !PLATFORM_TABLES.has(k.table_name))
      .filter((k) => !k.columns.includes("org_id"))
      .map((k) => `${k.key_name} on ${k.table_name}(${k.columns})`);
    expect(wrong, "unique keys that span orgs").toEqual([]);
    // The exceptions still exist: when one goes, take it off the list.
    for (const name of GLOBAL_UNIQUE_KEYS) expect(keys.map((k) => k.key_name)).toContain(name);
  });
});
