// The service desk end to end against a real database: SLA due times in business hours through the service (and the
// clock standing still while pending), the breach job (marks and notifies once, escalates), tickets from email
// (threaded replies) and the public form (honeypot, rate limit, the requester's language), a resolved ticket turned
// into an article that the public FAQ search finds in Bengali, and who may see which ticket.
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { CreateTicketInput } from "../../shared/contracts/service.ts";
import { buildApp } from "../app.ts";
import { loadConfig } from "../config.ts";
import { withTransaction } from "../db/transaction.ts";
import { systemCtx } from "../platform/context.ts";
import type { App } from "../platform/http.ts";
import { errorCode, hasBengali, must } from "../testing/assertions.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, ORG_B_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";
import {
  addMessage,
  changeStatus,
  closedTicketsSince,
  createTicket,
  createTicketTx,
  markBreaches,
  updateTicket,
} from "./service.service.ts";
import { replyText } from "./service-channels.service.ts";

let t: TestApp;
let admin: Caller;
let agent: Caller;
let manager: Caller;
let rep: Caller;
let marketing: Caller;
let adminB: Caller;
let farTerritoryId: string;
let ownTerritoryId: string;
const db = () => t.database.handle.db;
const orgA = () => t.orgA.orgId;

type Json = Record<string, unknown>;
type Ticket = {
  id: string;
  number: string;
  status: string;
  priority: string;
  assigneeId: string | null;
  escalationLevel: number;
  firstResponse: { dueAt: string | null; metAt: string | null; breachedAt: string | null };
  resolution: { dueAt: string | null; metAt: string | null; breachedAt: string | null };
  slaPaused: boolean;
  messages: { kind: string; authorKind: string; body: string; channel: string }[];
  events: { kind: string }[];
  articleIds: string[];
} & Json;

async function ok<T = Json>(pending: Promise<{ statusCode: number; body: string; json(): unknown }>, what: string) {
  const res = await pending;
  if (res.statusCode >= 300) throw new Error(`${what} answered ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

const dhaka = (local: string) => new Date(`${local}+06:00`);
const newTicket = (by: Caller, body: Json = {}) =>
  ok<Ticket>(
    by.request("POST", "/api/v1/service/tickets", {
      type: "question",
      subject: "অর্ডার কবে আসবে?",
      requesterName: "রহিম উদ্দিন",
      requesterPhone: "01711000000",
      ...body,
    }),
    "a ticket",
  );

const DEFAULT_WEEK = [
  { open: "09:00", close: "18:00" },
  { open: "09:00", close: "18:00" },
  { open: "09:00", close: "18:00" },
  { open: "09:00", close: "18:00" },
  { open: "09:00", close: "18:00" },
  null,
  { open: "09:00", close: "18:00" },
];
const policies = (escalateToUserId: string | null = null) => [
  { priority: "low", firstResponseMinutes: 540, resolutionMinutes: 2700, escalatePriority: true, escalateToUserId },
  { priority: "normal", firstResponseMinutes: 240, resolutionMinutes: 1080, escalatePriority: true, escalateToUserId },
  { priority: "high", firstResponseMinutes: 120, resolutionMinutes: 540, escalatePriority: true, escalateToUserId },
  { priority: "urgent", firstResponseMinutes: 30, resolutionMinutes: 240, escalatePriority: true, escalateToUserId },
];

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
  agent = await signIn(t.app, `service@${ORG_A_DOMAIN}`);
  manager = await signIn(t.app, `manager@${ORG_A_DOMAIN}`);
  rep = await signIn(t.app, `rep@${ORG_A_DOMAIN}`);
  marketing = await signIn(t.app, `marketing@${ORG_A_DOMAIN}`);
  adminB = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
  const managerPath = must(
    (
      await sql<{
        path: string;
      }>`select t.path from users u join territories t on t.org_id = u.org_id and t.id = u.territory_id
        where u.org_id = ${orgA()} and u.id = ${t.orgA.usersByRole.manager}`.execute(db())
    ).rows[0],
    "the manager's territory",
  ).path;
  const pick = async (inside: boolean) =>
    must(
      (
        await sql<{ id: string }>`select id from territories where org_id = ${orgA()} and level = 'territory'
          and (path like ${`${managerPath}%`}) = ${inside} order by path limit 1`.execute(db())
      ).rows[0],
      "a territory",
    ).id;
  ownTerritoryId = await pick(true);
  farTerritoryId = await pick(false);
}, 120_000);
afterAll(async () => t?.close());
afterEach(() => {
  vi.useRealTimers();
});

// Time is faked (Date only) in these cases, so they call the service directly as the system: a session cookie would
// expire across the jumps.
const sys = () => systemCtx(db(), orgA());
const ticketInput = (extra: Partial<CreateTicketInput> = {}): CreateTicketInput => ({
  type: "question",
  channel: "manual",
  priority: "normal",
  subject: "অর্ডার কবে আসবে?",
  description: "",
  requesterName: "রহিম উদ্দিন",
  ...extra,
});

describe("SLA timers through the service", () => {
  it("are due in business hours: Thursday 17:30 + 2 h (high) is Saturday 10:30; pending stops the clock", async () => {
    await ok(
      admin.request("PUT", "/api/v1/service/settings", {
        timeZone: "Asia/Dhaka",
        week: DEFAULT_WEEK,
        holidays: [],
        policies: policies(),
      }),
      "settings",
    );
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(dhaka("2026-11-26T17:30:00"));
    const ticket = await createTicket(sys(), ticketInput({ priority: "high" }));
    expect(ticket.firstResponse.dueAt).toBe(dhaka("2026-11-28T10:30:00").toISOString());
    // 540 business minutes: 30 on Thursday, then 8.5 hours of Saturday: 17:30.
    expect(ticket.resolution.dueAt).toBe(dhaka("2026-11-28T17:30:00").toISOString());
    expect(ticket.status).toBe("new");

    // Saturday 09:30: the agent answers and waits on the customer; 2 working hours later the customer is back.
    vi.setSystemTime(dhaka("2026-11-28T09:30:00"));
    await addMessage(sys(), ticket.id, { kind: "public", body: "কোন অর্ডার?" });
    const pending = await changeStatus(sys(), ticket.id, { status: "pending" });
    expect(pending.slaPaused).toBe(true);
    expect(pending.firstResponse.metAt).toBe(dhaka("2026-11-28T09:30:00").toISOString());
    vi.setSystemTime(dhaka("2026-11-28T11:30:00"));
    const resumed = await changeStatus(sys(), ticket.id, { status: "open" });
    expect(resumed.slaPaused).toBe(false);
    // Two working hours later than before: Saturday 17:30 + 2 h = 18:00, then Sunday 09:00 + 1.5 h.
    expect(resumed.resolution.dueAt).toBe(dhaka("2026-11-29T10:30:00").toISOString());

    // A pause over the weekend counts only working time: Sunday 17:00 to Saturday 10:00 (Friday off) is
    // 1 + 4 x 9 + 1 = 38 hours. With the 2 hours before: 9 h target + 40 h from Thursday 17:30 is Thursday 3 December 12:30.
    vi.setSystemTime(dhaka("2026-11-29T17:00:00"));
    await changeStatus(sys(), ticket.id, { status: "pending" });
    vi.setSystemTime(dhaka("2026-12-05T10:00:00"));
    const back = await changeStatus(sys(), ticket.id, { status: "open" });
    expect(back.resolution.dueAt).toBe(dhaka("2026-12-03T12:30:00").toISOString());
    expect(back.events.map((e) => e.kind)).toEqual([
      "created",
      "first_response",
      "status_changed",
      "status_changed",
      "status_changed",
      "status_changed",
    ]);
  });

  it("computes the due times again when the priority changes", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(dhaka("2026-11-25T10:00:00"));
    const ticket = await createTicket(sys(), ticketInput({ priority: "low" }));
    expect(ticket.firstResponse.dueAt).toBe(dhaka("2026-11-26T10:00:00").toISOString());
    const urgent = await updateTicket(sys(), ticket.id, { priority: "urgent" });
    expect(urgent.firstResponse.dueAt).toBe(dhaka("2026-11-25T10:30:00").toISOString());
    expect(urgent.resolution.dueAt).toBe(dhaka("2026-11-25T14:00:00").toISOString());
    expect(urgent.events.map((e) => e.kind)).toEqual(["created", "priority_changed"]);
  });

  it("follows a holiday set in the settings", async () => {
    await ok(
      admin.request("PUT", "/api/v1/service/settings", {
        timeZone: "Asia/Dhaka",
        week: DEFAULT_WEEK,
        holidays: ["2026-12-16"],
        policies: policies(),
      }),
      "settings with Victory Day",
    );
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(dhaka("2026-12-15T17:00:00"));
    const ticket = await createTicket(sys(), ticketInput({ priority: "high" }));
    expect(ticket.firstResponse.dueAt).toBe(dhaka("2026-12-17T10:00:00").toISOString());
    vi.useRealTimers();
    const settings = await ok<{ holidays: string[] }>(agent.request("GET", "/api/v1/service/settings"), "settings");
    expect(settings.holidays).toEqual(["2026-12-16"]);
  });

  it("refuses a week without working days, and settings from anyone but the admin", async () => {
    const closed = await admin.request("PUT", "/api/v1/service/settings", {
      timeZone: "Asia/Dhaka",
      week: Array(7).fill(null),
      holidays: [],
      policies: policies(),
    });
    expect(closed.statusCode).toBe(422);
    expect(errorCode(closed)).toBe("service.calendar_empty");
    const byAgent = await agent.request("PUT", "/api/v1/service/settings", {
      timeZone: "Asia/Dhaka",
      week: DEFAULT_WEEK,
      holidays: [],
      policies: policies(),
    });
    expect(byAgent.statusCode).toBe(403);
  });
});

describe("breach alerts and escalation", () => {
  it("marks an overdue ticket once, notifies the assignee and the managers, and escalates it", async () => {
    const serviceId = t.orgA.usersByRole.service;
    const adminId = t.orgA.usersByRole.admin;
    const managerId = t.orgA.usersByRole.manager;
    await ok(
      admin.request("PUT", "/api/v1/service/settings", {
        timeZone: "Asia/Dhaka",
        week: DEFAULT_WEEK,
        holidays: [],
        policies: policies(adminId),
      }),
      "settings escalating to the admin",
    );
    const ticket = await newTicket(agent, { priority: "normal", assigneeId: serviceId, territoryId: ownTerritoryId });
    const due = new Date(must(ticket.firstResponse.dueAt, "a due time"));
    const notifications = async () =>
      (
        await sql<{ user_id: string }>`select user_id from notifications
          where org_id = ${orgA()} and kind = 'service.sla_breach' and link = ${`/service/tickets/${ticket.id}`}`.execute(
          db(),
        )
      ).rows.map((r) => r.user_id);

    await markBreaches(db(), new Date(due.getTime() - 60_000));
    expect(await notifications(), "not yet due").toEqual([]);
    const marked = await markBreaches(db(), new Date(due.getTime() + 60_000));
    expect(marked).toBeGreaterThanOrEqual(1);
    const first = await notifications();
    expect(new Set(first)).toEqual(new Set([serviceId, adminId, managerId]));
    // Once per breach: the next minutes find nothing new.
    await markBreaches(db(), new Date(due.getTime() + 120_000));
    expect(await notifications()).toEqual(first);

    const after = await ok<Ticket>(agent.request("GET", `/api/v1/service/tickets/${ticket.id}`), "the ticket");
    expect(after.firstResponse.breachedAt).not.toBeNull();
    expect(after.resolution.breachedAt).toBeNull();
    expect(after.escalationLevel).toBe(1);
    expect(after.priority).toBe("high");
    expect(after.assigneeId).toBe(adminId);
    expect(after.events.map((e) => e.kind)).toEqual(expect.arrayContaining(["sla_breached", "escalated"]));

    // The resolution breach later is a second, separate breach: one more level, one more alert.
    const resolutionDue = new Date(must(after.resolution.dueAt, "resolution due"));
    await markBreaches(db(), new Date(resolutionDue.getTime() + 60_000));
    const again = await ok<Ticket>(agent.request("GET", `/api/v1/service/tickets/${ticket.id}`), "the ticket");
    expect(again.escalationLevel).toBe(2);
    expect(again.priority).toBe("urgent");
    expect(again.resolution.breachedAt).not.toBeNull();
    // Told this time: the admin (assignee since the first escalation) and the manager.
    expect((await notifications()).length).toBe(first.length + 2);
    await ok(
      admin.request("PUT", "/api/v1/service/settings", {
        timeZone: "Asia/Dhaka",
        week: DEFAULT_WEEK,
        holidays: [],
        policies: policies(),
      }),
      "settings back",
    );
  });

  it("leaves a pending ticket alone: its clock stands still", async () => {
    const ticket = await newTicket(agent, { priority: "urgent" });
    await ok(agent.request("POST", `/api/v1/service/tickets/${ticket.id}/status`, { status: "pending" }), "pending");
    await markBreaches(db(), new Date(Date.now() + 30 * 86_400_000));
    const after = await ok<Ticket>(agent.request("GET", `/api/v1/service/tickets/${ticket.id}`), "the ticket");
    expect(after.firstResponse.breachedAt).toBeNull();
    expect(after.escalationLevel).toBe(0);
  });
});

describe("email", () => {
  const message = (subject: string, body: string, from = "Karim Traders <karim@example.com>") =>
    [
      `From: ${from}`,
      "To: help@org-a.example",
      `Subject: ${subject}`,
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: 8bit",
      "",
      body,
    ].join("\r\n");

  it("opens a ticket from a new message and threads a reply that names it", async () => {
    const created = await ok<{ action: string; ticketId: string; number: string }>(
      agent.request("POST", "/api/v1/service/inbound-email", {
        raw: message("ডেলিভারি দেরি হচ্ছে", "আমার গত সপ্তাহের অর্ডার এখনও আসেনি।"),
      }),
      "a new email",
    );
    expect(created.action).toBe("created");
    expect(created.number).toMatch(/^TKT-\d{6}$/);
    const ticket = await ok<Ticket>(agent.request("GET", `/api/v1/service/tickets/${created.ticketId}`), "the ticket");
    expect(ticket).toMatchObject({ channel: "email", subject: "ডেলিভারি দেরি হচ্ছে", locale: "bn" });
    expect(ticket.requesterEmail).toBe("karim@example.com");

    // Resolved, then the customer answers the thread: the reply lands on the ticket, which opens again.
    await ok(
      agent.request("POST", `/api/v1/service/tickets/${created.ticketId}/status`, {
        status: "resolved",
        resolution: "ডেলিভারি আজ পাঠানো হয়েছে।",
      }),
      "resolved",
    );
    const replied = await ok<{ action: string; ticketId: string }>(
      agent.request("POST", "/api/v1/service/inbound-email", {
        raw: message(
          `Re: [${created.number}] ডেলিভারি দেরি হচ্ছে`,
          "এখনও পাইনি।\r\n\r\nOn Tue, 24 Nov 2026 at 10:00, Help wrote:\r\n> ডেলিভারি আজ পাঠানো হয়েছে।",
        ),
      }),
      "a reply",
    );
    expect(replied).toMatchObject({ action: "replied", ticketId: created.ticketId });
    const after = await ok<Ticket>(agent.request("GET", `/api/v1/service/tickets/${created.ticketId}`), "the ticket");
    expect(after.status).toBe("open");
    expect(after.messages.at(-1)).toMatchObject({ authorKind: "requester", channel: "email", body: "এখনও পাইনি।" });
    expect(after.events.map((e) => e.kind)).toContain("reopened");
  });

  it("refuses a message without a sender, and a reply naming a ticket of another org starts a new one", async () => {
    const bad = await agent.request("POST", "/api/v1/service/inbound-email", { raw: "Subject: hello\r\n\r\nbody" });
    expect(bad.statusCode).toBe(422);
    expect(errorCode(bad)).toBe("service.email_unreadable");
    const inB = await newTicket(adminB);
    const res = await ok<{ action: string; number: string }>(
      agent.request("POST", "/api/v1/service/inbound-email", { raw: message(`Re: [${inB.number}] hi`, "Hello") }),
      "a reply naming org B's ticket",
    );
    // Numbers are per org: the same number in org A is another ticket, or none at all.
    const sameInA = await sql`select id from tickets where org_id = ${orgA()} and number = ${inB.number}`.execute(db());
    expect(res.action).toBe(sameInA.rows.length ? "replied" : "created");
    const bTicket = await ok<Ticket>(adminB.request("GET", `/api/v1/service/tickets/${inB.id}`), "org B's ticket");
    expect(bTicket.messages).toEqual([]);
  });

  it("keeps only the new words of a reply", () => {
    expect(replyText("Thanks!\n> old line\nOn Mon, X wrote:\nquoted")).toBe("Thanks!");
  });
});

describe("the public form", () => {
  it("opens a web-form ticket and answers in the requester's language; a filled honeypot stores nothing", async () => {
    const count = async () =>
      Number(
        must(
          (
            await sql<{
              n: string;
            }>`select count(*) as n from tickets where org_id = ${orgA()} and channel = 'web_form'`.execute(db())
          ).rows[0],
          "a count",
        ).n,
      );
    const before = await count();
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/public/orgs/org-a/tickets",
      headers: { "accept-language": "bn" },
      payload: { name: "সালমা", phone: "01811223344", subject: "দাম জানতে চাই", message: "চিনির দাম কত?" },
    });
    expect(res.statusCode).toBe(201);
    expect(hasBengali(res.json().message)).toBe(true);
    expect(res.json().message).toMatch(/TKT-\d{6}/);
    expect(await count()).toBe(before + 1);
    const en = await t.app.inject({
      method: "POST",
      url: "/api/v1/public/orgs/org-a/tickets",
      payload: { name: "Salma", email: "salma@example.com", subject: "Prices", message: "How much?", locale: "en" },
    });
    expect(en.json().message).toMatch(/^Thank you, Salma/);

    const bot = await t.app.inject({
      method: "POST",
      url: "/api/v1/public/orgs/org-a/tickets",
      payload: {
        name: "Bot",
        email: "bot@spam.example",
        subject: "Buy",
        message: "Buy now",
        website: "http://spam.example",
      },
    });
    expect(bot.statusCode).toBe(201);
    expect(await count()).toBe(before + 2);
    const unknown = await t.app.inject({
      method: "POST",
      url: "/api/v1/public/orgs/no-such-org/tickets",
      payload: { name: "X", phone: "01811223344", subject: "S", message: "M" },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it("is rate-limited per IP", async () => {
    const config = loadConfig({
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      BIKRI_JOBS: "false",
      LOGIN_RATE_PER_MINUTE: "2",
    });
    const limited: App = await buildApp({ config, database: t.database.handle, logger: false });
    await limited.ready();
    try {
      const post = (ip: string) =>
        limited.inject({
          method: "POST",
          url: "/api/v1/public/orgs/org-a/tickets",
          remoteAddress: ip,
          payload: { name: "Rahim", phone: "01711000001", subject: "Hello", message: "A question", locale: "en" },
        });
      expect((await post("10.0.0.1")).statusCode).toBe(201);
      expect((await post("10.0.0.1")).statusCode).toBe(201);
      const third = await post("10.0.0.1");
      expect(third.statusCode).toBe(429);
      expect(errorCode(third)).toBe("request.rate_limited");
      expect((await post("10.0.0.2")).statusCode).toBe(201);
    } finally {
      await limited.close();
    }
  });
});

describe("from a resolved ticket to the public FAQ", () => {
  it("makes an article, publishes it, and the public search finds it by a Bengali word and a misspelling", async () => {
    const ticket = await newTicket(agent, {
      subject: "রিটার্ন পলিসি কী?",
      description: "মেয়াদোত্তীর্ণ বিস্কুট ফেরত দেওয়া যায়?",
      locale: "bn",
    });
    const early = await agent.request("POST", `/api/v1/service/tickets/${ticket.id}/article`);
    expect(early.statusCode).toBe(409);
    expect(errorCode(early)).toBe("service.ticket_not_resolved");
    await ok(
      agent.request("POST", `/api/v1/service/tickets/${ticket.id}/status`, {
        status: "resolved",
        resolution: "মেয়াদোত্তীর্ণ পণ্য পরের ডেলিভারিতে ডিস্ট্রিবিউটর ফেরত নেবেন।",
      }),
      "resolved",
    );
    const article = await ok<{ id: string; status: string; titleBn: string; bodyBn: string; sourceTicketId: string }>(
      agent.request("POST", `/api/v1/service/tickets/${ticket.id}/article`),
      "an article from the ticket",
    );
    expect(article).toMatchObject({ status: "draft", titleBn: "রিটার্ন পলিসি কী?", sourceTicketId: ticket.id });
    expect(article.bodyBn).toContain("ডিস্ট্রিবিউটর ফেরত নেবেন");
    const faq = (q: string, slug = "org-a", lang = "bn") =>
      t.app.inject({ method: "GET", url: `/api/v1/public/orgs/${slug}/faq?lang=${lang}&q=${encodeURIComponent(q)}` });
    const ids = async (q: string, slug = "org-a", lang = "bn") =>
      ((await faq(q, slug, lang)).json().items as { id: string }[]).map((a) => a.id);

    // A draft is never found.
    expect(await ids("ডিস্ট্রিবিউটর")).not.toContain(article.id);
    await ok(agent.request("POST", `/api/v1/kb/articles/${article.id}/publish`), "publish");
    expect(await ids("ডিস্ট্রিবিউটর")).toContain(article.id);
    expect(await ids("মেয়াদোত্তীর্ণ")).toContain(article.id);
    // Misspelt: ই for ি and স for শ sound the same; Banglish too.
    expect(await ids("ডিসট্রিবিউটার")).toContain(article.id);
    expect(await ids("distributor")).toContain(article.id);
    expect(await ids("রিটারন")).toContain(article.id);
    expect(await ids("টেলিভিশন")).not.toContain(article.id);
    // Only in the language it is written in; not on another org's page.
    expect(await ids("distributor", "org-a", "en")).not.toContain(article.id);
    expect(await ids("ডিস্ট্রিবিউটর", "org-b")).not.toContain(article.id);
    const missing = await faq("x", "no-such-org");
    expect(missing.statusCode).toBe(404);

    const ticketAfter = await ok<Ticket>(agent.request("GET", `/api/v1/service/tickets/${ticket.id}`), "the ticket");
    expect(ticketAfter.articleIds).toEqual([article.id]);
    const view = await t.app.inject({ method: "GET", url: `/api/v1/public/orgs/org-a/faq/${article.id}?lang=bn` });
    expect(view.json()).toMatchObject({ title: "রিটার্ন পলিসি কী?", locale: "bn" });
    const vote = await t.app.inject({
      method: "POST",
      url: `/api/v1/public/orgs/org-a/faq/${article.id}/vote`,
      payload: { helpful: true },
    });
    expect(vote.json()).toEqual({ helpfulYes: 1, helpfulNo: 0 });
    const stored = await ok<{ views: number }>(
      agent.request("GET", `/api/v1/kb/articles/${article.id}`),
      "the article",
    );
    expect(stored.views).toBe(1);
    // Another org's page does not show it, even by id.
    const viaB = await t.app.inject({ method: "GET", url: `/api/v1/public/orgs/org-b/faq/${article.id}` });
    expect(viaB.statusCode).toBe(404);
    // Unpublished, it is gone from the page again.
    await ok(agent.request("POST", `/api/v1/kb/articles/${article.id}/unpublish`), "unpublish");
    expect(await ids("ডিস্ট্রিবিউটর")).not.toContain(article.id);
  });

  it("publishes only an article with a title and an answer in one language", async () => {
    const a = await ok<{ id: string }>(
      marketing.request("POST", "/api/v1/kb/articles", { titleEn: "Half" }),
      "a draft",
    );
    const res = await marketing.request("POST", `/api/v1/kb/articles/${a.id}/publish`);
    expect(res.statusCode).toBe(422);
    expect(errorCode(res)).toBe("service.article_incomplete");
    // Marketing writes articles but does not read tickets.
    const fromTicket = await marketing.request("POST", `/api/v1/service/tickets/${a.id}/article`);
    expect(fromTicket.statusCode).toBe(403);
  });
});

describe("who sees which ticket", () => {
  it("hides another org's ticket (404) and refuses changes to it", async () => {
    const ticket = await newTicket(agent);
    for (const [method, url, body] of [
      ["GET", `/api/v1/service/tickets/${ticket.id}`, undefined],
      ["PATCH", `/api/v1/service/tickets/${ticket.id}`, { priority: "urgent" }],
      ["POST", `/api/v1/service/tickets/${ticket.id}/messages`, { kind: "public", body: "hi" }],
      ["POST", `/api/v1/service/tickets/${ticket.id}/status`, { status: "closed" }],
    ] as const) {
      const res = await adminB.request(method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(errorCode(res)).toBe("service.ticket_not_found");
    }
    const list = await ok<{ items: { id: string }[] }>(
      adminB.request("GET", "/api/v1/service/tickets?limit=200"),
      "B's queue",
    );
    expect(list.items.map((i) => i.id)).not.toContain(ticket.id);
  });

  it("shows a manager the tickets of their subtree and those given to them, a rep only theirs", async () => {
    const inside = await newTicket(agent, { territoryId: ownTerritoryId });
    const far = await newTicket(agent, { territoryId: farTerritoryId });
    const noPlace = await newTicket(agent);
    expect((await manager.request("GET", `/api/v1/service/tickets/${inside.id}`)).statusCode).toBe(200);
    expect((await manager.request("GET", `/api/v1/service/tickets/${far.id}`)).statusCode).toBe(404);
    expect((await manager.request("GET", `/api/v1/service/tickets/${noPlace.id}`)).statusCode).toBe(404);
    const change = await manager.request("PATCH", `/api/v1/service/tickets/${far.id}`, { priority: "urgent" });
    expect(change.statusCode).toBe(404);
    await ok(
      agent.request("PATCH", `/api/v1/service/tickets/${far.id}`, { assigneeId: t.orgA.usersByRole.manager }),
      "given to the manager",
    );
    expect((await manager.request("GET", `/api/v1/service/tickets/${far.id}`)).statusCode).toBe(200);
    const queue = await ok<{ items: { id: string }[] }>(
      manager.request("GET", "/api/v1/service/tickets?limit=200"),
      "the manager's queue",
    );
    const seen = queue.items.map((i) => i.id);
    expect(seen).toEqual(expect.arrayContaining([inside.id, far.id]));
    expect(seen).not.toContain(noPlace.id);
    // A rep reads, never writes.
    expect(
      (await rep.request("POST", "/api/v1/service/tickets", { type: "question", subject: "x", requesterName: "y" }))
        .statusCode,
    ).toBe(403);
    const mine = await ok<{ items: { id: string }[] }>(rep.request("GET", "/api/v1/service/tickets?view=mine"), "mine");
    expect(mine.items).toEqual([]);
  });

  it("finds a manager's own territory only: a ticket for a territory outside it is refused", async () => {
    const res = await manager.request("POST", "/api/v1/service/tickets", {
      type: "complaint",
      subject: "x",
      requesterName: "y",
      territoryId: farTerritoryId,
    });
    expect(res.statusCode).toBe(404);
    expect(errorCode(res)).toBe("service.territory_not_found");
  });
});

describe("closing", () => {
  it("sends ticket.closed, lists the ticket for CSAT, and chat tickets come in through createTicketTx", async () => {
    await ok(
      admin.request("POST", "/api/v1/webhooks", { url: "https://hooks.example.com/bikri", events: ["ticket.closed"] }),
      "a webhook",
    );
    const since = new Date(Date.now() - 1000);
    const chat = await withTransaction(db(), (tx) =>
      createTicketTx(tx, systemCtx(db(), orgA()), {
        type: "suggestion",
        channel: "chat",
        priority: "low",
        subject: "Add bKash",
        description: "Please take bKash payments",
        requesterName: "Nadia",
        requesterEmail: "nadia@example.com",
        locale: "en",
      }),
    );
    expect(chat.number).toMatch(/^TKT-/);
    const closed = await ok<Ticket>(
      agent.request("POST", `/api/v1/service/tickets/${chat.id}/status`, { status: "closed", resolution: "Noted" }),
      "closed",
    );
    expect(closed.status).toBe("closed");
    const deliveries = await sql<{ payload: { data: { ticket: { id: string } } } }>`
      select payload from webhook_deliveries where org_id = ${orgA()} and event = 'ticket.closed'`.execute(db());
    expect(deliveries.rows.map((d) => d.payload.data.ticket.id)).toContain(chat.id);
    const list = await closedTicketsSince(db(), orgA(), since, 100);
    expect(list).toContainEqual(
      expect.objectContaining({ id: chat.id, type: "suggestion", locale: "en", requesterEmail: "nadia@example.com" }),
    );
    expect(await closedTicketsSince(db(), t.orgB.orgId, since, 100)).not.toContainEqual(
      expect.objectContaining({ id: chat.id }),
    );
    // Closed is closed: no more replies until it is reopened.
    const reply = await agent.request("POST", `/api/v1/service/tickets/${chat.id}/messages`, {
      kind: "public",
      body: "x",
    });
    expect(reply.statusCode).toBe(409);
    const wrong = await agent.request("POST", `/api/v1/service/tickets/${chat.id}/status`, { status: "pending" });
    expect(wrong.statusCode).toBe(409);
    expect(
      hasBengali(
        (
          await agent.request(
            "POST",
            `/api/v1/service/tickets/${chat.id}/status`,
            { status: "pending" },
            { "accept-language": "bn" },
          )
        ).json().error.message,
      ),
    ).toBe(true);
  });
});

describe("tickets of CRM records", () => {
  it("take the requester from a contact and show on the contact's timeline", async () => {
    const contact = await ok<{ id: string }>(
      agent.request("POST", "/api/v1/crm/contacts", {
        name: "নাসরিন আক্তার",
        phone: "01912345678",
        email: "nasrin@example.com",
        locale: "bn",
        territoryId: ownTerritoryId,
      }),
      "a contact",
    );
    const ticket = await newTicket(agent, {
      contactId: contact.id,
      requesterName: undefined,
      requesterPhone: undefined,
      subject: "বিল ভুল এসেছে",
      type: "complaint",
    });
    expect(ticket).toMatchObject({
      contactId: contact.id,
      requesterName: "নাসরিন আক্তার",
      requesterEmail: "nasrin@example.com",
      territoryId: ownTerritoryId,
    });
    // An email from the contact's address is filed under the contact.
    const mail = await ok<{ ticketId: string }>(
      agent.request("POST", "/api/v1/service/inbound-email", {
        raw: "From: Nasrin <NASRIN@example.com>\r\nSubject: Invoice\r\nContent-Type: text/plain\r\n\r\nWrong total",
      }),
      "an email from the contact",
    );
    const byMail = await ok<Ticket>(agent.request("GET", `/api/v1/service/tickets/${mail.ticketId}`), "the ticket");
    expect(byMail.contactId).toBe(contact.id);

    const timeline = await ok<{ items: { kind: string; title: string; link: { id: string } | null }[] }>(
      agent.request("GET", `/api/v1/crm/timeline?type=contact&id=${contact.id}`, undefined, {
        "accept-language": "bn",
      }),
      "the contact's timeline",
    );
    const tickets = timeline.items.filter((i) => i.kind === "ticket");
    expect(tickets.map((i) => i.link?.id)).toEqual(expect.arrayContaining([ticket.id, mail.ticketId]));
    expect(tickets.find((i) => i.link?.id === ticket.id)?.title).toBe(`টিকিট ${ticket.number}: বিল ভুল এসেছে`);

    // Another org's contact id is not found.
    const foreign = await adminB.request("POST", "/api/v1/service/tickets", {
      type: "question",
      subject: "x",
      contactId: contact.id,
    });
    expect(foreign.statusCode).toBe(404);
    expect(errorCode(foreign)).toBe("service.contact_not_found");
  });
});

describe("the demo", () => {
  it("adds tickets at every stage and a published FAQ in both languages that the public search finds", async () => {
    const { seedServiceDemo } = await import("./service-demo.ts");
    const summary = await seedServiceDemo(db(), t.orgB.orgId, { seed: "service-demo-test" });
    expect(summary).toEqual({ tickets: 7, articles: 6 });
    const statuses = await sql<{ status: string }>`select distinct status from tickets
      where org_id = ${t.orgB.orgId} and number in (select number from tickets where org_id = ${t.orgB.orgId})`.execute(
      db(),
    );
    expect(new Set(statuses.rows.map((r) => r.status))).toEqual(
      new Set(["new", "open", "pending", "resolved", "closed"]),
    );
    const bn = await t.app.inject({
      method: "GET",
      url: `/api/v1/public/orgs/org-b/faq?lang=bn&q=${encodeURIComponent("ডেলিভারি")}`,
    });
    expect(bn.json().items.length).toBeGreaterThan(0);
    const en = await t.app.inject({ method: "GET", url: "/api/v1/public/orgs/org-b/faq?lang=en&q=delivery" });
    expect(en.json().items.map((a: { title: string }) => a.title)).toContain("Damaged goods in a delivery");
  });
});
