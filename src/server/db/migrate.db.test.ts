import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { listMigrations, migrate } from "./migrate.ts";

describe("migrations", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it("apply every migration to an empty database, and a second run applies none", async () => {
    const applied = await database.handle.db.selectFrom("schema_migrations").select("name").execute();
    expect(applied.map((r) => r.name).sort()).toEqual([...listMigrations()].sort());
    expect(await migrate(database.handle)).toEqual([]);
  });

  it("run a day's numbered migrations after its unnumbered one", () => {
    const names = listMigrations();
    expect(names[0]).toBe("2026-11-24_create-platform.sql");
    expect(names.indexOf("2026-11-24-2_create-network.sql")).toBe(1);
  });

  it("keep business dates in Asia/Dhaka", async () => {
    const r = await sql<{ tz: string }>`select current_setting('TimeZone') as tz`.execute(database.handle.db);
    expect(r.rows[0]?.tz).toBe("Asia/Dhaka");
  });
});
