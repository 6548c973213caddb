// Early warnings on a year without other sales (2025; the demo's history is recent): two outlets of one route that
// ordered every week through the orders API, one of which stops for 20 days. The warnings found are checked
// against the same rules applied to numbers computed here straight from the memos; the list is checked per scope
// (a manager's subtree, a sibling region's manager, a distributor), in both languages; and the digest goes to a
// real SMTP server in this process.
import { sql } from "kysely";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Warning, WarningsResponse } from "../../shared/contracts/analytics.ts";
import { addDays, businessDate } from "../../shared/format.ts";
import type { Locale } from "../../shared/locale.ts";
import type { Db } from "../db/transaction.ts";
import type { Ctx } from "../platform/context.ts";
import { createMailer } from "../platform/mail/mailer.ts";
import { must } from "../testing/assertions.ts";
import { createSalesFixture, type SalesFixture } from "../testing/sales-fixture.ts";
import { type SmtpReceiver, startSmtpReceiver, waitForMail } from "../testing/smtp-receiver.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";
import { actorFromUser } from "../users/auth.service.ts";
import { findUser } from "../users/users.repository.ts";
import { analyticsJobs, DAILY_WARNINGS_JOB } from "./analytics-jobs.ts";
import { applyPendingSalesChanges } from "./sales-rollups.service.ts";
import { monthSoFar, runRateBehind, SKU_FALLING, skuFalling } from "./sales-warning-rules.ts";
import { digestTitle } from "./sales-warnings.messages.ts";
import {
  DIGEST_KIND,
  listWarnings,
  refreshWarnings,
  sendWarningDigests,
  warningsReport,
} from "./sales-warnings.service.ts";

const TODAY = "2025-06-30";
/** OUT-1 orders every 7 days up to 20 days before TODAY, then stops; OUT-2 keeps ordering every 7 days. */
const STOPPED_LAST = addDays(TODAY, -20);
const STEADY_LAST = addDays(TODAY, -1);
const weekly = (last: string, first: string) => {
  const out: string[] = [];
  for (let d = last; d >= first; d = addDays(d, -7)) out.unshift(d);
  return out;
};
const STOPPED_DAYS = weekly(STOPPED_LAST, "2025-03-01");
const STEADY_DAYS = weekly(STEADY_LAST, "2025-03-01");

let t: TestApp;
let f: SalesFixture;
let admin: Caller;
let smtp: SmtpReceiver;
let ctgManagerId: string;
const db = (): Db => t.database.handle.db;
const org = () => t.orgA.orgId;

async function ctxOf(userId: string, locale: Locale = "en"): Promise<Ctx> {
  const u = must(await findUser(db(), org(), userId), "user");
  return { db: db(), locale, requestId: null, ip: null, userAgent: null, actor: actorFromUser(u, "session") };
}

async function order(outletId: string, orderDate: string, lines: { skuId: string; qty: number }[]) {
  const res = await admin.request("POST", "/api/v1/secondary-orders", {
    outletId,
    orderDate,
    confirm: true,
    lines: lines.map((l) => ({ ...l, unit: "piece" })),
  });
  expect(res.statusCode, res.body).toBe(201);
}

/** A node's path, by the territory's code. */
async function pathOf(id: string) {
  const r = await db()
    .selectFrom("territories")
    .select(["path", "level"])
    .where("org_id", "=", org())
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return r;
}

/** Straight from the memos (confirmed, not cancelled): ordered quantity of a SKU under a path in [from, to]. */
async function orderedQty(skuId: string, path: string, from: string, to: string) {
  const r = await sql<{ qty: number }>`
    select coalesce(sum(l.qty), 0)::bigint as qty from secondary_orders o
    join secondary_order_lines l on l.org_id = o.org_id and l.order_id = o.id
    where o.org_id = ${org()} and o.status not in ('draft', 'cancelled') and l.sku_id = ${skuId}
      and o.territory_path like ${`${path}%`} and o.order_date between ${from}::date and ${to}::date`.execute(db());
  return Number(r.rows[0]?.qty ?? 0);
}

async function weeksSold(skuId: string, path: string, from: string, to: string) {
  const r = await sql<{ weeks: number }>`
    select count(distinct (o.order_date - ${from}::date) / 7)::int as weeks from secondary_orders o
    join secondary_order_lines l on l.org_id = o.org_id and l.order_id = o.id
    where o.org_id = ${org()} and o.status not in ('draft', 'cancelled') and l.sku_id = ${skuId}
      and o.territory_path like ${`${path}%`} and o.order_date between ${from}::date and ${to}::date`.execute(db());
  return Number(r.rows[0]?.weeks ?? 0);
}

async function orderedValue(path: string, from: string, to: string) {
  const r = await sql<{ v: number }>`
    select coalesce(sum(total_poisha), 0)::bigint as v from secondary_orders
    where org_id = ${org()} and status not in ('draft', 'cancelled') and territory_path like ${`${path}%`}
      and order_date between ${from}::date and ${to}::date`.execute(db());
  return Number(r.rows[0]?.v ?? 0);
}

let routePath: string;
let chain: { id: string; path: string; level: string }[];

beforeAll(async () => {
  t = await createTestApp();
  f = await createSalesFixture(db(), t.orgA, { soapStock: 100_000, biscuitStock: 100_000 });
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
  for (const day of STOPPED_DAYS) await order(f.outletId, day, [{ skuId: f.biscuitId, qty: 100 }]);
  for (const day of STEADY_DAYS)
    await order(f.secondOutletId, day, [
      { skuId: f.biscuitId, qty: 10 },
      { skuId: f.soapId, qty: 10 },
    ]);
  await applyPendingSalesChanges(db());
  const outlet = await db()
    .selectFrom("outlets as o")
    .innerJoin("territories as t", (j) => j.onRef("t.org_id", "=", "o.org_id").onRef("t.id", "=", "o.route_id"))
    .select("t.path")
    .where("o.org_id", "=", org())
    .where("o.id", "=", f.outletId)
    .executeTakeFirstOrThrow();
  routePath = outlet.path;
  chain = await Promise.all(
    routePath
      .split("/")
      .filter(Boolean)
      .map(async (id) => ({ id, ...(await pathOf(id)) })),
  );
  const ctg = await admin.request("POST", "/api/v1/users", {
    email: `ctg.warnings@${ORG_A_DOMAIN}`,
    name: "Chattogram Manager",
    role: "manager",
    territoryId: must(t.orgA.territoryIdByCode.get("CHA"), "CHA"),
    password: "warning-password-1",
  });
  expect(ctg.statusCode, ctg.body).toBe(201);
  ctgManagerId = ctg.json().id;
  smtp = await startSmtpReceiver();
}, 180_000);
afterAll(async () => {
  await smtp?.stop();
  await t?.close();
});

describe("refreshing the warnings", () => {
  let all: WarningsResponse;
  const ofKind = (kind: Warning["kind"]) => all.items.filter((w) => w.kind === kind);

  beforeAll(async () => {
    const counts = await refreshWarnings(db(), org(), TODAY);
    all = await listWarnings(await ctxOf(t.orgA.usersByRole.admin), { limit: 1000 });
    expect(all.counts).toEqual(counts);
  });

  it("finds the outlet that stopped for 20 days after ordering every 7, and not the one still ordering", () => {
    const stopped = ofKind("outlet_stopped");
    expect(stopped.map((w) => w.subjectId)).toEqual([f.outletId]);
    expect(stopped[0]).toMatchObject({
      subjectLabel: "Mudi Dokan",
      subjectLabelBn: "মুদি দোকান",
      severity: 20 - 7,
      detectedOn: TODAY,
      detail: { usualIntervalDays: 7, lastOrderOn: STOPPED_LAST, daysSince: 20, orderDays: STOPPED_DAYS.length },
    });
    expect(stopped[0]?.message).toBe(
      "Mudi Dokan has not ordered since 10 Jun 2025 (20 days); it usually orders every 7 days.",
    );
  });

  it("finds the SKUs falling in each region and area exactly where the straight numbers say so", async () => {
    const recentFrom = addDays(TODAY, -SKU_FALLING.recentDays);
    const baselineFrom = addDays(recentFrom, -SKU_FALLING.baselineDays);
    const expected: { sku: string; node: string; severity: number }[] = [];
    for (const node of chain.filter((c) => c.level === "region" || c.level === "area"))
      for (const sku of [f.soapId, f.biscuitId]) {
        const fall = skuFalling({
          recentQty: await orderedQty(sku, node.path, recentFrom, addDays(TODAY, -1)),
          baselineQty: await orderedQty(sku, node.path, baselineFrom, addDays(recentFrom, -1)),
          baselineWeeksSold: await weeksSold(sku, node.path, baselineFrom, addDays(recentFrom, -1)),
        });
        if (fall) expected.push({ sku, node: node.path, severity: -fall.changeBp });
      }
    // The biscuit lost most of OUT-1's 100 a week; the soap held at 10 a week.
    expect(expected.map((e) => e.sku)).toEqual([f.biscuitId, f.biscuitId]);
    const found = ofKind("sku_falling");
    const stored = await db()
      .selectFrom("sales_warnings")
      .select(["subject_id", "territory_path", "severity"])
      .where("org_id", "=", org())
      .where("kind", "=", "sku_falling")
      .execute();
    expect(stored.map((w) => ({ sku: w.subject_id, node: w.territory_path, severity: w.severity }))).toEqual(
      expect.arrayContaining(expected),
    );
    expect(stored).toHaveLength(expected.length);
    expect(found).toHaveLength(expected.length);
    expect(found[0]?.message).toMatch(/^Padma Biscuit 50 g in .+: \d+ a week over the last 4 weeks against 110 a week/);
  });

  it("finds the territories behind run-rate from the month so far against the previous month", async () => {
    const month = monthSoFar(TODAY);
    const prevStart = "2025-05-01";
    const expected: { id: string; severity: number }[] = [];
    for (const node of chain.filter((c) => c.level !== "route")) {
      const mtd = await orderedValue(node.path, month.monthStart, addDays(TODAY, -1));
      const prev = await orderedValue(node.path, prevStart, "2025-05-31");
      const behind = runRateBehind(mtd, month.elapsedDays, month.daysInMonth, prev);
      if (behind) expected.push({ id: node.id, severity: 10_000 - behind.achievedBp });
    }
    // June lost OUT-1's memos after the 10th: every node above the route is behind.
    expect(expected).toHaveLength(4);
    expect(ofKind("territory_behind").map((w) => ({ id: w.subjectId, severity: w.severity }))).toEqual(
      expect.arrayContaining(expected),
    );
    expect(ofKind("territory_behind")).toHaveLength(4);
  });

  it("replaces the previous run instead of adding to it", async () => {
    await refreshWarnings(db(), org(), TODAY);
    const again = await listWarnings(await ctxOf(t.orgA.usersByRole.admin), { limit: 1000 });
    expect(again.counts).toEqual(all.counts);
    expect(again.items).toHaveLength(all.items.length);
  });
});

describe("who sees which warnings", () => {
  beforeAll(() => refreshWarnings(db(), org(), TODAY));

  it("shows a manager the warnings of their subtree and a sibling region's manager none of them", async () => {
    const everything = await listWarnings(await ctxOf(t.orgA.usersByRole.admin), { limit: 1000 });
    const manager = await listWarnings(await ctxOf(t.orgA.usersByRole.manager), { limit: 1000 });
    const region = must(
      chain.find((c) => c.level === "region"),
      "region",
    );
    // The demo manager's region holds the route; the nation's own warning (territory behind) is above them.
    const national = everything.items.filter((w) => w.kind === "territory_behind" && w.subjectId === chain[0]?.id);
    expect(national).toHaveLength(1);
    expect(manager.items.map((w) => w.id).sort()).toEqual(
      everything.items
        .filter((w) => !national.includes(w))
        .map((w) => w.id)
        .sort(),
    );
    expect(manager.counts.territory_behind).toBe(everything.counts.territory_behind - 1);
    expect(region.id).toBe(t.orgA.territoryIdByCode.get("DHA"));
    const ctg = await listWarnings(await ctxOf(ctgManagerId), { limit: 1000 });
    expect(ctg.items).toEqual([]);
    expect(ctg.counts).toEqual({ outlet_stopped: 0, sku_falling: 0, territory_behind: 0 });
  });

  it("shows a distributor only its own outlets that stopped", async () => {
    const mine = await listWarnings(await ctxOf(t.orgA.usersByRole.distributor), { limit: 1000 });
    expect(mine.items.map((w) => [w.kind, w.subjectId])).toEqual([["outlet_stopped", f.outletId]]);
  });

  it("filters by kind and territory, keeps the counts of the whole slice, and refuses a territory outside the scope", async () => {
    const manager = await ctxOf(t.orgA.usersByRole.manager);
    const area = must(
      chain.find((c) => c.level === "area"),
      "area",
    );
    const res = await listWarnings(manager, { limit: 1000, kind: "sku_falling", territoryId: area.id });
    expect(res.items.map((w) => w.kind)).toEqual(["sku_falling"]);
    expect(res.counts.outlet_stopped).toBe(1);
    await expect(
      listWarnings(manager, { limit: 10, territoryId: must(t.orgA.territoryIdByCode.get("CHA"), "CHA") }),
    ).rejects.toMatchObject({ code: "territory.not_found" });
  });

  it("says it in Bengali with Bengali digits and taka", async () => {
    const bn = await listWarnings(await ctxOf(t.orgA.usersByRole.admin, "bn"), { limit: 1000 });
    const stopped = must(
      bn.items.find((w) => w.kind === "outlet_stopped"),
      "stopped outlet",
    );
    expect(stopped.message).toBe("মুদি দোকান ১০ জুন, ২০২৫ থেকে (২০ দিন) কোনো অর্ডার দেয়নি; সাধারণত প্রতি ৭ দিনে অর্ডার দেয়।");
    const behind = must(
      bn.items.find((w) => w.kind === "territory_behind"),
      "territory behind",
    );
    expect(behind.message).toContain("৳");
    expect(behind.message).not.toMatch(/[0-9]/);
  });

  it("exports the list as a report table in the reader's language", async () => {
    const { table, summary } = await warningsReport(await ctxOf(t.orgA.usersByRole.manager, "bn"), { limit: 1000 });
    expect(table.title).toBe("আগাম সতর্কতা");
    expect(table.columns.map((c) => c.key)).toEqual([
      "kind",
      "subject",
      "territory",
      "severity",
      "message",
      "detectedOn",
    ]);
    expect(table.rows[0]).toMatchObject({ kind: "আউটলেট অর্ডার বন্ধ", subject: "মুদি দোকান", detectedOn: TODAY });
    expect(summary[0]).toContain("আগাম সতর্কতা");
  });
});

describe("the daily digest", () => {
  it("notifies each admin and manager with warnings in their scope, emails them, and never twice for one run", async () => {
    await refreshWarnings(db(), org(), TODAY);
    const mailer = createMailer({ url: smtp.url, from: "Bikri <no-reply@bikri.test>" });
    try {
      const result = await sendWarningDigests(db(), mailer, TODAY);
      expect(result.failed).toEqual([]);
      const notified = await db()
        .selectFrom("notifications")
        .select(["user_id", "title_en", "title_bn", "link"])
        .where("org_id", "=", org())
        .where("kind", "=", DIGEST_KIND)
        .execute();
      const to = new Map(notified.map((n) => [n.user_id, n]));
      expect(result.notified).toBe(notified.length);
      expect(result.emailed).toBe(notified.length);
      for (const [userId, scopeName] of [
        [t.orgA.usersByRole.admin, "admin"],
        [t.orgA.usersByRole.manager, "manager"],
      ] as const) {
        const ctx = await ctxOf(userId);
        const counts = (await listWarnings(ctx, { limit: 1 })).counts;
        expect(to.get(userId)?.title_en, scopeName).toBe(digestTitle(counts, "en"));
        expect(to.get(userId)?.title_bn, scopeName).toBe(digestTitle(counts, "bn"));
      }
      // Nothing in Chattogram: no digest for its manager; reps and distributors get none either.
      expect(to.has(ctgManagerId)).toBe(false);
      expect(to.has(t.orgA.usersByRole.rep)).toBe(false);
      expect(to.has(t.orgA.usersByRole.distributor)).toBe(false);

      await waitForMail(smtp, notified.length);
      const manager = must(await findUser(db(), org(), t.orgA.usersByRole.manager), "manager");
      const mail = must(
        smtp.received.find((m) => m.envelope.to.includes(manager.email)),
        "the manager's email",
      );
      const counts = (await listWarnings(await ctxOf(manager.id), { limit: 1 })).counts;
      expect(mail.parsed.subject).toBe(digestTitle(counts, manager.locale));
      expect(mail.parsed.text).toContain(manager.locale === "bn" ? "মুদি দোকান" : "Mudi Dokan");

      const again = await sendWarningDigests(db(), mailer, TODAY);
      expect(again).toEqual({ notified: 0, emailed: 0, failed: [] });
      expect(smtp.received).toHaveLength(notified.length);
    } finally {
      mailer.close();
    }
  });

  it("still posts the notification when email is not set up", async () => {
    await refreshWarnings(db(), org(), TODAY);
    const result = await sendWarningDigests(db(), createMailer({ url: null, from: "x@y.z" }), TODAY);
    expect(result.notified).toBeGreaterThan(0);
    expect(result.emailed).toBe(0);
  });
});

describe("the daily job", () => {
  it("runs at 06:00 in Dhaka, finds every org's warnings as of today, then sends the digests", async () => {
    const mailer = createMailer({ url: smtp.url, from: "Bikri <no-reply@bikri.test>" });
    const job = analyticsJobs(db(), pino({ level: "silent" }), mailer).find((j) => j.name === DAILY_WARNINGS_JOB);
    expect(job).toMatchObject({ name: DAILY_WARNINGS_JOB, schedule: "0 6 * * *" });
    const before = new Date();
    try {
      await must(job, "job").handler({});
    } finally {
      mailer.close();
    }
    const state = await db().selectFrom("sales_rollup_state").select(["org_id", "warnings_at"]).execute();
    for (const orgId of [t.orgA.orgId, t.orgB.orgId]) {
      const at = state.find((s) => s.org_id === orgId)?.warnings_at;
      expect(at && new Date(at) >= new Date(before.getTime() - 1000), orgId).toBe(true);
    }
    // Found as of today (the demo's recent months), every warning dated today.
    const dates = await db().selectFrom("sales_warnings").select("detected_on").distinct().execute();
    expect(dates.map((d) => d.detected_on)).toEqual(dates.length ? [businessDate()] : []);
  });
});
