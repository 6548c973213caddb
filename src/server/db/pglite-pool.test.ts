// The PGlite adapter hands its single connection to one borrower at a time, so concurrent transactions
// queue instead of interleaving on the one session, and Kysely sees the same results as on PostgreSQL.
import { PGlite } from "@electric-sql/pglite";
import { type Generated, Kysely, PostgresDialect, sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PGlitePool } from "./pglite-pool.ts";

interface TestDb {
  items: { id: Generated<number>; label: string; tx: string };
  counter: { id: number; n: number };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves with the promise's value, or rejects if it takes longer than `ms` (a stuck mutex). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not finish in ${ms} ms`)), ms)),
  ]);
}

describe("PGlitePool", () => {
  let lite: PGlite;
  let pool: PGlitePool;
  let db: Kysely<TestDb>;

  beforeAll(async () => {
    lite = await PGlite.create();
    pool = new PGlitePool(lite);
    db = new Kysely<TestDb>({ dialect: new PostgresDialect({ pool }) });
    await pool.query(`
      create table items (id serial primary key, label text not null, tx text not null);
      create table counter (id int primary key, n int not null);
    `);
  });
  afterAll(() => db.destroy());
  beforeEach(async () => {
    await pool.query("truncate items restart identity; truncate counter; insert into counter values (1, 0);");
  });

  const labels = async () =>
    (await db.selectFrom("items").select(["label", "tx"]).orderBy("id").execute()).map((r) => `${r.tx}:${r.label}`);

  it("runs a second transaction only after the first has finished, so their statements never mix", async () => {
    const events: string[] = [];
    const first = db.transaction().execute(async (tx) => {
      events.push("t1 start");
      await tx.insertInto("items").values({ label: "a", tx: "t1" }).execute();
      await sleep(30);
      await tx.insertInto("items").values({ label: "b", tx: "t1" }).execute();
      events.push("t1 end");
    });
    await sleep(5);
    const second = db.transaction().execute(async (tx) => {
      events.push("t2 start");
      await tx.insertInto("items").values({ label: "c", tx: "t2" }).execute();
      events.push("t2 end");
    });
    await within(Promise.all([first, second]), 5_000, "two transactions");
    expect(events).toEqual(["t1 start", "t1 end", "t2 start", "t2 end"]);
    expect(await labels()).toEqual(["t1:a", "t1:b", "t2:c"]);
  });

  it("keeps a concurrent transaction's work when another one rolls back", async () => {
    const failing = db.transaction().execute(async (tx) => {
      await tx.insertInto("items").values({ label: "doomed", tx: "t1" }).execute();
      await sleep(30);
      throw new Error("rollback t1");
    });
    await sleep(5);
    // If this ran on the shared session inside t1's open transaction, t1's rollback would take it too.
    const committed = db.transaction().execute(async (tx) => {
      await tx.insertInto("items").values({ label: "kept", tx: "t2" }).execute();
    });
    // Plain statements outside any transaction also wait their turn.
    const plain = db.insertInto("items").values({ label: "plain", tx: "none" }).execute();
    await expect(failing).rejects.toThrow("rollback t1");
    await within(Promise.all([committed, plain]), 5_000, "the other writers");
    expect((await labels()).sort()).toEqual(["none:plain", "t2:kept"]);
  });

  it("loses no update when many transactions read-modify-write the same row at once", async () => {
    await within(
      Promise.all(
        Array.from({ length: 20 }, () =>
          db.transaction().execute(async (tx) => {
            const { n } = await tx.selectFrom("counter").select("n").where("id", "=", 1).executeTakeFirstOrThrow();
            await sleep(1);
            await tx
              .updateTable("counter")
              .set({ n: n + 1 })
              .where("id", "=", 1)
              .execute();
          }),
        ),
      ),
      10_000,
      "twenty transactions",
    );
    expect((await db.selectFrom("counter").select("n").executeTakeFirstOrThrow()).n).toBe(20);
  });

  it("rolls back a transaction whose SQL fails, and releases the connection", async () => {
    await expect(
      db.transaction().execute(async (tx) => {
        await tx.insertInto("items").values({ label: "before the error", tx: "t1" }).execute();
        await sql`select * from no_such_table`.execute(tx);
      }),
    ).rejects.toThrow(/no_such_table/);
    // The next borrower gets a clean, usable connection (not one stuck in an aborted transaction).
    await within(db.insertInto("items").values({ label: "after", tx: "t2" }).execute(), 2_000, "the next insert");
    expect(await labels()).toEqual(["t2:after"]);
    const status = await within(pool.query("select 1 as ok", []), 2_000, "a plain query");
    expect(status.rows).toEqual([{ ok: 1 }]);
  });

  it("rolls back on a constraint violation and serves the next transaction", async () => {
    await expect(
      db.transaction().execute(async (tx) => {
        await tx.insertInto("counter").values({ id: 2, n: 0 }).execute();
        await tx.insertInto("counter").values({ id: 2, n: 0 }).execute();
      }),
    ).rejects.toThrow(/duplicate key/);
    await within(
      db.transaction().execute((tx) => tx.insertInto("counter").values({ id: 2, n: 5 }).execute()),
      2_000,
      "the next transaction",
    );
    expect(await db.selectFrom("counter").select(["id", "n"]).orderBy("id").execute()).toEqual([
      { id: 1, n: 0 },
      { id: 2, n: 5 },
    ]);
  });

  it("tolerates a client being released twice", async () => {
    const client = await pool.connect();
    client.release();
    client.release();
    const next = await within(pool.connect(), 1_000, "connect after a double release");
    next.release();
    // A double release must not hand the connection to two borrowers at once.
    const a = await pool.connect();
    let secondGotIt = false;
    const b = pool.connect().then((c) => {
      secondGotIt = true;
      return c;
    });
    await sleep(20);
    expect(secondGotIt).toBe(false);
    a.release();
    (await within(b, 1_000, "the waiting borrower")).release();
  });

  it("reports affected rows for insert, update and delete the way pg does", async () => {
    const inserted = await db
      .insertInto("items")
      .values([
        { label: "x", tx: "t" },
        { label: "y", tx: "t" },
      ])
      .executeTakeFirst();
    expect(inserted.numInsertedOrUpdatedRows).toBe(2n);
    const updated = await db.updateTable("items").set({ label: "z" }).where("tx", "=", "t").executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(2n);
    const deleted = await db.deleteFrom("items").where("label", "=", "z").executeTakeFirst();
    expect(deleted.numDeletedRows).toBe(2n);
  });

  it("reports affected rows for an update led by a CTE that calls a function", async () => {
    // Kysely writes `with "top" as (select max("n") ...) update ...`: the verb is after the CTE's last parenthesis.
    const updated = await db
      .with("top", (qb) => qb.selectFrom("counter").select(sql<number>`max(n)`.as("m")))
      .updateTable("counter")
      .set({ n: 7 })
      .where("n", "=", (eb) => eb.selectFrom("top").select("m"))
      .executeTakeFirst();
    expect((await db.selectFrom("counter").select("n").executeTakeFirstOrThrow()).n).toBe(7);
    expect(updated.numUpdatedRows).toBe(1n);
  });

  it("returns typed rows whether or not a statement has parameters", async () => {
    await db.insertInto("items").values({ label: "typed", tx: "t" }).execute();
    const withoutParams = await sql<{ id: number; label: string }>`select id, label from items`.execute(db);
    const withParams = await db.selectFrom("items").select(["id", "label"]).where("label", "=", "typed").execute();
    expect(withoutParams.rows).toEqual([{ id: 1, label: "typed" }]);
    expect(withParams).toEqual([{ id: 1, label: "typed" }]);
  });

  it("runs a script of several statements and answers with the last one's rows", async () => {
    const r = await pool.query(
      "insert into items (label, tx) values ('s', 'script'); select count(*)::int as n from items",
    );
    expect(r.rows).toEqual([{ n: 1 }]);
  });

  it("closes only after the borrower in progress has finished", async () => {
    const own = new PGlitePool(await PGlite.create());
    const ownDb = new Kysely<TestDb>({ dialect: new PostgresDialect({ pool: own }) });
    let finished = false;
    const work = ownDb.transaction().execute(async (tx) => {
      await sql`select 1`.execute(tx);
      await sleep(30);
      await sql`select 2`.execute(tx);
      finished = true;
    });
    await sleep(5);
    await within(own.end(), 5_000, "end()");
    expect(finished).toBe(true);
    await work;
    await own.end(); // a second end is harmless
  });
});
