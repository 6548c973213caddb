// The demo's CRM, service desk and loyalty, as the people opening the demo find them through the API: the rep has
// deals on the board and leads in the inbox (only within their territory or their own), the service agent a queue of
// tickets and a public FAQ that answers a Bengali search, and marketing a loyalty program whose members' balances
// are the sums of their ledgers.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.ts";
import { loadConfig } from "../config.ts";
import type { App } from "../platform/http.ts";
import { signIn } from "../testing/test-app.ts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { DEMO_SIZES, type DemoSummary, seedDemo } from "./demo-seed.ts";

const DOMAIN = "crm-demo.test.bikri.app";

describe("demo CRM, service desk and loyalty", () => {
  let database: TestDatabase;
  let demo: DemoSummary;
  let app: App;
  const as = (role: string) => signIn(app, `${role}@${DOMAIN}`);

  beforeAll(async () => {
    database = await createTestDatabase();
    demo = await seedDemo(database.handle.db, {
      ...DEMO_SIZES.tiny,
      routesPerTerritory: 1,
      extraUsers: 4,
      refreshStatistics: false,
      deliveryTrip: false,
      emailDomain: DOMAIN,
      slug: "crm-demo",
      asOf: "2026-11-24",
      crmDemo: true,
    });
    app = await buildApp({
      config: loadConfig({
        NODE_ENV: "test",
        LOG_LEVEL: "silent",
        BIKRI_JOBS: "false",
        LOGIN_RATE_PER_MINUTE: "10000",
      }),
      database: database.handle,
      logger: false,
    });
    await app.ready();
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it("gives the rep deals at several stages and leads, all in their territory or their own", async () => {
    const rep = await as("rep");
    const deals = (await rep.request("GET", "/api/v1/crm/deals?limit=200")).json() as {
      items: { id: string; status: string; stageName: string }[];
    };
    expect(deals.items.length).toBeGreaterThan(0);
    expect(new Set(deals.items.map((d) => d.stageName)).size).toBeGreaterThan(2);
    const admin = await as("admin");
    const all = (await admin.request("GET", "/api/v1/crm/deals?limit=200")).json() as { items: unknown[] };
    expect(all.items.length).toBeGreaterThanOrEqual(deals.items.length);

    const leads = (await rep.request("GET", "/api/v1/crm/leads?limit=200")).json() as { items: { id: string }[] };
    expect(leads.items.length).toBeGreaterThan(0);
    // What the rep sees is exactly what the CRM rule allows: their territory subtree or their own.
    const repUser = await database.handle.db
      .selectFrom("users as u")
      .innerJoin("territories as t", (j) => j.onRef("t.org_id", "=", "u.org_id").onRef("t.id", "=", "u.territory_id"))
      .select(["u.id", "t.path"])
      .where("u.id", "=", demo.usersByRole.rep)
      .executeTakeFirstOrThrow();
    const visible = await sql<{ id: string }>`
      select l.id from leads l left join territories t on t.org_id = l.org_id and t.id = l.territory_id
      where l.org_id = ${demo.orgId} and l.status not in ('converted', 'merged')
        and (l.owner_user_id = ${repUser.id} or t.path like ${`${repUser.path}%`})`.execute(database.handle.db);
    expect(leads.items.map((l) => l.id).sort()).toEqual(visible.rows.map((r) => r.id).sort());
  });

  it("gives the service desk a ticket queue and a published FAQ that a Bengali search finds", async () => {
    const service = await as("service");
    const tickets = (await service.request("GET", "/api/v1/service/tickets?limit=200")).json() as {
      items: { status: string }[];
    };
    expect(tickets.items.length).toBeGreaterThan(3);
    expect(new Set(tickets.items.map((t) => t.status)).size).toBeGreaterThan(2);
    const faq = await app.inject({
      method: "GET",
      url: `/api/v1/public/orgs/crm-demo/faq?q=${encodeURIComponent("ঠিকানা")}&lang=bn`,
    });
    expect(faq.statusCode).toBe(200);
    const titles = (faq.json() as { items: { title: string }[] }).items.map((a) => a.title);
    expect(titles).toContain("দোকানের ঠিকানা বা ফোন নম্বর বদলাব কীভাবে?");
  });

  it("runs a loyalty program whose members' balances are the sums of their ledgers", async () => {
    const marketing = await as("marketing");
    const members = (await marketing.request("GET", "/api/v1/loyalty/members?limit=200")).json() as {
      items: { id: string; balance: number }[];
    };
    expect(members.items.length).toBeGreaterThan(0);
    expect(members.items.some((m) => m.balance > 0)).toBe(true);
    const sums = await database.handle.db
      .selectFrom("loyalty_ledger")
      .select(["member_id"])
      .select((eb) => eb.fn.sum<string>("points").as("points"))
      .where("org_id", "=", demo.orgId)
      .groupBy("member_id")
      .execute();
    const byMember = new Map(sums.map((s) => [s.member_id, Number(s.points)]));
    for (const m of members.items) expect(m.balance, m.id).toBe(byMember.get(m.id) ?? 0);
  });
});
