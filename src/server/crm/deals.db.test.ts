// The sales path end to end: the default pipeline made on first use; deals created in its first stage; every stage
// change kept (from, to, who, when) with time in stage worked out over moves at controlled times; losing needs a
// reason (422 in both languages); won and lost follow the stage's kind and moving back reopens; two people moving one
// card cannot both win; the board's totals; pipelines and lost reasons configured; the forecast by month and owner
// over real deals; scope (a rep outside the territory, another org: not found).
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DealDetailResponse, PipelineResponse } from "../../shared/contracts/deals.ts";
import { newId } from "../../shared/ids.ts";
import { type Actor, scopeFor } from "../platform/access.ts";
import type { Ctx } from "../platform/context.ts";
import { errorCode, hasBengali, must } from "../testing/assertions.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, ORG_B_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";
import { createDeal, dealRefsFor, moveDeal } from "./deals.service.ts";

let t: TestApp;
let admin: Caller;
let rep: Caller;
let manager: Caller;
let marketing: Caller;
let otherOrg: Caller;
let repCtx: Ctx;
let repId: string;
let repTerritoryId: string;
let farTerritoryId: string;
let pipeline: PipelineResponse;
const db = () => t.database.handle.db;
const orgId = () => t.orgA.orgId;

type Json = Record<string, unknown>;

async function ok<T = Json>(pending: Promise<{ statusCode: number; body: string; json(): unknown }>, what: string) {
  const res = await pending;
  if (res.statusCode >= 300) throw new Error(`${what} answered ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

async function account(name: string, territoryId: string | null, ownerUserId: string | null = null, org = orgId()) {
  const id = newId();
  await db()
    .insertInto("accounts")
    .values({ org_id: org, id, name, kind: "company", territory_id: territoryId, owner_user_id: ownerUserId })
    .execute();
  return id;
}

async function ctxOf(email: string): Promise<Ctx> {
  const r = await sql<{
    id: string;
    role: Actor["role"];
    name: string;
    territory_id: string | null;
    path: string | null;
  }>`select u.id, u.role, u.name, u.territory_id, t.path from users u
     left join territories t on t.org_id = u.org_id and t.id = u.territory_id
     where u.email = ${email}`.execute(db());
  const u = must(r.rows[0], email);
  return {
    db: db(),
    locale: "en",
    requestId: null,
    ip: null,
    userAgent: null,
    actor: {
      orgId: orgId(),
      userId: u.id,
      role: u.role,
      name: u.name,
      email,
      locale: "en",
      scope: scopeFor(u.role, { territory_id: u.territory_id, distributor_id: null, outlet_id: null }, u.path),
      via: "session",
    },
  };
}

const stage = (name: string) =>
  must(
    pipeline.stages.find((s) => s.name === name),
    `stage ${name}`,
  );

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
  rep = await signIn(t.app, `rep@${ORG_A_DOMAIN}`);
  manager = await signIn(t.app, `manager@${ORG_A_DOMAIN}`);
  marketing = await signIn(t.app, `marketing@${ORG_A_DOMAIN}`);
  otherOrg = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
  repCtx = await ctxOf(`rep@${ORG_A_DOMAIN}`);
  repId = repCtx.actor.userId;
  repTerritoryId = must(
    repCtx.actor.scope.kind === "territory" ? repCtx.actor.scope.territoryId : null,
    "rep territory",
  );
  const far = await sql<{ id: string }>`
    select id from territories where org_id = ${orgId()} and level = 'territory'
      and path not like (select path || '%' from territories where org_id = ${orgId()} and code = 'DHA')
    order by code limit 1`.execute(db());
  farTerritoryId = must(far.rows[0]?.id, "a territory outside Dhaka");
}, 120_000);

afterAll(() => t?.close());

describe("pipelines", () => {
  it("gives an org a default pipeline on first use, in Bengali and English, with its probabilities", async () => {
    const { items } = await ok<{ items: PipelineResponse[] }>(rep.request("GET", "/api/v1/crm/pipelines"), "list");
    expect(items).toHaveLength(1);
    pipeline = must(items[0], "default pipeline");
    expect(pipeline.isDefault).toBe(true);
    expect(pipeline.stages.map((s) => [s.name, s.kind, s.probabilityBp])).toEqual([
      ["First contact", "open", 1000],
      ["Qualified", "open", 2500],
      ["Proposal", "open", 5000],
      ["Negotiation", "open", 7500],
      ["Won", "won", 10000],
      ["Lost", "lost", 0],
      ["Onboarding", "after_sale", 10000],
      ["Loyal", "after_sale", 10000],
    ]);
    expect(pipeline.stages.every((s) => hasBengali(s.nameBn) && hasBengali(s.playbook.messageBn))).toBe(true);
    // Asking again (and another org) makes no second one.
    const again = await ok<{ items: PipelineResponse[] }>(admin.request("GET", "/api/v1/crm/pipelines"), "again");
    expect(again.items.map((p) => p.id)).toEqual([pipeline.id]);
    const lost = await ok<{ items: unknown[] }>(rep.request("GET", "/api/v1/crm/lost-reasons"), "reasons");
    expect(lost.items.length).toBeGreaterThanOrEqual(3);
  });

  it("shows the default pipeline before its first use without writing it, with the ids it is then made with", async () => {
    const count = async () =>
      Number(
        (await sql<{ n: string }>`select count(*) as n from pipelines where org_id = ${t.orgB.orgId}`.execute(db()))
          .rows[0]?.n,
      );
    const seen = await ok<{ items: PipelineResponse[] }>(otherOrg.request("GET", "/api/v1/crm/pipelines"), "preview");
    const reasons = await ok<{ items: { id: string }[] }>(otherOrg.request("GET", "/api/v1/crm/lost-reasons"), "r");
    await ok(otherOrg.request("GET", "/api/v1/crm/deals/board"), "board");
    expect(await count()).toBe(0);
    const preview = must(seen.items[0], "preview");
    const accountId = await account("Org B shop", null, null, t.orgB.orgId);
    const d = await ok<DealDetailResponse>(
      otherOrg.request("POST", "/api/v1/crm/deals", { name: "B", accountId, amountPoisha: 1 }),
      "first deal",
    );
    expect(await count()).toBe(1);
    expect(d.pipelineId).toBe(preview.id);
    expect(d.stageId).toBe(preview.stages[0]?.id);
    const after = await ok<{ items: { id: string }[] }>(otherOrg.request("GET", "/api/v1/crm/lost-reasons"), "r2");
    expect(after.items.map((r) => r.id)).toEqual(reasons.items.map((r) => r.id));
  });

  it("lets the admin add a pipeline with a playbook per stage, and refuses one without a lost stage", async () => {
    const body = {
      name: "Distributor onboarding",
      nameBn: "ডিস্ট্রিবিউটর অনবোর্ডিং",
      stages: [
        {
          name: "Application",
          nameBn: "আবেদন",
          kind: "open",
          probabilityBp: 2000,
          playbook: {
            channel: "visit",
            message: "Check the warehouse",
            messageBn: "গুদাম দেখুন",
            templates: [{ title: "Application form", url: "https://example.com/form.pdf" }],
            checklist: [{ text: "Trade licence seen", textBn: "ট্রেড লাইসেন্স দেখা হয়েছে" }],
          },
        },
        { name: "Signed", nameBn: "চুক্তি", kind: "won", probabilityBp: 10000 },
        { name: "Dropped", nameBn: "বাদ", kind: "lost", probabilityBp: 0 },
      ],
    };
    const created = await ok<PipelineResponse>(admin.request("POST", "/api/v1/crm/pipelines", body), "create");
    expect(created.stages[0]?.playbook.templates).toEqual([
      { title: "Application form", url: "https://example.com/form.pdf" },
    ]);
    expect(created.isDefault).toBe(false);
    expect((await rep.request("POST", "/api/v1/crm/pipelines", body)).statusCode).toBe(403);
    const noLost = await admin.request(
      "POST",
      "/api/v1/crm/pipelines",
      { ...body, stages: [body.stages[0], body.stages[1], { ...body.stages[1], name: "Signed 2" }] },
      { "accept-language": "bn" },
    );
    expect(noLost.statusCode).toBe(422);
    expect(errorCode(noLost)).toBe("deals.pipeline_needs_stages");
    expect(hasBengali((noLost.json() as { error: { message: string } }).error.message)).toBe(true);
    // A javascript: link is not a link.
    const bad = structuredClone(body);
    (bad.stages[0] as { playbook: { templates: unknown[] } }).playbook.templates = [
      { title: "x", url: "javascript:alert(1)" },
    ];
    expect((await admin.request("POST", "/api/v1/crm/pipelines", bad)).statusCode).toBe(400);
  });
});

describe("deals", () => {
  it("records every stage change with who and when, and works out time in stage over moves at set times", async () => {
    const accountId = await account("Tongi Traders", repTerritoryId);
    const t0 = new Date("2026-11-01T04:00:00Z");
    const hour = 3_600_000;
    const created = await createDeal(
      repCtx,
      { name: "Tongi Traders: biscuits", accountId, amountPoisha: 250_000_00, expectedClose: "2026-12-15" },
      t0,
    );
    expect(created.stageName).toBe("First contact");
    expect(created.status).toBe("open");
    expect(created.ownerUserId).toBe(repId);
    expect(created.territoryId).toBe(repTerritoryId);
    let d: DealDetailResponse = created;
    const move = async (stageName: string, hours: number, extra: Json = {}) => {
      d = await moveDeal(
        repCtx,
        d.id,
        { stageId: stage(stageName).id, version: d.version, ...extra },
        new Date(t0.getTime() + hours * hour),
      );
      return d;
    };
    await move("Qualified", 30);
    await move("Proposal", 30 + 50);
    await move("Qualified", 30 + 50 + 4);
    await move("Negotiation", 30 + 50 + 4 + 10);
    expect(d.history.map((h) => [h.stageName, h.seconds, h.actorName !== null])).toEqual([
      ["First contact", 30 * 3600, true],
      ["Qualified", 50 * 3600, true],
      ["Proposal", 4 * 3600, true],
      ["Qualified", 10 * 3600, true],
      // Still there: until now.
      ["Negotiation", expect.any(Number), true],
    ]);
    expect(d.history[4]?.leftAt).toBeNull();
    expect(d.history.map((h) => h.fromStageId)).toEqual([
      null,
      stage("First contact").id,
      stage("Qualified").id,
      stage("Proposal").id,
      stage("Qualified").id,
    ]);
    expect(d.secondsByStage[stage("Qualified").id]).toBe(60 * 3600);
    const rows = await db()
      .selectFrom("deal_stage_changes")
      .select(["actor_user_id", "at"])
      .where("org_id", "=", orgId())
      .where("deal_id", "=", d.id)
      .orderBy("at")
      .execute();
    expect(rows.map((r) => r.actor_user_id)).toEqual(Array(5).fill(repId));
    expect(rows[4]?.at.toISOString()).toBe(new Date(t0.getTime() + 94 * hour).toISOString());
    // Read over HTTP later, the current stage's time runs on.
    const read = await ok<DealDetailResponse>(rep.request("GET", `/api/v1/crm/deals/${d.id}`), "read");
    expect(read.history[4]?.seconds).toBeGreaterThan(0);
    expect(read.pipeline.stages.find((s) => s.id === read.stageId)?.playbook.channel).toBe("meeting");
  });

  it("refuses to lose a deal without a reason (422, in Bengali too); won and lost follow the stage; back reopens", async () => {
    const accountId = await account("Savar Mart", repTerritoryId);
    let d = await ok<DealDetailResponse>(
      rep.request("POST", "/api/v1/crm/deals", { name: "Savar Mart", accountId, amountPoisha: 80_000_00 }),
      "create",
    );
    const noReason = await rep.request(
      "POST",
      `/api/v1/crm/deals/${d.id}/move`,
      { stageId: stage("Lost").id, version: d.version },
      { "accept-language": "bn" },
    );
    expect(noReason.statusCode).toBe(422);
    expect(errorCode(noReason)).toBe("deals.lost_reason_required");
    expect(hasBengali((noReason.json() as { error: { message: string } }).error.message)).toBe(true);
    const reasons = await ok<{ items: { id: string }[] }>(rep.request("GET", "/api/v1/crm/lost-reasons"), "reasons");
    const reasonId = must(reasons.items[0]?.id, "a lost reason");
    d = await ok<DealDetailResponse>(
      rep.request("POST", `/api/v1/crm/deals/${d.id}/move`, {
        stageId: stage("Lost").id,
        version: d.version,
        lostReasonId: reasonId,
        note: "Went with the cheaper brand",
      }),
      "lose",
    );
    expect([d.status, d.lostReasonId, d.lostNote, d.closedAt !== null]).toEqual([
      "lost",
      reasonId,
      "Went with the cheaper brand",
      true,
    ]);
    d = await ok<DealDetailResponse>(
      rep.request("POST", `/api/v1/crm/deals/${d.id}/move`, { stageId: stage("Proposal").id, version: d.version }),
      "reopen",
    );
    expect([d.status, d.lostReasonId, d.closedAt]).toEqual(["open", null, null]);
    d = await ok<DealDetailResponse>(
      rep.request("POST", `/api/v1/crm/deals/${d.id}/move`, { stageId: stage("Won").id, version: d.version }),
      "win",
    );
    expect(d.status).toBe("won");
    const wonAt = d.closedAt;
    d = await ok<DealDetailResponse>(
      rep.request("POST", `/api/v1/crm/deals/${d.id}/move`, { stageId: stage("Onboarding").id, version: d.version }),
      "onboarding",
    );
    expect([d.status, d.closedAt]).toEqual(["won", wonAt]);
    expect(d.history.map((h) => h.stageName)).toEqual(["First contact", "Lost", "Proposal", "Won", "Onboarding"]);
    expect(d.history[1]?.lostReasonLabel).not.toBeNull();
  });

  it("lets only the first of two people moving the same card win; the second is told it changed (409)", async () => {
    const accountId = await account("Uttara Superstore", repTerritoryId);
    const d = await ok<DealDetailResponse>(
      rep.request("POST", "/api/v1/crm/deals", { name: "Uttara", accountId, amountPoisha: 10_000_00 }),
      "create",
    );
    const [a, b] = await Promise.all([
      rep.request("POST", `/api/v1/crm/deals/${d.id}/move`, { stageId: stage("Qualified").id, version: d.version }),
      manager.request("POST", `/api/v1/crm/deals/${d.id}/move`, { stageId: stage("Proposal").id, version: d.version }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(errorCode(loser)).toBe("deals.changed_meanwhile");
    const now = await ok<DealDetailResponse>(rep.request("GET", `/api/v1/crm/deals/${d.id}`), "read");
    expect(now.history).toHaveLength(2);
    expect(now.version).toBe(d.version + 1);
  });

  it("orders cards within a column and totals the board's columns, weighted by probability", async () => {
    const accountId = await account("Board Test Ltd", repTerritoryId);
    const mk = (name: string, amountPoisha: number) =>
      ok<DealDetailResponse>(
        rep.request("POST", "/api/v1/crm/deals", { name, accountId, amountPoisha, stageId: stage("Proposal").id }),
        name,
      );
    const [x, y, z] = [await mk("X", 10_000_00), await mk("Y", 20_000_00), await mk("Z", 30_001)];
    // Z to the top of the column.
    await ok(
      rep.request("POST", `/api/v1/crm/deals/${z.id}/move`, {
        stageId: stage("Proposal").id,
        version: z.version,
        index: 0,
      }),
      "reorder",
    );
    const board = await ok<{
      columns: {
        stage: { id: string };
        deals: { id: string }[];
        count: number;
        totalPoisha: number;
        weightedPoisha: number;
      }[];
    }>(rep.request("GET", `/api/v1/crm/deals/board?pipelineId=${pipeline.id}`), "board");
    const col = must(
      board.columns.find((c) => c.stage.id === stage("Proposal").id),
      "proposal column",
    );
    const mine = col.deals.map((d) => d.id).filter((id) => [x.id, y.id, z.id].includes(id));
    expect(mine).toEqual([z.id, x.id, y.id]);
    expect(col.totalPoisha).toBe(
      col.deals.reduce((s, d) => s + (d as unknown as { amountPoisha: number }).amountPoisha, 0),
    );
    // Each at 50%: half of each, half up (30,001 -> 15,001).
    expect(col.weightedPoisha).toBe(
      col.deals.reduce(
        (s, d) => s + Math.floor(((d as unknown as { amountPoisha: number }).amountPoisha * 5000 + 5000) / 10000),
        0,
      ),
    );
    expect(col.count).toBe(col.deals.length);
  });

  it("keeps deals in scope: another org and a rep outside the territory get 404; the owner sees theirs", async () => {
    const farAccount = await account("Khulna Wholesale", farTerritoryId);
    const far = await ok<DealDetailResponse>(
      admin.request("POST", "/api/v1/crm/deals", { name: "Khulna", accountId: farAccount, amountPoisha: 5_000_00 }),
      "far deal",
    );
    expect(far.ownerUserId).not.toBe(repId);
    for (const caller of [rep, otherOrg]) {
      const read = await caller.request("GET", `/api/v1/crm/deals/${far.id}`);
      expect(read.statusCode).toBe(404);
      expect(errorCode(read)).toBe("deals.not_found");
      const moved = await caller.request("POST", `/api/v1/crm/deals/${far.id}/move`, {
        stageId: stage("Qualified").id,
        version: far.version,
      });
      expect(moved.statusCode).toBe(404);
      const changed = await caller.request("PATCH", `/api/v1/crm/deals/${far.id}`, { amountPoisha: 1 });
      expect(changed.statusCode).toBe(404);
    }
    const repList = await ok<{ items: { id: string }[] }>(rep.request("GET", "/api/v1/crm/deals?limit=200"), "list");
    expect(repList.items.map((d) => d.id)).not.toContain(far.id);
    // A rep may not open a deal on an account outside their scope either.
    const onFar = await rep.request("POST", "/api/v1/crm/deals", {
      name: "sneaky",
      accountId: farAccount,
      amountPoisha: 1,
    });
    expect(onFar.statusCode).toBe(404);
    // Given to the rep as owner, the rep sees it even outside their territory.
    await ok(admin.request("PATCH", `/api/v1/crm/deals/${far.id}`, { ownerUserId: repId }), "reassign");
    expect((await rep.request("GET", `/api/v1/crm/deals/${far.id}`)).statusCode).toBe(200);
    // Marketing works org-wide.
    expect((await marketing.request("GET", `/api/v1/crm/deals/${far.id}`)).statusCode).toBe(200);
    // Other orgs' accounts are not found either.
    const bAccount = await account("Other org shop", null, null, t.orgB.orgId);
    const cross = await admin.request("POST", "/api/v1/crm/deals", { name: "x", accountId: bAccount, amountPoisha: 1 });
    expect(cross.statusCode).toBe(404);
  });

  it("names an account's and a contact's deals for the timeline", async () => {
    const accountId = await account("Timeline Co", repTerritoryId);
    const contactId = newId();
    await db()
      .insertInto("contacts")
      .values({ org_id: orgId(), id: contactId, name: "Shirin", account_id: null })
      .execute();
    const a = await ok<{ id: string }>(
      rep.request("POST", "/api/v1/crm/deals", { name: "A", accountId, amountPoisha: 1 }),
      "a",
    );
    const b = await ok<{ id: string }>(
      admin.request("POST", "/api/v1/crm/deals", {
        name: "B",
        accountId: await account("Else", null),
        contactId,
        amountPoisha: 1,
      }),
      "b",
    );
    const refs = await dealRefsFor(db(), orgId(), { accountIds: [accountId], contactIds: [contactId] });
    expect(refs).toEqual([a, b].map((x) => ({ type: "deal", id: x.id })).sort((p, q) => (p.id < q.id ? -1 : 1)));
    expect(await dealRefsFor(db(), t.orgB.orgId, { accountIds: [accountId], contactIds: [] })).toEqual([]);
    expect(await dealRefsFor(db(), orgId(), { accountIds: [], contactIds: [] })).toEqual([]);
  });
});

describe("timeline", () => {
  it("shows a deal's stage changes and the activities about it on its account's timeline, in the caller's language", async () => {
    const accountId = await account("Timeline Traders", repTerritoryId);
    const d = await ok<DealDetailResponse>(
      rep.request("POST", "/api/v1/crm/deals", { name: "Spices", accountId, amountPoisha: 9_000_00 }),
      "deal",
    );
    await ok(
      rep.request("POST", `/api/v1/crm/deals/${d.id}/move`, { stageId: stage("Qualified").id, version: d.version }),
      "move",
    );
    await ok(
      rep.request("POST", "/api/v1/crm/activities", {
        kind: "call",
        subject: "Talked prices",
        callOutcome: "connected",
        links: [{ type: "deal", id: d.id }],
      }),
      "call",
    );
    const tl = await ok<{ items: { kind: string; title: string; link: { type: string; id: string } | null }[] }>(
      rep.request("GET", `/api/v1/crm/timeline?type=account&id=${accountId}`, undefined, { "accept-language": "bn" }),
      "timeline",
    );
    const mine = tl.items.filter((i) => i.link?.id === d.id);
    expect(mine.map((i) => i.kind)).toEqual(["call", "deal", "deal"]);
    expect(mine.every((i) => hasBengali(i.title))).toBe(true);
    expect(mine[1]?.title).toContain("যোগ্য");
    // The deal's own timeline too; another org's caller is not told it exists.
    const own = await ok<{ items: { kind: string }[] }>(
      rep.request("GET", `/api/v1/crm/timeline?type=deal&id=${d.id}`),
      "deal timeline",
    );
    expect(own.items.map((i) => i.kind)).toEqual(["call", "deal", "deal"]);
    expect((await otherOrg.request("GET", `/api/v1/crm/timeline?type=deal&id=${d.id}`)).statusCode).toBe(404);
  });
});

describe("forecast", () => {
  it("weights real open deals by their stage's probability, by expected-close month and by owner", async () => {
    // A pipeline of its own, so that only this test's deals count.
    const p = await ok<PipelineResponse>(
      admin.request("POST", "/api/v1/crm/pipelines", {
        name: "Forecast test",
        nameBn: "পূর্বাভাস পরীক্ষা",
        stages: [
          { name: "Open 20", nameBn: "চলমান ২০", kind: "open", probabilityBp: 2000 },
          { name: "Open 60", nameBn: "চলমান ৬০", kind: "open", probabilityBp: 6000 },
          { name: "Won", nameBn: "জয়", kind: "won", probabilityBp: 10000 },
          { name: "Lost", nameBn: "হারানো", kind: "lost", probabilityBp: 0 },
        ],
      }),
      "pipeline",
    );
    const [s20, s60, won] = p.stages;
    const accountId = await account("Forecast Ltd", repTerritoryId);
    const mk = (by: Caller, amountPoisha: number, expectedClose: string, stageId: string) =>
      ok<DealDetailResponse>(
        by.request("POST", "/api/v1/crm/deals", {
          name: `F ${amountPoisha}`,
          accountId,
          amountPoisha,
          expectedClose,
          pipelineId: p.id,
          stageId,
          territoryId: repTerritoryId,
        }),
        "deal",
      );
    // Rep: Jan 2030 ৳10,000 at 20% = ৳2,000; Feb 2030 ৳5,000 at 60% = ৳3,000.
    await mk(rep, 10_000_00, "2030-01-10", must(s20?.id, "s20"));
    await mk(rep, 5_000_00, "2030-02-20", must(s60?.id, "s60"));
    // Manager: Jan 2030 ৳7,777 at 60% = ৳4,666.20; and one won now (not in a 2030 window).
    await mk(manager, 7_777_00, "2030-01-31", must(s60?.id, "s60"));
    await mk(manager, 1_000_00, "2030-01-31", must(won?.id, "won"));
    const f = await ok<{
      months: { month: string; weightedPoisha: number; openPoisha: number; wonPoisha: number }[];
      owners: { ownerUserId: string; weightedPoisha: number }[];
      total: { weightedPoisha: number; openCount: number };
    }>(admin.request("GET", `/api/v1/crm/forecast?pipelineId=${p.id}&from=2030-01&months=2`), "forecast");
    expect(f.months.map((m) => [m.month, m.openPoisha, m.weightedPoisha, m.wonPoisha])).toEqual([
      ["2030-01", 17_777_00, 2_000_00 + 4_666_20, 0],
      ["2030-02", 5_000_00, 3_000_00, 0],
    ]);
    const byOwner = Object.fromEntries(f.owners.map((o) => [o.ownerUserId, o.weightedPoisha]));
    expect(byOwner).toEqual({ [repId]: 5_000_00, [t.orgA.usersByRole.manager]: 4_666_20 });
    expect(f.total).toMatchObject({ openCount: 3, weightedPoisha: 5_000_00 + 4_666_20 });
    // The rep's forecast holds what the rep sees: the manager's deals are in the rep's territory too, so the same.
    const mine = await ok<{ total: { openCount: number } }>(
      rep.request("GET", `/api/v1/crm/forecast?pipelineId=${p.id}&from=2030-01&months=2`),
      "rep forecast",
    );
    expect(mine.total.openCount).toBe(3);
    // Another org sees none of it.
    expect((await otherOrg.request("GET", `/api/v1/crm/forecast?pipelineId=${p.id}`)).statusCode).toBe(404);
  });
});

describe("custom fields on deals", () => {
  it("checks a deal's custom values against the org's fields for deals (required, choice)", async () => {
    await ok(
      admin.request("POST", "/api/v1/crm/custom-fields", {
        entity: "deal",
        key: "source_channel",
        labelEn: "Source channel",
        labelBn: "উৎস",
        type: "choice",
        options: [
          { key: "trade_fair", labelEn: "Trade fair", labelBn: "বাণিজ্য মেলা" },
          { key: "referral", labelEn: "Referral", labelBn: "সুপারিশ" },
        ],
        required: true,
      }),
      "field",
    );
    const accountId = await account("Custom Co", repTerritoryId);
    const body = { name: "Custom", accountId, amountPoisha: 1_000_00 };
    const missing = await rep.request("POST", "/api/v1/crm/deals", body, { "accept-language": "bn" });
    expect(missing.statusCode).toBe(422);
    expect(hasBengali((missing.json() as { error: { message: string } }).error.message)).toBe(true);
    const wrong = await rep.request("POST", "/api/v1/crm/deals", { ...body, custom: { source_channel: "tv" } });
    expect(wrong.statusCode).toBe(422);
    const d = await ok<DealDetailResponse>(
      rep.request("POST", "/api/v1/crm/deals", { ...body, custom: { source_channel: "referral" } }),
      "with the field",
    );
    expect(d.custom).toEqual({ source_channel: "referral" });
    const changed = await ok<DealDetailResponse>(
      rep.request("PATCH", `/api/v1/crm/deals/${d.id}`, { custom: { source_channel: "trade_fair" } }),
      "changed",
    );
    expect(changed.custom).toEqual({ source_channel: "trade_fair" });
    const cleared = await rep.request("PATCH", `/api/v1/crm/deals/${d.id}`, { custom: { source_channel: null } });
    expect(cleared.statusCode).toBe(422);
  });
});
