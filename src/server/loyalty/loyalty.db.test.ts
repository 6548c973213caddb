// Loyalty against a real database: points earned on real delivered memos and taken back by a real return (both made
// through the orders API), the earning run posting once however often it runs, FIFO expiry, redemptions that cannot
// overspend, statements, and who sees which member (another org, another outlet: 404).
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businessDate } from "../../shared/format.ts";
import { ensureAccountForOutlet } from "../crm/accounts.service.ts";
import { systemCtx } from "../platform/context.ts";
import { errorCode, hasBengali } from "../testing/assertions.ts";
import { createSalesFixture, type SalesFixture } from "../testing/sales-fixture.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, ORG_B_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";
import { seedLoyaltyDemo } from "./loyalty-demo.ts";
import { runEarning, runExpiries } from "./loyalty-earning.ts";
import { runLoyaltyJob } from "./loyalty-jobs.ts";
import { loyaltyTimelineItems } from "./loyalty-timeline.service.ts";
import { addMonths } from "./points-ledger.ts";
import { inviteForTriggers } from "./surveys.service.ts";

let t: TestApp;
let f: SalesFixture;
let admin: Caller;
let marketing: Caller;
let rep: Caller;
let distributor: Caller;
let retailer: Caller;
let otherOrg: Caller;
let programId: string;

beforeAll(async () => {
  t = await createTestApp();
  f = await createSalesFixture(t.database.handle.db, t.orgA, { biscuitStock: 2_000 });
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
  marketing = await signIn(t.app, `marketing@${ORG_A_DOMAIN}`);
  rep = await signIn(t.app, `rep@${ORG_A_DOMAIN}`);
  distributor = await signIn(t.app, `distributor@${ORG_A_DOMAIN}`);
  retailer = await signIn(t.app, `retailer@${ORG_A_DOMAIN}`);
  otherOrg = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
});
afterAll(() => t.close());

const db = () => t.database.handle.db;

/** A memo of biscuits (900 poisha a piece, no VAT) for an outlet, taken to delivered through the orders API. */
async function deliveredBiscuits(outletId: string, qty: number): Promise<string> {
  const created = await rep.request("POST", "/api/v1/secondary-orders", {
    outletId,
    lines: [{ skuId: f.biscuitId, qty }],
    confirm: true,
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  for (const step of ["invoice", "dispatch"]) {
    const r = await distributor.request("POST", `/api/v1/secondary-orders/${id}/${step}`);
    expect(r.statusCode, r.body).toBe(200);
  }
  const d = await distributor.request("POST", `/api/v1/secondary-orders/${id}/deliver`, {});
  expect(d.statusCode, d.body).toBe(200);
  expect(d.json().deliveredTotalPoisha).toBe(qty * 900);
  return id;
}

async function memberOf(caller: Caller, outletId: string) {
  const res = await caller.request("GET", `/api/v1/loyalty/members?programId=${programId}&limit=200`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { id: string; outletId: string; balance: number }[]).find((m) => m.outletId === outletId);
}

async function ledger(memberId: string) {
  return db()
    .selectFrom("loyalty_ledger")
    .select(["kind", "points", "source_type", "source_key", "multiplier_bp", "expires_on", "entry_date"])
    .where("org_id", "=", t.orgA.orgId)
    .where("member_id", "=", memberId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}
const sumOf = (rows: { points: number }[]) => rows.reduce((s, r) => s + r.points, 0);

describe("loyalty points ledger", () => {
  let memberId: string;
  let orderA: string;

  it("a marketing user sets up a program with tiers; a rep may not", async () => {
    const body = {
      name: "Dokan Rewards",
      nameBn: "দোকান রিওয়ার্ডস",
      pointsPer100Taka: 5,
      outletChannels: ["grocery"],
      outletClasses: ["B"],
      expiryMonths: 6,
      tiers: [
        { name: "Silver", nameBn: "সিলভার", thresholdPoints: 0, multiplierBp: 10_000 },
        { name: "Gold", nameBn: "গোল্ড", thresholdPoints: 50, multiplierBp: 15_000 },
      ],
    };
    expect((await rep.request("POST", "/api/v1/loyalty/programs", body)).statusCode).toBe(403);
    const dup = await marketing.request("POST", "/api/v1/loyalty/programs", {
      ...body,
      tiers: [body.tiers[0], { ...body.tiers[1], thresholdPoints: 0 }],
    });
    expect(errorCode(dup)).toBe("loyalty.tier_duplicate");
    const res = await marketing.request("POST", "/api/v1/loyalty/programs", body);
    expect(res.statusCode, res.body).toBe(201);
    programId = res.json().id;
    expect(res.json().tiers).toHaveLength(2);
  });

  it("earns on a delivered memo, times the tier multiplier; the run posts once however often it runs", async () => {
    // ৳1,080 delivered at 5 points per ৳100 = 54 points (Silver, x1).
    orderA = await deliveredBiscuits(f.outletId, 120);
    const run = await admin.request("POST", "/api/v1/loyalty/earn-runs");
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json().earned).toBeGreaterThanOrEqual(1);
    const m = await memberOf(admin, f.outletId);
    if (!m) throw new Error("the fixture outlet was not enrolled");
    memberId = m.id;
    const first = await ledger(memberId);
    const earnA = first.find((r) => r.source_key === `order:${orderA}`);
    expect(earnA).toMatchObject({ kind: "earn", points: 54, multiplier_bp: 10_000 });
    expect(earnA?.expires_on).toBe(addMonths(earnA?.entry_date as string, 6));

    const again = await admin.request("POST", "/api/v1/loyalty/earn-runs");
    expect(again.json().earned).toBe(0);
    // Two runs at once (and one started from the job) still post nothing twice.
    await Promise.all([
      runEarning(db(), t.orgA.orgId),
      runEarning(db(), t.orgA.orgId),
      runLoyaltyJob(
        db(),
        pino({ level: "silent" }),
        { configured: false, send: async () => ({ messageId: "", rejected: [] }) },
        "http://x",
      ),
    ]);
    expect(await ledger(memberId)).toEqual(first);

    // ৳900 more: the member has 54 points in the last 12 months, past Gold's 50: 45 x 1.5 = 67.5 -> 67.
    const orderB = await deliveredBiscuits(f.outletId, 100);
    const [r1, r2] = await Promise.all([runEarning(db(), t.orgA.orgId), runEarning(db(), t.orgA.orgId)]);
    expect(r1.earned + r2.earned).toBeGreaterThanOrEqual(1);
    const rows = await ledger(memberId);
    expect(rows.filter((r) => r.source_key === `order:${orderB}`)).toEqual([
      expect.objectContaining({ kind: "earn", points: 67, multiplier_bp: 15_000 }),
    ]);
  });

  it("a return takes back its share of the memo's points, once", async () => {
    // 40 of 120 biscuits back: a third of ৳1,080, so a third of 54 = 18 points.
    const ret = await distributor.request("POST", `/api/v1/secondary-orders/${orderA}/returns`, {
      reason: "crushed packs",
      lines: [{ lineNo: 1, qty: 40, condition: "damaged" }],
    });
    expect(ret.statusCode, ret.body).toBe(200);
    await runEarning(db(), t.orgA.orgId);
    await runEarning(db(), t.orgA.orgId);
    const rows = await ledger(memberId);
    expect(rows.filter((r) => r.kind === "reverse")).toEqual([
      expect.objectContaining({ points: -18, source_type: "return" }),
    ]);
    // Balance = sum of the ledger: 54 + 67 - 18.
    expect(sumOf(rows)).toBe(103);
    expect((await memberOf(admin, f.outletId))?.balance).toBe(103);
  });

  it("two redemptions at once cannot spend the same points; a cancelled one gives them back", async () => {
    const reward = await marketing.request("POST", "/api/v1/loyalty/rewards", {
      programId,
      name: "Rice cooker",
      nameBn: "রাইস কুকার",
      pointsCost: 60,
      stock: 5,
    });
    expect(reward.statusCode, reward.body).toBe(201);
    const rewardId = reward.json().id;
    const tries = await Promise.all([
      retailer.request("POST", `/api/v1/loyalty/members/${memberId}/redemptions`, { rewardId }),
      retailer.request("POST", `/api/v1/loyalty/members/${memberId}/redemptions`, { rewardId }),
    ]);
    expect(tries.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const refused = tries.find((r) => r.statusCode === 409);
    expect(errorCode(refused as NonNullable<typeof refused>)).toBe("loyalty.not_enough_points");
    expect(
      hasBengali(
        (
          await retailer.request(
            "POST",
            `/api/v1/loyalty/members/${memberId}/redemptions`,
            { rewardId },
            { "accept-language": "bn" },
          )
        ).json().error.message,
      ),
    ).toBe(true);
    expect(sumOf(await ledger(memberId))).toBe(43);
    const stock = (await admin.request("GET", `/api/v1/loyalty/rewards?programId=${programId}`)).json().items[0].stock;
    expect(stock).toBe(4);

    // Another redemption, cancelled: the points come back as a new lot.
    await admin.request("POST", `/api/v1/loyalty/members/${memberId}/adjustments`, { points: 20, note: "festival" });
    const second = await retailer.request("POST", `/api/v1/loyalty/members/${memberId}/redemptions`, { rewardId });
    expect(second.statusCode, second.body).toBe(201);
    const cancelled = await retailer.request("POST", `/api/v1/loyalty/redemptions/${second.json().id}/cancel`);
    expect(cancelled.json().status).toBe("cancelled");
    expect(sumOf(await ledger(memberId))).toBe(63);
    const twice = await admin.request("POST", `/api/v1/loyalty/redemptions/${second.json().id}/fulfil`);
    expect(errorCode(twice)).toBe("loyalty.redemption_not_pending");
    // Back to 43 so the expiry below is worked on the earned lots only.
    await admin.request("POST", `/api/v1/loyalty/members/${memberId}/adjustments`, {
      points: -20,
      note: "festival undone",
    });
  });

  it("expiry posts what is left of each lot, oldest spent first (FIFO), once", async () => {
    // Worked by hand, in posting order (all today): lots A +54, B +67; return -18 (A 36); redemption -60 (A 0,
    // B 43); +20 (lot C); redemption -60 (B 0, C 3); cancelled: +60 (lot D); -20 (C 0, D 43). Left: D's 43, which
    // expires six months from today; nothing expires before that.
    const before = sumOf(await ledger(memberId));
    expect(before).toBe(43);
    const later = addMonths(businessDate(), 7);
    await runExpiries(db(), t.orgA.orgId, later);
    await runExpiries(db(), t.orgA.orgId, later);
    const rows = await ledger(memberId);
    const expired = rows.filter((r) => r.kind === "expire");
    expect(sumOf(expired)).toBe(-43);
    expect(sumOf(rows)).toBe(0);
    expect(expired.map((r) => r.entry_date)).toEqual([addMonths(businessDate(), 6)]);
  });

  it("the statement shows opening, movements and closing; CSV too", async () => {
    const today = businessDate();
    const st = await retailer.request("GET", `/api/v1/loyalty/members/${memberId}/statement?from=${today}&to=${today}`);
    expect(st.statusCode, st.body).toBe(200);
    const s = st.json();
    expect(s.opening + s.movements.reduce((n: number, m: { points: number }) => n + m.points, 0)).toBe(s.closing);
    expect(s.movements.at(-1).balanceAfter).toBe(s.closing);
    const csv = await retailer.request("GET", `/api/v1/loyalty/members/${memberId}/statement.csv`, undefined, {
      "accept-language": "bn",
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body.startsWith("\uFEFF")).toBe(true);
    expect(csv.body).toContain("শুরুর ব্যালান্স");
  });

  it("a retailer sees only its own outlet's member; another org sees none (404)", async () => {
    await deliveredBiscuits(f.secondOutletId, 20);
    await runEarning(db(), t.orgA.orgId);
    const other = await memberOf(admin, f.secondOutletId);
    if (!other) throw new Error("the second outlet was not enrolled");
    const mine = (await retailer.request("GET", "/api/v1/loyalty/members")).json().items;
    expect(mine.map((m: { outletId: string }) => m.outletId)).toEqual([f.outletId]);
    const res = await retailer.request("GET", `/api/v1/loyalty/members/${other.id}/statement`);
    expect(res.statusCode).toBe(404);
    expect(errorCode(res)).toBe("loyalty.member_not_found");
    expect(
      (await retailer.request("POST", `/api/v1/loyalty/members/${other.id}/redemptions`, { rewardId: memberId }))
        .statusCode,
    ).toBe(404);
    expect((await otherOrg.request("GET", `/api/v1/loyalty/members/${memberId}`)).statusCode).toBe(404);
    expect((await otherOrg.request("GET", "/api/v1/loyalty/members")).json().items).toEqual([]);
    expect(
      (
        await otherOrg.request("PUT", `/api/v1/loyalty/programs/${programId}`, {
          name: "x",
          nameBn: "x",
          pointsPer100Taka: 1,
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe("surveys", () => {
  let surveyId: string;
  const accounts: Record<string, string> = {};

  beforeAll(async () => {
    for (const [k, outletId] of Object.entries({ own: f.outletId, second: f.secondOutletId, far: f.farOutletId }))
      accounts[k] = (await ensureAccountForOutlet(db(), t.orgA.orgId, outletId)).id;
  });

  it("a token answers once; another org's token is 404", async () => {
    const s = await marketing.request("POST", "/api/v1/surveys", {
      kind: "nps",
      name: "After delivery",
      question: "How likely are you to recommend us to another shop?",
      questionBn: "অন্য দোকানকে আমাদের সুপারিশ করার সম্ভাবনা কতটা?",
      trigger: "manual",
    });
    expect(s.statusCode, s.body).toBe(201);
    surveyId = s.json().id;
    const inv = await marketing.request("POST", `/api/v1/surveys/${surveyId}/invitations`, {
      accountId: accounts.own,
      locale: "bn",
    });
    expect(inv.statusCode, inv.body).toBe(201);
    const token = inv.json().token as string;
    expect(inv.json().link).toBe(`/s/${token}`);
    const page = await t.app.inject({ method: "GET", url: `/api/v1/public/surveys/${token}` });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({ kind: "nps", locale: "bn", answered: false });
    const bad = await t.app.inject({ method: "POST", url: `/api/v1/public/surveys/${token}`, payload: { score: 11 } });
    expect(bad.statusCode).toBe(400);
    const answer = await t.app.inject({
      method: "POST",
      url: `/api/v1/public/surveys/${token}`,
      payload: { score: 10, comment: "ভালো সেবা", locale: "bn" },
    });
    expect(answer.statusCode, answer.body).toBe(200);
    const again = await t.app.inject({
      method: "POST",
      url: `/api/v1/public/surveys/${token}`,
      payload: { score: 0 },
      headers: { "accept-language": "bn" },
    });
    expect(again.statusCode).toBe(409);
    expect(hasBengali(again.json().error.message)).toBe(true);
    expect((await t.app.inject({ method: "GET", url: `/api/v1/public/surveys/${token}` })).json().answered).toBe(true);
    // The same random part under org B's id: not found.
    const forged = `${t.orgB.orgId.replace(/-/g, "")}${token.slice(32)}`;
    const other = await t.app.inject({ method: "GET", url: `/api/v1/public/surveys/${forged}` });
    expect(other.statusCode).toBe(404);
    expect(errorCode(other)).toBe("surveys.invitation_not_found");
    expect((await otherOrg.request("GET", `/api/v1/surveys/${surveyId}/results`)).statusCode).toBe(404);
  });

  it("NPS by segment equals the hand-worked figures", async () => {
    const answer = async (accountId: string, score: number) => {
      const inv = await marketing.request("POST", `/api/v1/surveys/${surveyId}/invitations`, { accountId });
      expect(inv.statusCode, inv.body).toBe(201);
      const r = await t.app.inject({
        method: "POST",
        url: `/api/v1/public/surveys/${inv.json().token}`,
        payload: { score },
      });
      expect(r.statusCode, r.body).toBe(200);
    };
    // own: 10 (above); second: 3; far: 9; own again: 7.
    await answer(accounts.second as string, 3);
    await answer(accounts.far as string, 9);
    await answer(accounts.own as string, 7);
    // Overall: promoters 10, 9; passive 7; detractor 3: (2 - 1) / 4 = 25.
    // By territory: the rep's territory (own, second): 10, 3, 7 -> (1 - 1) / 3 = 0; the far one: 9 -> 100.
    const res = await marketing.request("GET", `/api/v1/surveys/${surveyId}/results?segment=territory`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.overall).toEqual({ responses: 4, positive: 2, neutral: 1, negative: 1, score: 25 });
    expect(r.segments.map((s: { responses: number; score: number }) => [s.responses, s.score])).toEqual([
      [3, 0],
      [1, 100],
    ]);
    expect(r.segments[0].label).not.toBe(r.segments[0].key);
    const byChannel = (await marketing.request("GET", `/api/v1/surveys/${surveyId}/results?segment=channel`)).json();
    expect(byChannel.segments).toEqual([expect.objectContaining({ key: "grocery", responses: 4, score: 25 })]);
  });

  it("a delivery survey invites after a delivery, and the job emails the link after commit", async () => {
    const { startSmtpReceiver, waitForMail } = await import("../testing/smtp-receiver.ts");
    const { createMailer } = await import("../platform/mail/mailer.ts");
    const { sendInvitationEmails, inviteForTriggers } = await import("./surveys.service.ts");
    const receiver = await startSmtpReceiver();
    const mailer = createMailer({ url: receiver.url, from: "Bikri <no-reply@bikri.app>" }, { timeoutMs: 5_000 });
    try {
      const s = await marketing.request("POST", "/api/v1/surveys", {
        kind: "csat",
        name: "Delivery CSAT",
        question: "How satisfied are you with the delivery?",
        questionBn: "ডেলিভারিতে আপনি কতটা সন্তুষ্ট?",
        trigger: "delivery",
      });
      expect(s.statusCode, s.body).toBe(201);
      await db()
        .updateTable("accounts")
        .set({ email: "mudi.dokan@example.com" })
        .where("org_id", "=", t.orgA.orgId)
        .where("id", "=", accounts.own as string)
        .execute();
      const orderId = await deliveredBiscuits(f.outletId, 5);
      expect(await inviteForTriggers(db(), t.orgA.orgId)).toBeGreaterThanOrEqual(1);
      expect(await inviteForTriggers(db(), t.orgA.orgId)).toBe(0);
      const invs = (await marketing.request("GET", `/api/v1/surveys/${s.json().id}/invitations`)).json().items;
      // The first run looks back a day, so the earlier memos of the test are invited too: one each.
      const own = invs.filter((i: { accountId: string }) => i.accountId === accounts.own);
      expect(new Set(own.map((i: { sourceId: string }) => i.sourceId)).size).toBe(own.length);
      const mine = own.filter((i: { sourceId: string }) => i.sourceId === orderId);
      expect(mine).toEqual([expect.objectContaining({ sourceType: "order", emailStatus: "pending" })]);
      const sent = await sendInvitationEmails(db(), t.orgA.orgId, mailer, "https://bikri.example");
      expect(sent).toEqual({ sent: own.length, failed: 0 });
      await waitForMail(receiver, own.length);
      const mail = receiver.received.find((m) => m.parsed.text?.includes(mine[0].token));
      expect(mail?.envelope.to).toEqual(["mudi.dokan@example.com"]);
      expect(mail?.parsed.text).toContain(`https://bikri.example/s/${mine[0].token}`);
      expect(mail?.parsed.text).toContain("ডেলিভারিতে আপনি কতটা সন্তুষ্ট?");
      expect(await sendInvitationEmails(db(), t.orgA.orgId, mailer, "https://bikri.example")).toEqual({
        sent: 0,
        failed: 0,
      });
      // A CSAT answer outside 1-5 is refused with the scale.
      const zero = await t.app.inject({
        method: "POST",
        url: `/api/v1/public/surveys/${mine[0].token}`,
        payload: { score: 0 },
      });
      expect(errorCode(zero)).toBe("surveys.score_out_of_scale");
    } finally {
      mailer.close();
      await receiver.stop();
    }
  });
});

describe("surveys after a closed ticket, the timeline and the demo", () => {
  it("a CSAT survey invites after a ticket is closed, with the ticket type as its segment", async () => {
    const s = await marketing.request("POST", "/api/v1/surveys", {
      kind: "csat",
      name: "Service desk CSAT",
      question: "How satisfied are you with our answer?",
      questionBn: "আমাদের উত্তরে আপনি কতটা সন্তুষ্ট?",
      trigger: "ticket",
    });
    expect(s.statusCode, s.body).toBe(201);
    const ticket = await admin.request("POST", "/api/v1/service/tickets", {
      type: "complaint",
      subject: "Crushed biscuit packs",
      requesterName: "রহিম",
      requesterEmail: "rahim@example.com",
    });
    expect(ticket.statusCode, ticket.body).toBe(201);
    for (const status of ["resolved", "closed"]) {
      const r = await admin.request("POST", `/api/v1/service/tickets/${ticket.json().id}/status`, {
        status,
        ...(status === "resolved" && { resolution: "Replaced" }),
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    expect(await inviteForTriggers(db(), t.orgA.orgId)).toBeGreaterThanOrEqual(1);
    const invs = (await marketing.request("GET", `/api/v1/surveys/${s.json().id}/invitations`)).json().items;
    expect(invs).toEqual([
      expect.objectContaining({ sourceType: "ticket", sourceId: ticket.json().id, email: "rahim@example.com" }),
    ]);
    const answered = await t.app.inject({
      method: "POST",
      url: `/api/v1/public/surveys/${invs[0].token}`,
      payload: { score: 4 },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const byType = (
      await marketing.request("GET", `/api/v1/surveys/${s.json().id}/results?segment=ticket_type`)
    ).json();
    expect(byType.segments).toEqual([expect.objectContaining({ key: "complaint", responses: 1, score: 100 })]);
  });

  it("the account's timeline shows its points and its survey answers, in Bengali", async () => {
    const account = (await ensureAccountForOutlet(db(), t.orgA.orgId, f.outletId)).id;
    const items = await loyaltyTimelineItems(
      db(),
      { ...systemCtx(db(), t.orgA.orgId), locale: "bn" },
      [{ type: "account", id: account }],
      { before: new Date(), limit: 100 },
    );
    expect(items.some((i) => i.kind === "loyalty" && i.title === "অর্জিত: +৫৪ পয়েন্ট")).toBe(true);
    expect(items.some((i) => i.kind === "survey" && i.title.startsWith("NPS উত্তর"))).toBe(true);
    expect(items.map((i) => i.at)).toEqual([...items.map((i) => i.at)].sort().reverse());
  });

  it("a referred lead that converts gives the referrer its bonus once; the report follows code -> leads -> converted", async () => {
    // Earlier tests' memos are earned first, so only the bonus moves the balance below.
    await runEarning(db(), t.orgA.orgId);
    const m = await memberOf(admin, f.outletId);
    if (!m) throw new Error("no member");
    const code = (await admin.request("GET", `/api/v1/loyalty/members/${m.id}`)).json().referralCode as string;
    const program = (await admin.request("GET", "/api/v1/loyalty/programs")).json().items[0];
    const set = await marketing.request("PUT", `/api/v1/loyalty/programs/${programId}`, {
      name: program.name,
      nameBn: program.nameBn,
      pointsPer100Taka: program.pointsPer100Taka,
      outletChannels: program.outletChannels,
      outletClasses: program.outletClasses,
      expiryMonths: program.expiryMonths,
      referralBonusPoints: 25,
      tiers: program.tiers.map(({ id: _, ...tier }: { id: string }) => tier),
    });
    expect(set.statusCode, set.body).toBe(200);
    const lead = (name: string) =>
      admin.request("POST", "/api/v1/crm/leads", { name, phone: "01712345678", referralCode: code });
    const converted = await lead("Karim Stores");
    expect(converted.statusCode, converted.body).toBe(201);
    const open = await lead("Salam Traders");
    expect(open.statusCode, open.body).toBe(201);
    const conv = await admin.request("POST", `/api/v1/crm/leads/${converted.json().id}/convert`, {
      account: { name: "Karim Stores" },
      contact: { create: true },
      deal: null,
    });
    expect(conv.statusCode, conv.body).toBe(200);
    const before = sumOf(await ledger(m.id));
    await runEarning(db(), t.orgA.orgId);
    await runEarning(db(), t.orgA.orgId);
    const bonus = (await ledger(m.id)).filter((r) => r.source_type === "referral");
    expect(bonus).toEqual([expect.objectContaining({ kind: "earn", points: 25 })]);
    expect(sumOf(await ledger(m.id))).toBe(before + 25);
    const report = (await marketing.request("GET", "/api/v1/loyalty/referrals")).json().items;
    expect(report.find((r: { code: string }) => r.code === code)).toMatchObject({
      leads: 2,
      converted: 1,
      bonusPoints: 25,
      shareUrl: `?ref=${code}`,
    });
  });

  it("the demo adds a program with members, earned points, a redemption and survey answers", async () => {
    const orgId = t.orgB.orgId;
    const demo = await seedLoyaltyDemo(db(), orgId, { outletClasses: ["A", "B", "C"], answers: 5 });
    expect(demo.members).toBeGreaterThan(0);
    expect(demo.earned).toBeGreaterThan(0);
    expect(demo.redemptions).toBe(1);
    expect(demo.answers).toBe(Math.min(5, demo.members));
    const sums = await db()
      .selectFrom("loyalty_ledger")
      .select((eb) => eb.fn.sum<number>("points").as("points"))
      .where("org_id", "=", orgId)
      .executeTakeFirstOrThrow();
    expect(Number(sums.points)).toBeGreaterThan(0);
  });
});
