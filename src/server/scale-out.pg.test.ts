// Scale-out on one PostgreSQL (docs/operations.md): app processes are stateless, so a session started on
// one is good on any other, and a background job runs on exactly one of them. A pg_dump / pg_restore round
// trip gives back every row. PostgreSQL only: the embedded database is one process by design.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "./db/connection.ts";
import type { Db } from "./db/transaction.ts";
import { DEMO_PASSWORD, DEMO_SIZES, seedDemo } from "./demo/demo-seed.ts";
import { type ServerProcess, startServerProcess } from "./testing/server-process.ts";
import { createTestDatabase, type TestDatabase } from "./testing/test-database.ts";

const run = promisify(execFile);
let database: TestDatabase;
let url: string;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  url = database.url ?? "";
  expect(url).toMatch(/^postgres/);
  await seedDemo(database.handle.db, { ...DEMO_SIZES.tiny, routesPerTerritory: 1, extraUsers: 2 });
  // Two app processes on different ports, both with background jobs on.
  for (let i = 0; i < 2; i++) servers.push(await startServerProcess({ DATABASE_URL: url, BIKRI_JOBS: "true" }));
}, 120_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await database?.drop();
});

async function signIn(base: string) {
  const res = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@demo.bikri.app", password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

describe("two app processes on one PostgreSQL", () => {
  it("serve the same sessions: signed in on one, the other knows the user, takes writes, and signs out for both", async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    expect(a.port).not.toBe(b.port);
    const { cookie, csrfToken } = await signIn(a.base);
    const onB = await fetch(`${b.base}/api/v1/auth/session`, { headers: { cookie } });
    expect(onB.status).toBe(200);
    expect(((await onB.json()) as { user: { email: string } }).user.email).toBe("admin@demo.bikri.app");

    // A write through B with the CSRF token A issued.
    const brand = await fetch(`${b.base}/api/v1/brands`, {
      method: "POST",
      headers: { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" },
      body: JSON.stringify({ code: "SCALE", name: "Scale Out", nameBn: "স্কেল আউট" }),
    });
    expect(brand.status, await brand.clone().text()).toBe(201);
    const { id } = (await brand.json()) as { id: string };
    const onA = await fetch(`${a.base}/api/v1/brands/${id}`, { headers: { cookie } });
    expect(onA.status).toBe(200);

    const out = await fetch(`${b.base}/api/v1/auth/sign-out`, {
      method: "POST",
      headers: { cookie, "x-csrf-token": csrfToken },
    });
    expect(out.status).toBeLessThan(300);
    expect((await fetch(`${a.base}/api/v1/auth/session`, { headers: { cookie } })).status).toBe(401);
  });

  it("run each background job on exactly one process", async () => {
    const JOBS = 12;
    const queue = "platform-purge-expired";
    const boss = new PgBoss({
      connectionString: url,
      schema: "pgboss",
      supervise: false,
      schedule: false,
      migrate: false,
    });
    await boss.start();
    const ids: string[] = [];
    for (let i = 0; i < JOBS; i++) ids.push((await boss.send(queue, { n: i })) ?? "");
    await boss.stop({ graceful: false, wait: true });
    expect(ids.filter(Boolean)).toHaveLength(JOBS);

    const db = database.handle.db as Db;
    const done = async () =>
      Number(
        (
          await sql<{ n: number }>`select count(*)::int as n from pgboss.job
            where id = any(${ids}::uuid[]) and state = 'completed'`.execute(db)
        ).rows[0]?.n ?? 0,
      );
    await expect.poll(done, { timeout: 60_000, interval: 500 }).toBe(JOBS);

    // Who ran what, from each process's own log.
    const ranBy = servers.map((s) => s.logs.filter((l) => l.msg === "job started" && ids.includes(String(l.id))));
    const all = ranBy.flat().map((l) => String(l.id));
    expect(all.length, "every job started exactly once across both processes").toBe(JOBS);
    expect(new Set(all).size).toBe(JOBS);
    console.info(`jobs run per process: ${ranBy.map((r) => r.length).join(" + ")}`);
  }, 90_000);
});

describe("backup and restore", () => {
  it("a pg_dump / pg_restore round trip gives back every row and the same ledger totals", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "bikri-backup-"));
    const restoredName = `${new URL(url).pathname.slice(1)}_restored`;
    const restoredUrl = new URL(url);
    restoredUrl.pathname = `/${restoredName}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      const file = path.join(dir, "bikri.dump");
      await run("pg_dump", ["--format=custom", "--no-owner", `--file=${file}`, url]);
      await admin.query(`create database ${restoredName}`);
      await run("pg_restore", ["--no-owner", "--exit-on-error", `--dbname=${restoredUrl}`, file]);
      const restored = await openDatabase({ kind: "postgres", url: restoredUrl.toString(), poolMax: 2 });
      try {
        expect(await everything(restored.db)).toEqual(await everything(database.handle.db));
        expect(await ledgerTotals(restored.db)).toEqual(await ledgerTotals(database.handle.db));
        expect((await ledgerTotals(restored.db)).movements).toBeGreaterThan(0);
      } finally {
        await restored.close();
      }
    } finally {
      await admin.query(`drop database if exists ${restoredName} with (force)`);
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

/** Row count and content digest of every table in public (sessions included: they are data too). */
async function everything(db: Db) {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const out: Record<string, { n: number; digest: string }> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ n: number; digest: string }>`
      select count(*)::int as n, md5(coalesce(string_agg(to_jsonb(t)::text, '|' order by to_jsonb(t)::text), '')) as digest
      from ${sql.table(name)} t`.execute(db);
    out[name] = r.rows[0] ?? { n: 0, digest: "" };
  }
  return out;
}

async function ledgerTotals(db: Db) {
  const r = await sql<{ movements: number; on_hand: string; receivable: string; orders: string }>`
    select (select count(*)::int from stock_movements) as movements,
           (select coalesce(sum(on_hand_delta), 0)::text from stock_movements) as on_hand,
           (select coalesce(sum(amount_poisha), 0)::text from receivable_entries) as receivable,
           (select coalesce(sum(total_poisha), 0)::text from secondary_orders) as orders`.execute(db);
  return r.rows[0] ?? { movements: 0, on_hand: "0", receivable: "0", orders: "0" };
}
