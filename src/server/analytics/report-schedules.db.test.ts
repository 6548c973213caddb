// Scheduled reports on a real database, mailed through a real SMTP server in this process: a manager's schedule
// falls due, the report is built with the manager's own access (their division, nothing else), the email arrives
// with the XLSX, which opens; failures are recorded and wait for the next period; a deactivated owner's schedule
// stops; nobody sees or touches another person's (or org's) schedules. Time is handed to the service, never slept.
import ExcelJS from "exceljs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { CreateReportScheduleRequest } from "../../shared/contracts/report-schedules.ts";
import type { Role } from "../../shared/roles.ts";
import { DEMO_SIZES, type DemoSummary, seedDemo } from "../demo/demo-seed.ts";
import type { Scope } from "../platform/access.ts";
import type { Ctx } from "../platform/context.ts";
import { type AppError, defineErrors } from "../platform/errors.ts";
import { MailNotConfigured, MailSendFailed } from "../platform/mail/mail.errors.ts";
import { createMailer, type Mailer } from "../platform/mail/mailer.ts";
import { must } from "../testing/assertions.ts";
import { type SmtpReceiver, startSmtpReceiver } from "../testing/smtp-receiver.ts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { actorFromUser } from "../users/auth.service.ts";
import { findUser } from "../users/users.repository.ts";
import { XLSX_LAYOUT } from "./report-files.ts";
import { nextRunAt } from "./report-schedule-timing.ts";
import {
  archiveReportSchedule,
  type BuildReport,
  createReportSchedule,
  getReportSchedule,
  listReportSchedules,
  MAX_SCHEDULES_PER_OWNER,
  sendDueReports,
  sendReportNow,
} from "./report-schedules.service.ts";
import type { ReportTable } from "./report-table.ts";

let database: TestDatabase;
let orgA: DemoSummary;
let orgB: DemoSummary;
let receiver: SmtpReceiver;
let mailer: Mailer;
const db = () => database.handle.db;

/** Tuesday 24 Nov 2026, 07:00 in Dhaka. */
const T0 = new Date("2026-11-24T07:00:00+06:00");
const minutesAfter = (d: Date | string, n: number) => new Date(new Date(d).getTime() + n * 60_000);

async function ctxOf(userId: string, orgId = orgA.orgId): Promise<Ctx> {
  const user = must(await findUser(db(), orgId, userId), `user ${userId}`);
  const actor = actorFromUser(user, "session");
  return { db: db(), locale: actor.locale, requestId: null, ip: null, userAgent: null, actor };
}
const ctxOfRole = (role: Role, org = orgA) => ctxOf(org.usersByRole[role], org.orgId);

interface BuildCall {
  userId: string;
  role: Role;
  scope: Scope;
  locale: string;
  report: string;
  filters: unknown;
}
const calls: BuildCall[] = [];
let failBuildWith: unknown = null;

/** Refusals a real report builder makes (a filter that no longer fits): 4xx errors with messages. */
const TestReportErrors = defineErrors({
  tooLong: {
    code: "test_report.period_too_long",
    status: 422,
    en: "A period can span at most {max} days; this one spans {days}.",
    bn: "সময়কাল সর্বোচ্চ {max} দিনের হতে পারে; এটি {days} দিনের।",
  },
  outletGone: { code: "test_report.outlet_gone", status: 404, en: "The outlet was not found.", bn: "আউটলেট নেই।" },
});

/**
 * Stands in for the analytics module's builder, honestly scoped: one row per district (area) the actor may see,
 * with money, basis points and a date, in the context's language.
 */
const buildReport: BuildReport = async (ctx, report, filters) => {
  calls.push({
    userId: ctx.actor.userId,
    role: ctx.actor.role,
    scope: ctx.actor.scope,
    locale: ctx.locale,
    report,
    filters,
  });
  if (failBuildWith) throw failBuildWith;
  const scope = ctx.actor.scope;
  let q = ctx.db
    .selectFrom("territories")
    .select(["code", "name", "name_bn"])
    .where("org_id", "=", ctx.actor.orgId)
    .where("level", "=", "area")
    .orderBy("code");
  if (scope.kind === "territory") q = q.where("path", "like", `${scope.path}%`);
  else if (scope.kind !== "org") q = q.where("code", "=", "none");
  const areas = await q.execute();
  const bn = ctx.locale === "bn";
  const rows = areas.map((a, i) => ({
    area: bn ? a.name_bn : a.name,
    code: a.code,
    value: 100_000 * (i + 1) + 55,
    strike: 5000 + i,
    day: "2026-11-23",
  }));
  const table: ReportTable = {
    title: bn ? "এলাকাভিত্তিক বিক্রি, ২৩ নভেম্বর ২০২৬" : "Sales by area, 23 Nov 2026",
    subtitle: bn ? "সময়: গতকাল" : "Period: yesterday",
    locale: ctx.locale,
    columns: [
      { key: "area", label: bn ? "এলাকা" : "Area", kind: "text" },
      { key: "code", label: bn ? "কোড" : "Code", kind: "text" },
      { key: "value", label: bn ? "বিক্রি" : "Sales", kind: "money" },
      { key: "strike", label: bn ? "স্ট্রাইক রেট" : "Strike rate", kind: "basis_points" },
      { key: "day", label: bn ? "তারিখ" : "Date", kind: "date" },
    ],
    rows,
    totals: { area: null, code: null, value: rows.reduce((s, r) => s + r.value, 0), strike: null, day: null },
  };
  return { table, summary: [bn ? `মোট এলাকা: ${rows.length}` : `Areas: ${rows.length}`, "৳ ১২,৩৪৫"] };
};

async function create(ctx: Ctx, input: Partial<CreateReportScheduleRequest> = {}, now = T0) {
  return createReportSchedule(
    ctx,
    { report: "sales", filters: {}, frequency: "daily", sendAt: "08:00", ...input } as CreateReportScheduleRequest,
    now,
  );
}

async function scheduleRow(id: string) {
  return db().selectFrom("report_schedules").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

async function auditOf(id: string) {
  return db()
    .selectFrom("audit_log")
    .select(["action", "actor_kind", "actor_user_id", "after", "before"])
    .where("entity", "=", "report_schedule")
    .where("entity_id", "=", id)
    .orderBy("id")
    .execute();
}

async function xlsxOf(content: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(content).buffer);
  return must(workbook.worksheets[0], "a worksheet");
}

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected an error");
    },
    (e: unknown) => e,
  );
const codeOf = async (p: Promise<unknown>) => ((await errorOf(p)) as AppError).code;

beforeAll(async () => {
  database = await createTestDatabase();
  const small = { routesPerTerritory: 1, extraUsers: 8, refreshStatistics: false, ...DEMO_SIZES.tiny };
  orgA = await seedDemo(db(), { ...small, seed: "org-a", slug: "org-a", emailDomain: "a.test.bikri.app" });
  orgB = await seedDemo(db(), { ...small, seed: "org-b", slug: "org-b", emailDomain: "b.test.bikri.app" });
  receiver = await startSmtpReceiver();
  mailer = createMailer({ url: receiver.url, from: "Bikri <reports@bikri.app>" }, { timeoutMs: 5_000 });
});

afterAll(async () => {
  mailer?.close();
  await receiver?.stop();
  await database?.drop();
});

afterEach(async () => {
  // Each test starts with nothing due: the sender works across every org and schedule.
  await db()
    .updateTable("report_schedules")
    .set({ archived_at: new Date() })
    .where("archived_at", "is", null)
    .execute();
  receiver.refuseData(null);
  receiver.refuseRecipient(null);
  failBuildWith = null;
  calls.length = 0;
});

describe("creating a schedule", () => {
  it("sets the next run in Dhaka time, with the owner's address and language by default, and audits it", async () => {
    const manager = await ctxOfRole("manager");
    const daily = await create(manager, { filters: { period: "yesterday", brandId: "b-1" } });
    expect(daily).toMatchObject({
      ownerId: orgA.usersByRole.manager,
      report: "sales",
      filters: { period: "yesterday", brandId: "b-1" },
      frequency: "daily",
      weekday: null,
      sendAt: "08:00",
      locale: "bn",
      recipients: [manager.actor.email],
      nextRunAt: new Date("2026-11-24T08:00:00+06:00").toISOString(),
      lastSentAt: null,
      lastStatus: null,
      archivedAt: null,
    });
    expect(daily.ownerName).toBe(manager.actor.name);

    // Created on a Tuesday at 07:00 for Sundays at 09:15: five days on.
    const weekly = await create(manager, {
      frequency: "weekly",
      weekday: 0,
      sendAt: "09:15",
      locale: "en",
      recipients: ["boss@example.com", "me@example.com"],
    });
    expect(weekly.nextRunAt).toBe(new Date("2026-11-29T09:15:00+06:00").toISOString());
    expect(weekly).toMatchObject({ weekday: 0, sendAt: "09:15", locale: "en" });
    expect(weekly.recipients).toEqual(["boss@example.com", "me@example.com"]);
    const row = await scheduleRow(weekly.id);
    expect(row.next_run_at.toISOString()).toBe(weekly.nextRunAt);

    const audit = await auditOf(daily.id);
    expect(audit).toEqual([
      expect.objectContaining({ action: "create", actor_kind: "user", actor_user_id: orgA.usersByRole.manager }),
    ]);
    expect(audit[0]?.after).toMatchObject({ report: "sales", frequency: "daily", recipients: [manager.actor.email] });
  });

  it("refuses an unknown report, a role without analytics, and more than the limit per person", async () => {
    const manager = await ctxOfRole("manager");
    expect(await codeOf(create(manager, { report: "payroll" }))).toBe("report_schedule.unknown_report");
    expect(await codeOf(create(await ctxOfRole("rep")))).toBe("access.forbidden");
    expect(await codeOf(create(await ctxOfRole("retailer")))).toBe("access.forbidden");

    const marketing = await ctxOfRole("marketing");
    for (let i = 0; i < MAX_SCHEDULES_PER_OWNER; i++) await create(marketing);
    expect(await codeOf(create(marketing))).toBe("report_schedule.too_many");
    // Another person's count is their own.
    await create(manager);
  });
});

describe("sending due reports", () => {
  it("emails the manager's report, built with the manager's own access, with the XLSX attached", async () => {
    const manager = await ctxOfRole("manager");
    const schedule = await create(manager, {
      filters: { period: "yesterday" },
      recipients: [manager.actor.email, "director@example.com"],
    });
    const now = minutesAfter(schedule.nextRunAt, 1);
    const before = receiver.received.length;

    // Not yet due a minute early: nothing happens.
    expect(await sendDueReports(db(), mailer, minutesAfter(schedule.nextRunAt, -1), buildReport)).toMatchObject({
      sent: 0,
      failed: 0,
      skipped: 0,
    });

    const result = await sendDueReports(db(), mailer, now, buildReport);
    expect(result).toEqual({ sent: 1, failed: 0, skipped: 0, unexpected: [] });

    // The builder ran once, as the manager: their id, role and Dhaka-division scope, in the schedule's language.
    expect(calls).toHaveLength(1);
    const call = must(calls[0], "a build");
    expect(call).toMatchObject({
      userId: orgA.usersByRole.manager,
      role: "manager",
      locale: "bn",
      report: "sales",
      filters: { period: "yesterday" },
    });
    expect(call.scope).toEqual(manager.actor.scope);
    expect(call.scope).toMatchObject({ kind: "territory", territoryId: orgA.territoryIdByCode.get("DHA") });

    expect(receiver.received).toHaveLength(before + 1);
    const mail = must(receiver.received[before], "the email");
    expect(mail.envelope.to).toEqual([manager.actor.email, "director@example.com"]);
    expect(mail.parsed.subject).toBe("এলাকাভিত্তিক বিক্রি, ২৩ নভেম্বর ২০২৬");
    const text = mail.parsed.text ?? "";
    expect(text).toContain("• মোট এলাকা:");
    expect(text).toContain("• ৳ ১২,৩৪৫");
    expect(text).toContain("সম্পূর্ণ রিপোর্টটি এক্সেল ফাইল হিসেবে সংযুক্ত করা হলো: bikri-sales-2026-11-24.xlsx");
    expect(mail.parsed.html).toContain('lang="bn"');

    // The attachment opens, and holds the manager's districts only: all of Dhaka division's, no other division's.
    expect(mail.parsed.attachments).toHaveLength(1);
    const attachment = must(mail.parsed.attachments[0], "the attachment");
    expect(attachment.filename).toBe("bikri-sales-2026-11-24.xlsx");
    expect(attachment.contentType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const sheet = await xlsxOf(attachment.content);
    expect(sheet.getCell(XLSX_LAYOUT.titleRow, 1).value).toBe("এলাকাভিত্তিক বিক্রি, ২৩ নভেম্বর ২০২৬");
    expect(sheet.getCell(XLSX_LAYOUT.headerRow, 3).value).toBe("বিক্রি (৳)");
    const dataRows = sheet.rowCount - XLSX_LAYOUT.firstDataRow; // the last row is the totals
    const codes: string[] = [];
    let sum = 0;
    for (let r = 0; r < dataRows; r++) {
      codes.push(String(sheet.getCell(XLSX_LAYOUT.firstDataRow + r, 2).value));
      sum += Math.round(Number(sheet.getCell(XLSX_LAYOUT.firstDataRow + r, 3).value) * 100);
    }
    const dhakaAreas = await db()
      .selectFrom("territories")
      .select("code")
      .where("org_id", "=", orgA.orgId)
      .where("level", "=", "area")
      .where("path", "like", `${(manager.actor.scope as { path: string }).path}%`)
      .orderBy("code")
      .execute();
    expect(dhakaAreas.length).toBeGreaterThan(0);
    expect(codes).toEqual(dhakaAreas.map((a) => a.code));
    expect(codes.every((c) => c.startsWith("DHA-"))).toBe(true);
    const totals = sheet.getRow(sheet.rowCount);
    expect(totals.getCell(1).value).toBe("মোট");
    expect(Math.round(Number(totals.getCell(3).value) * 100)).toBe(sum);
    expect(totals.getCell(3).numFmt).toBe("#,##0.00");

    // Recorded: sent now, next run tomorrow at 08:00; audited as the system's doing.
    const after = await getReportSchedule(manager, schedule.id);
    expect(after).toMatchObject({
      lastStatus: "sent",
      lastError: null,
      lastSentAt: now.toISOString(),
      nextRunAt: new Date("2026-11-25T08:00:00+06:00").toISOString(),
    });
    const audit = await auditOf(schedule.id);
    expect(audit.map((a) => [a.action, a.actor_kind])).toEqual([
      ["create", "user"],
      ["send", "system"],
    ]);
    expect(audit[1]?.after).toMatchObject({ status: "sent", nextRunAt: after.nextRunAt });

    // The same pass again sends nothing: the schedule waits for tomorrow.
    expect(await sendDueReports(db(), mailer, minutesAfter(now, 5), buildReport)).toMatchObject({ sent: 0 });
    expect(receiver.received).toHaveLength(before + 1);
  });

  it("builds an org-wide person's report org-wide and in English, and a weekly one on its weekday", async () => {
    const marketing = await ctxOfRole("marketing");
    const schedule = await create(marketing, { frequency: "weekly", weekday: 2, sendAt: "07:30" });
    expect(schedule.nextRunAt).toBe(new Date("2026-11-24T07:30:00+06:00").toISOString());
    const before = receiver.received.length;
    expect(await sendDueReports(db(), mailer, minutesAfter(schedule.nextRunAt, 0), buildReport)).toMatchObject({
      sent: 1,
    });
    expect(calls[0]).toMatchObject({ role: "marketing", scope: { kind: "org" }, locale: "en" });
    const mail = must(receiver.received[before], "the email");
    expect(mail.parsed.subject).toBe("Sales by area, 23 Nov 2026");
    expect(mail.parsed.text).toContain("The full report is attached as an Excel file: bikri-sales-2026-11-24.xlsx");
    const sheet = await xlsxOf(must(mail.parsed.attachments[0], "the attachment").content);
    const codes = new Set<string>();
    for (let r = XLSX_LAYOUT.firstDataRow; r < sheet.rowCount; r++) codes.add(String(sheet.getCell(r, 2).value));
    expect([...codes].some((c) => c.startsWith("DHA-"))).toBe(true);
    expect([...codes].some((c) => !c.startsWith("DHA-"))).toBe(true);
    expect((await getReportSchedule(marketing, schedule.id)).nextRunAt).toBe(
      new Date("2026-12-01T07:30:00+06:00").toISOString(),
    );
  });

  it("records a refused email as failed with the server's reply, and tries again next period, not in a loop", async () => {
    const manager = await ctxOfRole("manager");
    const schedule = await create(manager);
    const now = minutesAfter(schedule.nextRunAt, 2);
    const before = receiver.received.length;
    receiver.refuseData("4.3.0 Mailbox full, try later", 451);

    expect(await sendDueReports(db(), mailer, now, buildReport)).toEqual({
      sent: 0,
      failed: 1,
      skipped: 0,
      unexpected: [],
    });
    const failed = await getReportSchedule(manager, schedule.id);
    expect(failed.lastStatus).toBe("failed");
    expect(failed.lastError).toBe("ইমেইল পাঠানো যায়নি: মেইল সার্ভারের উত্তর 451 4.3.0 Mailbox full, try later।");
    expect(failed.lastSentAt).toBeNull();
    expect(failed.nextRunAt).toBe(nextRunAt({ frequency: "daily", weekday: null, sendAt: "08:00" }, now).toISOString());
    expect((await auditOf(schedule.id)).at(-1)).toMatchObject({ action: "send_failed", actor_kind: "system" });

    // Minutes later the server would take it, but the schedule waits for its next period.
    receiver.refuseData(null);
    expect(await sendDueReports(db(), mailer, minutesAfter(now, 10), buildReport)).toMatchObject({
      sent: 0,
      failed: 0,
    });
    expect(receiver.received).toHaveLength(before);
    const next = await sendDueReports(db(), mailer, new Date(failed.nextRunAt), buildReport);
    expect(next).toMatchObject({ sent: 1 });
    expect((await getReportSchedule(manager, schedule.id)).lastStatus).toBe("sent");
  });

  it("records a report that cannot be made, or a server without SMTP, as failed, and collects bugs for the log", async () => {
    const manager = await ctxOfRole("manager");
    const schedule = await create(manager);
    const now = minutesAfter(schedule.nextRunAt, 1);

    failBuildWith = TestReportErrors.tooLong({ max: 366, days: 400 });
    expect(await sendDueReports(db(), mailer, now, buildReport)).toMatchObject({ failed: 1, unexpected: [] });
    expect((await getReportSchedule(manager, schedule.id)).lastError).toBe(
      "রিপোর্টটি তৈরি করা যায়নি: সময়কাল সর্বোচ্চ ৩৬৬ দিনের হতে পারে; এটি ৪০০ দিনের।",
    );

    const bug = new TypeError("cannot read properties of undefined");
    failBuildWith = bug;
    await db().updateTable("report_schedules").set({ next_run_at: now }).where("id", "=", schedule.id).execute();
    const crashed = await sendDueReports(db(), mailer, now, buildReport);
    expect(crashed).toMatchObject({ failed: 1 });
    expect(crashed.unexpected).toEqual([bug]);
    expect((await getReportSchedule(manager, schedule.id)).lastError).toMatch(/আমাদের দিকের একটি সমস্যার কারণে/);

    failBuildWith = null;
    await db().updateTable("report_schedules").set({ next_run_at: now }).where("id", "=", schedule.id).execute();
    const off = createMailer({ url: null, from: "Bikri <reports@bikri.app>" });
    expect(await sendDueReports(db(), off, now, buildReport)).toMatchObject({ failed: 1 });
    const row = await getReportSchedule(manager, schedule.id);
    expect(row.lastError).toMatch(/SMTP_URL/);
    expect(row.nextRunAt).toBe(new Date("2026-11-25T08:00:00+06:00").toISOString());
  });

  it("skips and archives a deactivated owner's schedule without building or sending it", async () => {
    const marketing = await ctxOfRole("marketing");
    const schedule = await create(marketing);
    await db()
      .updateTable("users")
      .set({ deactivated_at: new Date() })
      .where("org_id", "=", orgA.orgId)
      .where("id", "=", orgA.usersByRole.marketing)
      .execute();
    try {
      const before = receiver.received.length;
      const now = minutesAfter(schedule.nextRunAt, 1);
      expect(await sendDueReports(db(), mailer, now, buildReport)).toEqual({
        sent: 0,
        failed: 0,
        skipped: 1,
        unexpected: [],
      });
      expect(calls).toHaveLength(0);
      expect(receiver.received).toHaveLength(before);
      const row = await scheduleRow(schedule.id);
      expect(row.last_status).toBe("skipped");
      expect(row.archived_at?.toISOString()).toBe(now.toISOString());
      expect(row.last_error).toBe("The owner of this schedule has been deactivated, so it was stopped.");
      expect((await auditOf(schedule.id)).at(-1)).toMatchObject({ action: "skip", after: { archived: true } });
      // Archived: never due again.
      expect(await sendDueReports(db(), mailer, minutesAfter(now, 2 * 24 * 60), buildReport)).toMatchObject({
        skipped: 0,
      });
    } finally {
      await db()
        .updateTable("users")
        .set({ deactivated_at: null })
        .where("org_id", "=", orgA.orgId)
        .where("id", "=", orgA.usersByRole.marketing)
        .execute();
    }
  });

  it("skips, without archiving, an owner whose role lost analytics access", async () => {
    const manager = await ctxOfRole("manager");
    const schedule = await create(manager);
    await db().updateTable("users").set({ role: "rep" }).where("id", "=", orgA.usersByRole.manager).execute();
    try {
      expect(await sendDueReports(db(), mailer, minutesAfter(schedule.nextRunAt, 1), buildReport)).toMatchObject({
        skipped: 1,
      });
      const row = await scheduleRow(schedule.id);
      expect(row).toMatchObject({ last_status: "skipped", archived_at: null });
      expect(row.last_error).toMatch(/অনুমতি নেই/);
      expect(calls).toHaveLength(0);
    } finally {
      await db().updateTable("users").set({ role: "manager" }).where("id", "=", orgA.usersByRole.manager).execute();
    }
  });

  it("sends each due schedule once when two senders run at the same time", async () => {
    const owners = [await ctxOfRole("manager"), await ctxOfRole("admin"), await ctxOfRole("marketing")];
    const ids: string[] = [];
    for (const o of owners) for (let i = 0; i < 4; i++) ids.push((await create(o, { sendAt: "07:45" })).id);
    ids.push((await create(await ctxOfRole("admin", orgB), { sendAt: "07:45" })).id);
    const before = receiver.received.length;
    const now = new Date("2026-11-24T07:50:00+06:00");
    const [a, b] = await Promise.all([
      sendDueReports(db(), mailer, now, buildReport),
      sendDueReports(db(), mailer, now, buildReport),
    ]);
    expect(a.sent + b.sent).toBe(ids.length);
    expect(receiver.received.length - before).toBe(ids.length);
    const rows = await db().selectFrom("report_schedules").select(["last_status"]).where("id", "in", ids).execute();
    expect(rows.every((r) => r.last_status === "sent")).toBe(true);
  });
});

describe("who sees and changes a schedule", () => {
  it("lists one's own; an admin sees the org's; nobody else, nor another org, can read, send or archive it", async () => {
    const manager = await ctxOfRole("manager");
    const marketing = await ctxOfRole("marketing");
    const admin = await ctxOfRole("admin");
    const adminB = await ctxOfRole("admin", orgB);
    const mine = await create(manager);
    const theirs = await create(marketing);

    const own = await listReportSchedules(manager, { limit: 50 });
    expect(own.items.map((s) => s.id)).toEqual([mine.id]);
    expect((await listReportSchedules(manager, { limit: 50, ownerId: marketing.actor.userId })).items).toEqual([]);
    const all = await listReportSchedules(admin, { limit: 50 });
    expect(all.items.map((s) => s.id)).toEqual([theirs.id, mine.id]);
    const one = await listReportSchedules(admin, { limit: 50, ownerId: manager.actor.userId });
    expect(one.items.map((s) => s.id)).toEqual([mine.id]);
    const page = await listReportSchedules(admin, { limit: 1 });
    expect(page.items.map((s) => s.id)).toEqual([theirs.id]);
    const rest = await listReportSchedules(admin, { limit: 1, cursor: must(page.nextCursor, "a cursor") });
    expect(rest).toEqual({ items: [expect.objectContaining({ id: mine.id })], nextCursor: null });
    expect((await listReportSchedules(adminB, { limit: 50 })).items).toEqual([]);
    expect(await codeOf(listReportSchedules(await ctxOfRole("rep"), { limit: 50 }))).toBe("access.forbidden");

    // Someone else's schedule, or another org's, is not found: its id tells nothing.
    for (const [ctx, id] of [
      [marketing, mine.id],
      [adminB, mine.id],
      [manager, theirs.id],
    ] as const) {
      expect(await codeOf(getReportSchedule(ctx, id))).toBe("report_schedule.not_found");
      expect(await codeOf(archiveReportSchedule(ctx, id))).toBe("report_schedule.not_found");
      expect(await codeOf(sendReportNow(ctx, id, mailer, buildReport))).toBe("report_schedule.not_found");
    }
    expect(await getReportSchedule(admin, mine.id)).toMatchObject({ id: mine.id, ownerId: manager.actor.userId });
  });

  it("archives: gone from lists and lookups, never sent, audited with what it was", async () => {
    const manager = await ctxOfRole("manager");
    const schedule = await create(manager);
    await archiveReportSchedule(manager, schedule.id, minutesAfter(T0, 5));
    expect((await listReportSchedules(manager, { limit: 50 })).items).toEqual([]);
    expect(await codeOf(getReportSchedule(manager, schedule.id))).toBe("report_schedule.not_found");
    expect(await codeOf(archiveReportSchedule(manager, schedule.id))).toBe("report_schedule.not_found");
    expect((await scheduleRow(schedule.id)).archived_at?.toISOString()).toBe(minutesAfter(T0, 5).toISOString());
    expect(await sendDueReports(db(), mailer, minutesAfter(schedule.nextRunAt, 1), buildReport)).toMatchObject({
      sent: 0,
    });
    const audit = await auditOf(schedule.id);
    expect(audit.map((a) => a.action)).toEqual(["create", "archive"]);
    expect(audit[1]?.before).toMatchObject({ report: "sales", frequency: "daily" });

    // An admin may stop anyone's schedule in the org.
    const other = await create(manager);
    await archiveReportSchedule(await ctxOfRole("admin"), other.id);
    expect((await auditOf(other.id)).at(-1)).toMatchObject({
      action: "archive",
      actor_user_id: orgA.usersByRole.admin,
    });
  });

  it("sends now, as the owner sees it, without moving the next regular run; and says why when it cannot", async () => {
    const manager = await ctxOfRole("manager");
    const schedule = await create(manager, { frequency: "weekly", weekday: 0 });
    const before = receiver.received.length;
    const sent = await sendReportNow(manager, schedule.id, mailer, buildReport, minutesAfter(T0, 10));
    expect(sent).toMatchObject({
      lastStatus: "sent",
      lastSentAt: minutesAfter(T0, 10).toISOString(),
      nextRunAt: schedule.nextRunAt,
    });
    expect(receiver.received).toHaveLength(before + 1);
    expect((await auditOf(schedule.id)).at(-1)).toMatchObject({ action: "send_now", actor_kind: "user" });

    // An admin's "send now" still builds the manager's report, with the manager's scope.
    calls.length = 0;
    await sendReportNow(await ctxOfRole("admin"), schedule.id, mailer, buildReport);
    expect(calls[0]).toMatchObject({ userId: orgA.usersByRole.manager, scope: manager.actor.scope });

    const off = createMailer({ url: null, from: "x@bikri.app" });
    expect(await errorOf(sendReportNow(manager, schedule.id, off, buildReport))).toBeInstanceOf(MailNotConfigured);

    receiver.refuseRecipient(/.*/, "5.1.1 No such mailbox", 550);
    const refused = await errorOf(sendReportNow(manager, schedule.id, mailer, buildReport));
    expect(refused).toBeInstanceOf(MailSendFailed);
    expect((refused as MailSendFailed).reason).toMatch(/^550 5\.1\.1 No such mailbox/);
    const after = await getReportSchedule(manager, schedule.id);
    expect(after).toMatchObject({ lastStatus: "failed", nextRunAt: schedule.nextRunAt });
    expect(after.lastError).toMatch(/550 5\.1\.1 No such mailbox/);
    receiver.refuseRecipient(null);

    failBuildWith = TestReportErrors.outletGone();
    expect(await codeOf(sendReportNow(manager, schedule.id, mailer, buildReport))).toBe("test_report.outlet_gone");
  });
});
