// Activities end to end: logged by HTTP and by other services, linked to several records; links moved (a lead merged
// into another) and copied (a converted lead) without duplicates; task reminders sent exactly once however often the
// job runs; "my day"; scope (a rep outside the territory, another org: not found).
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, businessDate } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import { withTransaction } from "../db/transaction.ts";
import { systemCtx } from "../platform/context.ts";
import { errorCode, hasBengali, must } from "../testing/assertions.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, ORG_B_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";
import { activityIdsFor, copyActivityLinks, logActivityTx, moveActivityLinks } from "./activities.service.ts";
import { sendTaskReminders } from "./crm-jobs.ts";
import { createDealTx } from "./deals.service.ts";
import { dhakaMidnight } from "./my-day.service.ts";
import type { RecordRef } from "./timeline-source.ts";

let t: TestApp;
let admin: Caller;
let rep: Caller;
let manager: Caller;
let otherOrg: Caller;
let repId: string;
let repTerritoryId: string;
/** A territory outside the demo rep's and the demo manager's subtrees. */
let farTerritoryId: string;
const db = () => t.database.handle.db;
const orgId = () => t.orgA.orgId;

type Json = Record<string, unknown>;
interface Activity {
  id: string;
  kind: string;
  subject: string;
  links: { type: string; id: string; name: string | null }[];
  doneAt: string | null;
}

async function ok<T = Json>(pending: Promise<{ statusCode: number; body: string; json(): unknown }>, what: string) {
  const res = await pending;
  if (res.statusCode >= 300) throw new Error(`${what} answered ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

/** A lead, contact or account straight in the table (their own modules are tested elsewhere). */
async function record(
  type: "lead" | "contact" | "account",
  name: string,
  placed: { territoryId?: string | null; ownerUserId?: string | null } = {},
  org = orgId(),
): Promise<RecordRef> {
  const id = newId();
  const common = {
    org_id: org,
    id,
    name,
    territory_id: placed.territoryId ?? null,
    owner_user_id: placed.ownerUserId ?? null,
  };
  if (type === "lead")
    await db()
      .insertInto("leads")
      .values({ ...common, source: "manual" })
      .execute();
  else if (type === "contact") await db().insertInto("contacts").values(common).execute();
  else
    await db()
      .insertInto("accounts")
      .values({ ...common, kind: "company" })
      .execute();
  return { type, id };
}

const linksOf = async (activityId: string) =>
  (
    await db()
      .selectFrom("activity_links")
      .select(["record_type", "record_id"])
      .where("org_id", "=", orgId())
      .where("activity_id", "=", activityId)
      .orderBy("record_type")
      .execute()
  ).map((l) => `${l.record_type}:${l.record_id}`);

const note = (subject: string, links: RecordRef[]) =>
  withTransaction(db(), (tx) => logActivityTx(tx, systemCtx(db(), orgId()), { kind: "note", subject, links }));

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
  rep = await signIn(t.app, `rep@${ORG_A_DOMAIN}`);
  manager = await signIn(t.app, `manager@${ORG_A_DOMAIN}`);
  otherOrg = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
  repId = t.orgA.usersByRole.rep;
  const repRow = await db().selectFrom("users").select("territory_id").where("id", "=", repId).executeTakeFirst();
  repTerritoryId = must(repRow?.territory_id, "rep territory");
  const far = await sql<{ id: string }>`
    select id from territories where org_id = ${orgId()} and level = 'territory'
      and path not like (select path || '%' from territories where org_id = ${orgId()} and code = 'DHA')
    order by code limit 1`.execute(db());
  farTerritoryId = must(far.rows[0]?.id, "a territory outside Dhaka");
}, 120_000);

afterAll(() => t?.close());

describe("activities", () => {
  it("logs an activity by HTTP with several links and lists it on each record", async () => {
    const contact = await record("contact", "Rahim Uddin", { territoryId: repTerritoryId });
    const account = await record("account", "Karim Traders", { territoryId: repTerritoryId });
    const call = await ok<Activity>(
      rep.request("POST", "/api/v1/crm/activities", {
        kind: "call",
        subject: "Asked about the winter scheme",
        callOutcome: "connected",
        durationSeconds: 240,
        links: [contact, account],
      }),
      "log a call",
    );
    expect(call.links.map((l) => l.name).sort()).toEqual(["Karim Traders", "Rahim Uddin"]);
    for (const r of [contact, account]) {
      const { items } = await ok<{ items: Activity[] }>(
        rep.request("GET", `/api/v1/crm/activities?recordType=${r.type}&recordId=${r.id}`),
        "activities of a record",
      );
      expect(items.map((i) => i.id)).toEqual([call.id]);
    }
    // The manager above the rep's territory sees it; another org does not even see the record.
    const mgr = await manager.request("GET", `/api/v1/crm/activities?recordType=contact&recordId=${contact.id}`);
    expect(mgr.statusCode).toBe(200);
    const other = await otherOrg.request("GET", `/api/v1/crm/activities?recordType=contact&recordId=${contact.id}`);
    expect(other.statusCode).toBe(404);
    expect(errorCode(other)).toBe("activities.record_not_found");
  });

  it("refuses a call without an outcome and a task without a due time, in Bengali too", async () => {
    const lead = await record("lead", "Salma Akter", { ownerUserId: repId });
    const res = await rep.request(
      "POST",
      "/api/v1/crm/activities",
      { kind: "task", subject: "Send price list", links: [lead] },
      { "accept-language": "bn" },
    );
    expect(res.statusCode).toBe(400);
    expect(hasBengali((res.json() as { error: { message: string } }).error.message)).toBe(true);
  });

  it("does not let a rep link a record outside their territory (404), nor see its activities", async () => {
    const far = await record("account", "Chattogram Agencies", { territoryId: farTerritoryId });
    const res = await rep.request("POST", "/api/v1/crm/activities", {
      kind: "note",
      subject: "x",
      links: [far],
    });
    expect(res.statusCode).toBe(404);
    await note("Head office note", [far]);
    const list = await rep.request("GET", `/api/v1/crm/activities?recordType=account&recordId=${far.id}`);
    expect(list.statusCode).toBe(404);
    const asAdmin = await ok<{ items: Activity[] }>(
      admin.request("GET", `/api/v1/crm/activities?recordType=account&recordId=${far.id}`),
      "admin list",
    );
    expect(asAdmin.items.map((i) => i.subject)).toEqual(["Head office note"]);
  });

  it("moves every activity of a merged lead to the survivor, with no duplicate link", async () => {
    const loser = await record("lead", "Jamal Hossain");
    const survivor = await record("lead", "Jamal Hossain (web)");
    const a1 = await note("first call", [loser]);
    const a2 = await note("second call", [loser]);
    const b1 = await note("form message", [survivor]);
    const both = await note("seen on both", [loser, survivor]);
    const moved = await withTransaction(db(), (tx) => moveActivityLinks(tx, orgId(), loser, survivor));
    expect(moved).toBe(3);
    expect(await activityIdsFor(db(), orgId(), loser)).toEqual([]);
    expect(await activityIdsFor(db(), orgId(), survivor)).toEqual([a1.id, a2.id, b1.id, both.id].sort());
    expect(await linksOf(both.id)).toEqual([`lead:${survivor.id}`]);
  });

  it("copies a converted lead's activities onto its contact, account and deal, once", async () => {
    const lead = await record("lead", "Nasrin Begum");
    const contact = await record("contact", "Nasrin Begum");
    const account = await record("account", "Nasrin Store");
    const deal = await withTransaction(db(), (tx) =>
      createDealTx(tx, systemCtx(db(), orgId()), {
        name: "First order",
        accountId: account.id,
        amountPoisha: 5_000_00,
      }),
    );
    const dealRef: RecordRef = { type: "deal", id: deal.id };
    const a1 = await note("asked for prices", [lead]);
    const a2 = await note("visited the shop", [lead, account]);
    const to = [contact, account, dealRef];
    const added = await withTransaction(db(), (tx) => copyActivityLinks(tx, orgId(), lead, to));
    // a2 was on the account already.
    expect(added).toBe(5);
    for (const r of to) expect(await activityIdsFor(db(), orgId(), r)).toEqual([a1.id, a2.id].sort());
    expect(await activityIdsFor(db(), orgId(), lead)).toEqual([a1.id, a2.id].sort());
    expect(await withTransaction(db(), (tx) => copyActivityLinks(tx, orgId(), lead, to))).toBe(0);
    expect(await linksOf(a2.id)).toHaveLength(4);
  });

  it("sends a task reminder exactly once, however often the job runs, and again after a new reminder time", async () => {
    const lead = await record("lead", "Mizanur Rahman", { ownerUserId: repId });
    const soon = new Date(Date.now() + 3_600_000);
    const task = await ok<Activity>(
      rep.request("POST", "/api/v1/crm/activities", {
        kind: "task",
        subject: "Call Mizanur about the sample",
        dueAt: soon.toISOString(),
        remindAt: new Date(Date.now() - 60_000).toISOString(),
        links: [lead],
      }),
      "a task",
    );
    const notices = async () =>
      (
        await db()
          .selectFrom("notifications")
          .select(["title_en", "title_bn"])
          .where("org_id", "=", orgId())
          .where("user_id", "=", repId)
          .where("kind", "=", "crm.task_reminder")
          .execute()
      ).filter((n) => n.title_en.includes("Mizanur"));
    await sendTaskReminders(db());
    await sendTaskReminders(db());
    const [first, second] = await Promise.all([sendTaskReminders(db()), sendTaskReminders(db())]);
    expect(first + second).toBe(0);
    const sent = await notices();
    expect(sent).toHaveLength(1);
    expect(hasBengali(sent[0]?.title_bn)).toBe(true);
    // A new reminder time is a new reminder; a task done is never reminded.
    await ok(
      rep.request("PATCH", `/api/v1/crm/activities/${task.id}`, {
        remindAt: new Date(Date.now() - 1000).toISOString(),
      }),
      "new reminder time",
    );
    await sendTaskReminders(db());
    expect(await notices()).toHaveLength(2);
    await ok(
      rep.request("PATCH", `/api/v1/crm/activities/${task.id}`, {
        remindAt: new Date(Date.now() - 1000).toISOString(),
        done: true,
      }),
      "done",
    );
    await sendTaskReminders(db());
    expect(await notices()).toHaveLength(2);
  });

  it("gathers the rep's day: overdue and today's tasks, meetings, calls to make, deals closing and stuck", async () => {
    const today = businessDate();
    const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+06:00`).toISOString();
    const lead = await record("lead", "Day Lead", { ownerUserId: repId });
    const other = await record("lead", "Answered Lead", { ownerUserId: repId });
    const post = (body: Json) =>
      ok<Activity>(rep.request("POST", "/api/v1/crm/activities", { links: [lead], ...body }), "an activity");
    const overdue = await post({ kind: "task", subject: "overdue task", dueAt: at(addDays(today, -2), "10:00") });
    const doneOld = await post({ kind: "task", subject: "done old task", dueAt: at(addDays(today, -3), "10:00") });
    await ok(rep.request("PATCH", `/api/v1/crm/activities/${doneOld.id}`, { done: true }), "tick");
    const todayTask = await post({ kind: "task", subject: "today task", dueAt: at(today, "23:30") });
    const tomorrow = await post({ kind: "task", subject: "tomorrow task", dueAt: at(addDays(today, 1), "09:00") });
    const meeting = await post({
      kind: "meeting",
      subject: "meeting today",
      occurredAt: at(today, "00:30"),
      endsAt: at(today, "01:30"),
      location: "Tongi bazar",
    });
    const unanswered = await post({
      kind: "call",
      subject: "no answer",
      callOutcome: "no_answer",
      occurredAt: at(addDays(today, -1), "11:00"),
    });
    // An unanswered call followed by a later call on the same record is not a call to make.
    await ok(
      rep.request("POST", "/api/v1/crm/activities", {
        kind: "call",
        subject: "busy",
        callOutcome: "busy",
        occurredAt: at(addDays(today, -1), "09:00"),
        links: [other],
      }),
      "busy",
    );
    await ok(
      rep.request("POST", "/api/v1/crm/activities", {
        kind: "call",
        subject: "got through",
        callOutcome: "connected",
        occurredAt: at(addDays(today, -1), "12:00"),
        links: [other],
      }),
      "connected",
    );
    const account = await record("account", "Gazipur Mart", { territoryId: repTerritoryId });
    const closing = await ok<{ id: string }>(
      rep.request("POST", "/api/v1/crm/deals", {
        name: "Gazipur Mart listing",
        accountId: account.id,
        amountPoisha: 120_000_00,
        expectedClose: addDays(today, 3),
      }),
      "deal closing",
    );
    const stuck = await ok<{ id: string }>(
      rep.request("POST", "/api/v1/crm/deals", {
        name: "Old deal",
        accountId: account.id,
        amountPoisha: 10_000_00,
        expectedClose: addDays(today, 60),
      }),
      "deal stuck",
    );
    // First contact allows 7 days.
    await db()
      .updateTable("deals")
      .set({ stage_entered_at: new Date(dhakaMidnight(today).getTime() - 10 * 86_400_000) })
      .where("org_id", "=", orgId())
      .where("id", "=", stuck.id)
      .execute();
    const day = await ok<Record<string, { id: string }[]>>(rep.request("GET", "/api/v1/crm/my-day"), "my day");
    const ids = (k: string) => (day[k] ?? []).map((x) => x.id);
    expect(ids("overdueTasks")).toContain(overdue.id);
    expect(ids("overdueTasks")).not.toContain(doneOld.id);
    // (The reminder test's task, due within the hour, may be today's too.)
    expect(ids("todayTasks")).toContain(todayTask.id);
    expect([...ids("overdueTasks"), ...ids("todayTasks")]).not.toContain(tomorrow.id);
    expect(ids("meetings")).toEqual([meeting.id]);
    expect(ids("callsToMake")).toEqual([unanswered.id]);
    expect(ids("closingThisWeek")).toEqual([closing.id]);
    expect(ids("stuckDeals")).toEqual([stuck.id]);
    // The manager's day does not hold the rep's tasks.
    const mgrDay = await ok<Record<string, { id: string }[]>>(manager.request("GET", "/api/v1/crm/my-day"), "mgr");
    expect(mgrDay.todayTasks).toEqual([]);
  });

  it("links activities to service tickets the caller may see, and no others", async () => {
    const service = await signIn(t.app, `service@${ORG_A_DOMAIN}`);
    const ticket = await ok<{ id: string }>(
      service.request("POST", "/api/v1/service/tickets", {
        type: "complaint",
        subject: "Damaged cartons in the last delivery",
        requesterName: "Abdul Karim",
        territoryId: farTerritoryId,
      }),
      "a ticket",
    );
    const ref = { type: "ticket", id: ticket.id };
    const call = await ok<Activity>(
      service.request("POST", "/api/v1/crm/activities", {
        kind: "call",
        subject: "Called the shop about the cartons",
        callOutcome: "connected",
        links: [ref],
      }),
      "call about the ticket",
    );
    const listed = await ok<{ items: Activity[] }>(
      service.request("GET", `/api/v1/crm/activities?recordType=ticket&recordId=${ticket.id}`),
      "ticket activities",
    );
    expect(listed.items.map((i) => i.id)).toEqual([call.id]);
    // A rep of another territory, and another org, are not told the ticket exists.
    for (const caller of [rep, otherOrg]) {
      const res = await caller.request("POST", "/api/v1/crm/activities", { kind: "note", subject: "x", links: [ref] });
      expect(res.statusCode).toBe(404);
      expect(errorCode(res)).toBe("activities.record_not_found");
    }
  });

  it("answers 404 for another org's activity and for one outside the rep's scope", async () => {
    const far = await record("account", "Sylhet Tea House", { territoryId: farTerritoryId });
    const a = await note("far away", [far]);
    const patch = { subject: "changed" };
    const byRep = await rep.request("PATCH", `/api/v1/crm/activities/${a.id}`, patch);
    expect(byRep.statusCode).toBe(404);
    expect(errorCode(byRep)).toBe("activities.not_found");
    expect((await otherOrg.request("PATCH", `/api/v1/crm/activities/${a.id}`, patch)).statusCode).toBe(404);
    expect((await admin.request("PATCH", `/api/v1/crm/activities/${a.id}`, patch)).statusCode).toBe(200);
  });
});
