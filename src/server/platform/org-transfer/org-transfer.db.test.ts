// An organisation exported from one database and imported into an empty one comes back whole: every table's
// rows of that org are identical (content digest), its order numbers continue where they were, and nothing
// of the other org travels with it.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/transaction.ts";
import { createSalesFixture } from "../../testing/sales-fixture.ts";
import { createTestApp, type TestApp } from "../../testing/test-app.ts";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { exportOrg, importOrg, type Manifest, TransferError } from "./org-transfer.service.ts";

let source: TestApp;
let target: TestDatabase;
let dir: string;
let manifest: Manifest;

/** Row count and digest of every table's rows of one org. */
async function orgDigest(db: Db, orgId: string) {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.columns
    where table_schema = 'public' and column_name = 'org_id' order by table_name`.execute(db);
  const out: Record<string, { n: number; digest: string }> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ n: number; digest: string }>`
      select count(*)::int as n, md5(coalesce(string_agg(to_jsonb(t)::text, '|' order by to_jsonb(t)::text), '')) as digest
      from ${sql.table(name)} t where org_id = ${orgId}`.execute(db);
    out[name] = r.rows[0] ?? { n: 0, digest: "" };
  }
  const org = await sql<{ json: string }>`select to_jsonb(o)::text as json from orgs o where id = ${orgId}`.execute(db);
  return { org: org.rows[0]?.json, tables: out };
}

beforeAll(async () => {
  source = await createTestApp();
  // The fixture's stock and orders on top of the seeded history, and a number taken from the org's order
  // sequence (as an order confirmed now would), so that the export has a sequence position to carry.
  await createSalesFixture(source.database.handle.db, source.orgA);
  await sql`select next_order_number(${source.orgA.orgId})`.execute(source.database.handle.db);
  target = await createTestDatabase();
  dir = mkdtempSync(path.join(tmpdir(), "bikri-export-"));
  manifest = await exportOrg(source.database.handle.db, "org-a", dir);
});
afterAll(async () => {
  await source.close();
  await target.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("organisation export and import", () => {
  it("writes every tenant table as JSON Lines and CSV, with row counts in the manifest", async () => {
    expect(manifest.org).toEqual({ id: source.orgA.orgId, slug: "org-a" });
    const byName = new Map(manifest.tables.map((t) => [t.name, t.rows]));
    for (const name of ["territories", "users", "outlets", "skus", "secondary_orders", "secondary_order_lines"])
      expect(byName.get(name), name).toBeGreaterThan(0);
    const files = readdirSync(dir);
    for (const { name, rows } of manifest.tables) {
      expect(files).toContain(`${name}.jsonl`);
      const csv = readFileSync(path.join(dir, `${name}.csv`), "utf8");
      expect(csv.startsWith("\uFEFF")).toBe(true);
      // header + one line per row (a quoted cell may hold a line break, so count JSONL lines instead)
      const jsonl = readFileSync(path.join(dir, `${name}.jsonl`), "utf8")
        .split("\n")
        .filter(Boolean);
      expect(jsonl.length, name).toBe(rows);
    }
    // Bengali survives as text in both forms.
    expect(readFileSync(path.join(dir, "outlets.csv"), "utf8")).toMatch(/[\u0980-\u09FF]/);
    // Nothing of org B: every JSONL row names org A.
    for (const { name } of manifest.tables)
      for (const line of readFileSync(path.join(dir, `${name}.jsonl`), "utf8")
        .split("\n")
        .filter(Boolean))
        expect(JSON.parse(line).org_id, name).toBe(source.orgA.orgId);
    expect(manifest.lastOrderNumber).toBeGreaterThan(0);
  });

  it("imports into an empty database with every row identical, and order numbers continuing", async () => {
    await importOrg(target.handle.db, dir);
    const before = await orgDigest(source.database.handle.db, source.orgA.orgId);
    const after = await orgDigest(target.handle.db, source.orgA.orgId);
    expect(after).toEqual(before);
    const next = await sql<{ n: string }>`select next_order_number(${source.orgA.orgId})::text as n`.execute(
      target.handle.db,
    );
    expect(Number(next.rows[0]?.n)).toBe((manifest.lastOrderNumber ?? 0) + 1);
    // org B stayed behind
    const orgs = await sql<{ n: number }>`select count(*)::int as n from orgs`.execute(target.handle.db);
    expect(orgs.rows[0]?.n).toBe(1);
  });

  it("refuses to import the same organisation twice, and changes nothing", async () => {
    const before = await orgDigest(target.handle.db, source.orgA.orgId);
    await expect(importOrg(target.handle.db, dir)).rejects.toThrow(TransferError);
    await expect(importOrg(target.handle.db, dir)).rejects.toThrow(/already exists/);
    expect(await orgDigest(target.handle.db, source.orgA.orgId)).toEqual(before);
  });

  it("refuses a database at another schema version, and a folder that is not an export", async () => {
    const other = await createTestDatabase();
    try {
      await sql`delete from schema_migrations where name = (select max(name) from schema_migrations)`.execute(
        other.handle.db,
      );
      await expect(importOrg(other.handle.db, dir)).rejects.toThrow(/schema version/);
      const orgs = await sql<{ n: number }>`select count(*)::int as n from orgs`.execute(other.handle.db);
      expect(orgs.rows[0]?.n).toBe(0);
      await expect(importOrg(other.handle.db, tmpdir())).rejects.toThrow(/not a Bikri export/);
    } finally {
      await other.drop();
    }
  });

  it("refuses an unknown slug", async () => {
    await expect(exportOrg(source.database.handle.db, "no-such-org", dir)).rejects.toThrow(/no organisation/);
  });
});
