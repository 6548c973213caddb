// A fresh, migrated database for one test file: in-memory PGlite, or (BIKRI_TEST_ENGINE=postgres) a
// new database on the server in DATABASE_URL, dropped afterwards.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { type DatabaseHandle, openDatabase } from "../db/connection.ts";
import { migrate } from "../db/migrate.ts";

export type TestEngine = "pglite" | "postgres";

export const testEngine = (): TestEngine => (process.env.BIKRI_TEST_ENGINE === "postgres" ? "postgres" : "pglite");

export interface TestDatabase {
  handle: DatabaseHandle;
  engine: TestEngine;
  /** Connection URL (PostgreSQL only): lets a test start a real server process on the same data. */
  url: string | null;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (testEngine() === "pglite") {
    const handle = await openDatabase({ kind: "pglite-memory" });
    await migrate(handle);
    return { handle, engine: "pglite", url: null, drop: () => handle.close() };
  }
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("BIKRI_TEST_ENGINE=postgres needs DATABASE_URL");
  const name = `bikri_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: "postgres", url: url.toString(), poolMax: 5 });
  await migrate(handle);
  return {
    handle,
    engine: "postgres",
    url: url.toString(),
    drop: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
