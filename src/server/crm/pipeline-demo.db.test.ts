// The demo's sales path: deals on the demo accounts in every kind of stage, moved there with real history, lost ones
// with a reason, and activities around them; the same seed and day give the same deals.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../shared/ids.ts";
import { createTestApp, type TestApp } from "../testing/test-app.ts";
import { seedPipelineDemo } from "./pipeline-demo.ts";

let t: TestApp;
const db = () => t.database.handle.db;

async function accounts(orgId: string, n: number) {
  const rep = await db()
    .selectFrom("users")
    .select(["id", "territory_id"])
    .where("org_id", "=", orgId)
    .where("role", "=", "rep")
    .executeTakeFirstOrThrow();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = newId();
    await db()
      .insertInto("accounts")
      .values({
        org_id: orgId,
        id,
        kind: "company",
        name: `Demo company ${i}`,
        territory_id: rep.territory_id,
        owner_user_id: rep.id,
      })
      .execute();
    ids.push(id);
  }
  return ids;
}

beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(() => t?.close());

describe("pipeline demo", () => {
  it("puts deals in every kind of stage with their history and activities, the same for the same seed", async () => {
    const asOf = new Date("2026-11-20T06:00:00Z");
    const a = await seedPipelineDemo(db(), t.orgA.orgId, { accountIds: await accounts(t.orgA.orgId, 14), asOf });
    const b = await seedPipelineDemo(db(), t.orgB.orgId, { accountIds: await accounts(t.orgB.orgId, 14), asOf });
    expect(a).toEqual(b);
    expect(a.deals).toBeGreaterThanOrEqual(14);
    const byStatus = await sql<{ status: string; n: number }>`
      select status, count(*)::int as n from deals where org_id = ${t.orgA.orgId} group by status`.execute(db());
    const counts = Object.fromEntries(byStatus.rows.map((r) => [r.status, r.n]));
    expect(counts.open).toBeGreaterThan(0);
    expect((counts.won ?? 0) + (counts.lost ?? 0)).toBeGreaterThan(0);
    const lostWithoutReason = await sql<{ n: number }>`
      select count(*)::int as n from deals where org_id = ${t.orgA.orgId} and status = 'lost' and lost_reason_id is null`.execute(
      db(),
    );
    expect(lostWithoutReason.rows[0]?.n).toBe(0);
    const history = await sql<{ n: number }>`
      select count(*)::int as n from deal_stage_changes where org_id = ${t.orgA.orgId}`.execute(db());
    expect(history.rows[0]?.n).toBeGreaterThan(a.deals);
    // Every deal is owned by its account's rep, and its activities are too.
    const unowned = await sql<{ n: number }>`
      select count(*)::int as n from activities where org_id = ${t.orgA.orgId} and owner_user_id is null`.execute(db());
    expect(unowned.rows[0]?.n).toBe(0);
    expect(a.activities).toBeGreaterThan(a.deals);
    const pipelines = await sql<{ n: number }>`
      select count(*)::int as n from pipelines where org_id = ${t.orgA.orgId}`.execute(db());
    expect(pipelines.rows[0]?.n).toBe(2);
  });
});
