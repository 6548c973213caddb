// The demo's trade programme, as a person opening the demo finds it: the campaign's schemes in force and
// pricing a memo, every rep with targets for last month and this one, and last month's commission statements
// computed, each adding up line by line.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SchemeListQuery } from "../../shared/contracts/promotions.ts";
import { getStatement, listStatements } from "../incentives/incentives.service.ts";
import { systemCtx } from "../platform/context.ts";
import { listSchemes } from "../promotions/promotions.service.ts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { DEMO_SIZES, type DemoSummary, seedDemo } from "./demo-seed.ts";

const AS_OF = "2026-11-24";

describe("demo trade programme", () => {
  let database: TestDatabase;
  let demo: DemoSummary;
  const ctx = () => systemCtx(database.handle.db, demo.orgId);

  beforeAll(async () => {
    database = await createTestDatabase();
    demo = await seedDemo(database.handle.db, {
      ...DEMO_SIZES.tiny,
      routesPerTerritory: 1,
      extraUsers: 4,
      refreshStatistics: false,
      deliveryTrip: false,
      asOf: AS_OF,
      tradeProgramme: true,
    });
  }, 240_000);
  afterAll(async () => {
    await database?.drop();
  });

  it("has this month's campaign with its schemes active", async () => {
    const { items } = await listSchemes(ctx(), SchemeListQuery.parse({ status: "active", limit: 50 }));
    const codes = items.map((s) => s.code).sort();
    expect(codes).toEqual(["BISC-12P1", "GROC-5000", "SOAP-STEP"]);
    for (const s of items) {
      expect(s.validFrom).toBe("2026-11-01");
      expect(s.validTo).toBe("2026-11-30");
      expect(s.campaignId).not.toBeNull();
    }
  });

  it("sets every active rep a value and a coverage target for last month and this month", async () => {
    const rows = await database.handle.db
      .selectFrom("targets")
      .select(["subject_kind", "metric", "period_start"])
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("org_id", "=", demo.orgId)
      .groupBy(["subject_kind", "metric", "period_start"])
      .execute();
    const count = (kind: string, metric: string, start: string) =>
      Number(rows.find((r) => r.subject_kind === kind && r.metric === metric && r.period_start === start)?.n ?? 0);
    const reps = await database.handle.db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("org_id", "=", demo.orgId)
      .where("role", "=", "rep")
      .executeTakeFirstOrThrow();
    expect(count("rep", "coverage", "2026-11-01")).toBe(Number(reps.n));
    expect(count("rep", "coverage", "2026-10-01")).toBe(Number(reps.n));
    // Value targets only for those who sold last month (a target from nothing would be a guess).
    expect(count("rep", "value", "2026-11-01")).toBeGreaterThan(0);
    expect(count("distributor", "value", "2026-11-01")).toBeGreaterThan(0);
    expect(count("territory", "value", "2026-11-01")).toBeGreaterThan(0);
  });

  it("computes last month's commission statements, each the sum of its lines", async () => {
    const { items } = await listStatements(ctx(), { periodStart: "2026-10-01" });
    expect(items.length).toBeGreaterThan(0);
    for (const s of items) {
      const full = await getStatement(ctx(), s.id);
      expect(full.status).toBe("draft");
      expect(full.lines.reduce((sum, l) => sum + l.amountPoisha, 0)).toBe(full.payoutPoisha);
      expect(full.payoutPoisha).toBeLessThanOrEqual(2_500_000);
    }
  });
});
