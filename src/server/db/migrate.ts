// Plain numbered SQL migrations (`<ISO-date>_<verb-object>.sql`), applied in name order, each in its own
// transaction, at start and by `bikri migrate`. An advisory lock keeps two starting processes from racing.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import type { DatabaseHandle } from "./connection.ts";

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");
const LOCK_KEY = 727_274_101; // any constant shared by every Bikri process

const MIGRATION_NAME = /^(\d{4}-\d{2}-\d{2})(?:-(\d+))?_[a-z0-9-]+\.sql$/;

/** Ordered by date, then by the day's sequence number (none = 1), so `2026-11-24_a` runs before `2026-11-24-2_b`. */
function migrationOrder(name: string): [string, number] {
  const m = MIGRATION_NAME.exec(name);
  return [m?.[1] ?? "", Number(m?.[2] ?? 1)];
}

export function listMigrations(dir = MIGRATIONS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => MIGRATION_NAME.test(f))
    .sort((a, b) => {
      const [da, na] = migrationOrder(a);
      const [db, nb] = migrationOrder(b);
      return da === db ? na - nb : da < db ? -1 : 1;
    });
}

export async function migrate(handle: DatabaseHandle, dir = MIGRATIONS_DIR): Promise<string[]> {
  const { db } = handle;
  await handle.executeSql(
    "create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())",
  );
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${LOCK_KEY})`.execute(conn);
    try {
      const done = new Set((await conn.selectFrom("schema_migrations").select("name").execute()).map((r) => r.name));
      const applied: string[] = [];
      for (const name of listMigrations(dir)) {
        if (done.has(name)) continue;
        const script = readFileSync(path.join(dir, name), "utf8");
        await conn.transaction().execute(async (trx) => {
          await sql.raw(script).execute(trx);
          await trx.insertInto("schema_migrations").values({ name }).execute();
        });
        applied.push(name);
      }
      return applied;
    } finally {
      await sql`select pg_advisory_unlock(${LOCK_KEY})`.execute(conn);
    }
  });
}
