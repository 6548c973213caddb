// The invariant checker: silent on consistent data (the seeded demo orgs plus every posting the order,
// delivery, return and payment services make), and for each check one corruption that it, and only it,
// reports. Each corruption runs inside a transaction that is rolled back, so the cases stay independent.
import { sql, type Transaction } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../../shared/ids.ts";
import type { Database } from "../../db/database.ts";
import { must } from "../../testing/assertions.ts";
import { createSalesFixture, type SalesFixture } from "../../testing/sales-fixture.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, signIn, type TestApp } from "../../testing/test-app.ts";
import { CHECKS, type CheckName, checkIntegrity, type Finding } from "./integrity.service.ts";

let t: TestApp;
let f: SalesFixture;
let admin: Caller;
const db = () => t.database.handle.db;
const orgA = () => t.orgA.orgId;

/** The orders, returns and payments the setup makes through the API, by role in the cases below. */
const made = {
  draft: "",
  openA: "",
  openB: "",
  deliveredX: "",
  deliveredY: "",
  returns: [] as string[],
  payments: [] as string[],
};

async function post(url: string, body?: unknown) {
  const res = await admin.request("POST", url, body);
  if (res.statusCode !== 200 && res.statusCode !== 201)
    throw new Error(`${url} answered ${res.statusCode}: ${res.body}`);
  return res.json();
}

const order = (lines: { skuId: string; qty: number }[], confirm: boolean) =>
  post("/api/v1/secondary-orders", { outletId: f.outletId, lines, confirm });

async function deliver(id: string, lines: { lineNo: number; deliveredQty: number }[] = []) {
  await post(`/api/v1/secondary-orders/${id}/invoice`);
  await post(`/api/v1/secondary-orders/${id}/dispatch`);
  return post(`/api/v1/secondary-orders/${id}/deliver`, { lines });
}

beforeAll(async () => {
  t = await createTestApp();
  f = await createSalesFixture(db(), t.orgA, { soapStock: 480, biscuitStock: 240 });
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
  made.draft = (await order([{ skuId: f.soapId, qty: 2 }], false)).id;
  made.openA = (
    await order(
      [
        { skuId: f.soapId, qty: 10 },
        { skuId: f.biscuitId, qty: 5 },
      ],
      true,
    )
  ).id;
  made.openB = (await order([{ skuId: f.soapId, qty: 4 }], true)).id;
  const cancelled = (await order([{ skuId: f.biscuitId, qty: 7 }], true)).id;
  await post(`/api/v1/secondary-orders/${cancelled}/cancel`, { reason: "outlet closed" });
  const cancelledDraft = (await order([{ skuId: f.biscuitId, qty: 1 }], false)).id;
  await post(`/api/v1/secondary-orders/${cancelledDraft}/cancel`, { reason: "typo" });
  const invoiced = (await order([{ skuId: f.soapId, qty: 3 }], true)).id;
  await post(`/api/v1/secondary-orders/${invoiced}/invoice`);
  const dispatched = (await order([{ skuId: f.biscuitId, qty: 2 }], true)).id;
  await post(`/api/v1/secondary-orders/${dispatched}/invoice`);
  await post(`/api/v1/secondary-orders/${dispatched}/dispatch`);
  made.deliveredX = (await order([{ skuId: f.soapId, qty: 20 }], true)).id;
  await deliver(made.deliveredX);
  made.deliveredY = (await order([{ skuId: f.soapId, qty: 6 }], true)).id;
  await deliver(made.deliveredY);
  const partial = (
    await order(
      [
        { skuId: f.soapId, qty: 30 },
        { skuId: f.biscuitId, qty: 12 },
      ],
      true,
    )
  ).id;
  await deliver(partial, [{ lineNo: 1, deliveredQty: 25 }]);
  // Two returns of part of one order, with different totals; part of a short delivery; and a whole order back.
  await post(`/api/v1/secondary-orders/${made.deliveredX}/returns`, {
    reason: "torn wrappers",
    lines: [{ lineNo: 1, qty: 3, condition: "saleable" }],
  });
  await post(`/api/v1/secondary-orders/${made.deliveredX}/returns`, {
    reason: "crushed",
    lines: [{ lineNo: 1, qty: 2, condition: "damaged" }],
  });
  await post(`/api/v1/secondary-orders/${partial}/returns`, {
    reason: "wrong item",
    lines: [
      { lineNo: 1, qty: 5, condition: "saleable" },
      { lineNo: 2, qty: 12, condition: "damaged" },
    ],
  });
  const whole = (await order([{ skuId: f.biscuitId, qty: 4 }], true)).id;
  await deliver(whole);
  await post(`/api/v1/secondary-orders/${whole}/returns`, {
    reason: "not ordered",
    lines: [{ lineNo: 1, qty: 4, condition: "saleable" }],
  });
  const returns = await db()
    .selectFrom("order_returns")
    .select(["id", "total_poisha"])
    .where("org_id", "=", orgA())
    .where("order_id", "=", made.deliveredX)
    .orderBy("id")
    .execute();
  made.returns = returns.map((r) => r.id);
  for (const amountPoisha of [1000, 2500])
    made.payments.push((await post("/api/v1/payments", { outletId: f.outletId, method: "cash", amountPoisha })).id);
}, 120_000);
afterAll(() => t?.close());

class Rollback extends Error {}

/** What the checker reports for org A after a corruption, which is then rolled back. */
async function findingsAfter(corrupt: (tx: Transaction<Database>) => Promise<void>): Promise<Finding[]> {
  let findings: Finding[] = [];
  await db()
    .transaction()
    .execute(async (tx) => {
      await corrupt(tx);
      findings = await checkIntegrity(tx, { orgId: orgA() });
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return findings;
}

const checksOf = (findings: Finding[]) => [...new Set(findings.map((x) => x.check))].sort();

async function batchId(tx: Transaction<Database>, batchNo: string) {
  const b = await tx
    .selectFrom("stock_batches")
    .select("id")
    .where("org_id", "=", orgA())
    .where("distributor_id", "=", f.distributorId)
    .where("batch_no", "=", batchNo)
    .executeTakeFirstOrThrow();
  return b.id;
}

/** Swaps which document two receivable entries name. */
const swap = (tx: Transaction<Database>, column: "order_id" | "payment_id" | "return_id", a: string, b: string) =>
  sql`update receivable_entries
      set ${sql.ref(column)} = case when ${sql.ref(column)} = ${a}::uuid then ${b}::uuid else ${a}::uuid end
      where org_id = ${orgA()} and ${sql.ref(column)} in (${a}::uuid, ${b}::uuid)`.execute(tx);

const strayMovement = (
  tx: Transaction<Database>,
  m: { skuId: string; batchId?: string; kind: "adjustment" | "reservation"; reserved?: number; damaged?: number },
) =>
  tx
    .insertInto("stock_movements")
    .values({
      org_id: orgA(),
      id: newId(),
      distributor_id: f.distributorId,
      sku_id: m.skuId,
      batch_id: m.batchId ?? null,
      kind: m.kind,
      reserved_delta: m.reserved ?? 0,
      damaged_delta: m.damaged ?? 0,
    })
    .execute();

describe("invariant checker", () => {
  it("finds nothing wrong in the seeded demo organisations and in what the services posted", async () => {
    // The setup really went through every path the checks look at.
    const statuses = await db()
      .selectFrom("secondary_orders")
      .select("status")
      .distinct()
      .where("org_id", "=", orgA())
      .execute();
    expect(statuses.map((s) => s.status).sort()).toEqual(
      expect.arrayContaining([
        "cancelled",
        "confirmed",
        "delivered",
        "draft",
        "dispatched",
        "invoiced",
        "partially_delivered",
        "returned",
      ]),
    );
    expect(made.returns).toHaveLength(2);
    expect(made.payments).toHaveLength(2);
    expect(await checkIntegrity(db())).toEqual([]);
  });

  it("has a stable name for each check", () => {
    expect(CHECKS.map((c) => c.name)).toEqual([
      "stock.ledger",
      "stock.batches",
      "stock.non_negative",
      "stock.reservations",
      "orders.complete",
      "orders.totals",
      "orders.stock",
      "orders.returns",
      "receivables.invoices",
      "receivables.payments",
      "receivables.returns",
      "receivables.balance",
      "references.declared",
      "references.undeclared",
      "documents.numbers",
    ]);
  });

  const cases: {
    check: CheckName;
    how: string;
    detail: RegExp;
    corrupt: (tx: Transaction<Database>) => Promise<unknown>;
  }[] = [
    {
      check: "stock.ledger",
      how: "a movement appended without moving the balance",
      detail: /DB-1 × SOAP-100: balance vs ledger reserved \d+ ≠ \d+/,
      corrupt: (tx) => strayMovement(tx, { skuId: f.soapId, kind: "adjustment", reserved: 1 }),
    },
    {
      check: "stock.batches",
      how: "a batch balance changed by hand",
      detail: /batch S-LATE of DB-1 × SOAP-100: batch balance vs its movements on hand 241 ≠ 240/,
      corrupt: async (tx) =>
        tx
          .updateTable("stock_batch_balances")
          .set((eb) => ({ on_hand: eb("on_hand", "+", 1) }))
          .where("org_id", "=", orgA())
          .where("batch_id", "=", await batchId(tx, "S-LATE"))
          .execute(),
    },
    {
      check: "stock.non_negative",
      how: "negative damaged stock, consistent with its ledger (the CHECK constraints dropped first)",
      detail: /DB-1 × BISC-50: on hand \d+, reserved \d+, damaged -1/,
      corrupt: async (tx) => {
        await tx.schema.alterTable("stock_balances").dropConstraint("stock_balances_damaged_check").execute();
        await tx.schema
          .alterTable("stock_batch_balances")
          .dropConstraint("stock_batch_balances_damaged_check")
          .execute();
        const batch = await batchId(tx, "B-1");
        await strayMovement(tx, { skuId: f.biscuitId, batchId: batch, kind: "adjustment", damaged: -13 });
        await tx
          .updateTable("stock_batch_balances")
          .set((eb) => ({ damaged: eb("damaged", "-", 13) }))
          .where("org_id", "=", orgA())
          .where("batch_id", "=", batch)
          .execute();
        await tx
          .updateTable("stock_balances")
          .set((eb) => ({ damaged: eb("damaged", "-", 13) }))
          .where("org_id", "=", orgA())
          .where("distributor_id", "=", f.distributorId)
          .where("sku_id", "=", f.biscuitId)
          .execute();
      },
    },
    {
      check: "stock.reservations",
      how: "stock reserved (ledger and balance alike) for no order",
      detail: /DB-1 × BISC-50: reserved 8, open orders hold 7/,
      corrupt: async (tx) => {
        await strayMovement(tx, { skuId: f.biscuitId, kind: "reservation", reserved: 1 });
        await tx
          .updateTable("stock_balances")
          .set((eb) => ({ reserved: eb("reserved", "+", 1) }))
          .where("org_id", "=", orgA())
          .where("distributor_id", "=", f.distributorId)
          .where("sku_id", "=", f.biscuitId)
          .execute();
      },
    },
    {
      check: "orders.complete",
      how: "an order's events deleted (a half-written order)",
      detail: /order SO-\d{7} \(draft\): no events/,
      corrupt: (tx) =>
        tx
          .deleteFrom("secondary_order_events")
          .where("org_id", "=", orgA())
          .where("order_id", "=", made.draft)
          .execute(),
    },
    {
      check: "orders.totals",
      how: "an order's total changed",
      detail: /order SO-\d{7} \(confirmed\): header vs lines total \d+ ≠ \d+/,
      corrupt: (tx) =>
        tx
          .updateTable("secondary_orders")
          .set((eb) => ({ total_poisha: eb("total_poisha", "+", 1) }))
          .where("org_id", "=", orgA())
          .where("id", "=", made.openA)
          .execute(),
    },
    {
      check: "orders.stock",
      how: "one open order's reservation booked to another open order of the same stock",
      detail: /order SO-\d{7} \(confirmed\), DB-1 × SOAP-100: expected vs moved reserved (10 ≠ 0|4 ≠ 14)/,
      corrupt: (tx) =>
        tx
          .updateTable("stock_movements")
          .set({ ref_id: made.openB })
          .where("org_id", "=", orgA())
          .where("ref_type", "=", "secondary_order")
          .where("ref_id", "=", made.openA)
          .where("sku_id", "=", f.soapId)
          .execute(),
    },
    {
      check: "orders.returns",
      how: "a return line's amount changed",
      detail: /return RET-\d{7} of order SO-\d{7}: total \d+ ≠ its lines \d+/,
      corrupt: (tx) =>
        tx
          .updateTable("order_return_lines")
          .set((eb) => ({ amount_poisha: eb("amount_poisha", "+", 1) }))
          .where("org_id", "=", orgA())
          .where("return_id", "=", must(made.returns[0], "first return"))
          .execute(),
    },
    {
      check: "receivables.invoices",
      how: "two invoice entries of one outlet swapped between their orders",
      detail: /order SO-\d{7}: delivered \d+, invoiced \d+ in 1 entries/,
      corrupt: (tx) => swap(tx, "order_id", made.deliveredX, made.deliveredY),
    },
    {
      check: "receivables.payments",
      how: "two payment entries of one outlet swapped between their payments",
      detail: /payment RCPT-\d{7} \(received\): expected -(1000|2500), posted -(2500|1000) in 1 entries/,
      corrupt: (tx) => swap(tx, "payment_id", must(made.payments[0], "payment 1"), must(made.payments[1], "payment 2")),
    },
    {
      check: "receivables.returns",
      how: "two return entries of one outlet swapped between their returns",
      detail: /return RET-\d{7}: expected -\d+, posted -\d+ in 1 entries/,
      corrupt: (tx) => swap(tx, "return_id", must(made.returns[0], "return 1"), must(made.returns[1], "return 2")),
    },
    {
      check: "receivables.balance",
      how: "a receivable entry that no document explains",
      detail: /outlet OUT-1 at DB-1: ledger says \d+, documents say \d+/,
      corrupt: (tx) =>
        tx
          .insertInto("receivable_entries")
          .values({
            org_id: orgA(),
            id: newId(),
            outlet_id: f.outletId,
            distributor_id: f.distributorId,
            kind: "adjustment",
            amount_poisha: 500,
            entry_date: "2026-11-24",
          })
          .execute(),
    },
    {
      check: "references.declared",
      how: "a user pointed at another organisation's distributor (foreign-key triggers off, as in a bulk load)",
      detail: /users\.distributor_id = [0-9a-f-]{36} → distributors: a row of organisation org-b/,
      corrupt: async (tx) => {
        const other = await tx
          .selectFrom("distributors")
          .select("id")
          .where("org_id", "=", t.orgB.orgId)
          .executeTakeFirstOrThrow();
        // A bulk load or restore may run without its foreign-key triggers; the checker must still see this.
        await sql`set local session_replication_role = replica`.execute(tx);
        await tx
          .updateTable("users")
          .set({ distributor_id: other.id })
          .where("org_id", "=", orgA())
          .where("id", "=", t.orgA.usersByRole.distributor)
          .execute();
      },
    },
    {
      check: "references.undeclared",
      how: "an order credited to a rep of another organisation",
      detail: /secondary_orders\.rep_user_id = [0-9a-f-]{36} → users: a row of organisation org-b/,
      corrupt: (tx) =>
        tx
          .updateTable("secondary_orders")
          .set({ rep_user_id: t.orgB.usersByRole.rep })
          .where("org_id", "=", orgA())
          .where("id", "=", made.openA)
          .execute(),
    },
    {
      check: "documents.numbers",
      how: "a distributor's invoice counter set back by one",
      detail: /invoices of DB-1: counter would hand out 6 next, after 6/,
      corrupt: (tx) =>
        tx
          .updateTable("document_counters")
          .set((eb) => ({ next_value: eb("next_value", "-", 1) }))
          .where("org_id", "=", orgA())
          .where("series", "=", `INV:${f.distributorId}`)
          .execute(),
    },
  ];

  it("has one corruption case per check", () => {
    expect(cases.map((c) => c.check)).toEqual(CHECKS.map((c) => c.name));
  });

  for (const c of cases)
    it(`${c.check} reports ${c.how}, and no other check does`, async () => {
      const findings = await findingsAfter(async (tx) => {
        await c.corrupt(tx);
      });
      expect(checksOf(findings), JSON.stringify(findings, null, 2)).toEqual([c.check]);
      expect(findings.every((x) => x.orgId === orgA())).toBe(true);
      expect(findings.map((x) => x.detail).join("\n")).toMatch(c.detail);
    });

  it("names the first few problems and counts the rest; --org leaves other organisations out", async () => {
    const corruptAll = (tx: Transaction<Database>) =>
      tx
        .updateTable("stock_balances")
        .set((eb) => ({ on_hand: eb("on_hand", "+", 1) }))
        .where("org_id", "=", t.orgB.orgId)
        .execute();
    let rows = 0;
    let onlyA: Finding[] = [];
    let all: Finding[] = [];
    await db()
      .transaction()
      .execute(async (tx) => {
        rows = Number((await corruptAll(tx))[0]?.numUpdatedRows ?? 0);
        onlyA = await checkIntegrity(tx, { orgId: orgA() });
        all = await checkIntegrity(tx);
        throw new Rollback();
      })
      .catch((e) => {
        if (!(e instanceof Rollback)) throw e;
      });
    expect(rows).toBeGreaterThan(5);
    expect(onlyA).toEqual([]);
    expect(checksOf(all)).toEqual(["stock.batches", "stock.ledger"]);
    const ledger = all.filter((x) => x.check === "stock.ledger");
    expect(ledger).toHaveLength(6);
    expect(ledger.slice(0, 5).every((x) => x.count === undefined && /on hand \d+ ≠ \d+/.test(x.detail))).toBe(true);
    expect(ledger[5]).toMatchObject({ count: rows - 5, detail: `… and ${rows - 5} more of the same kind` });
    expect(all.every((x) => x.orgId === t.orgB.orgId)).toBe(true);
  });
});
