// Leads end to end against a real database: capture by hand, by the public form (JSON and a plain HTML form's
// urlencoded post, honeypot, rate limit, CORS, UTM, another org's key), by CSV and vCard import (all or none);
// duplicates across spellings of one mobile number; merge keeping every activity of every lead; assignment rules
// taking turns, also under concurrent captures; and who sees which lead (territory scope, other orgs).
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.ts";
import { loadConfig } from "../config.ts";
import { errorCode, hasBengali, must } from "../testing/assertions.ts";
import {
  type Caller,
  createTestApp,
  ORG_A_DOMAIN,
  ORG_B_DOMAIN,
  PASSWORD,
  signIn,
  type TestApp,
} from "../testing/test-app.ts";
import { activityIdsFor } from "./activities.service.ts";
import { seedLeadsDemo } from "./lead-demo.ts";

let t: TestApp;
let admin: Caller;
let manager: Caller;
let rep: Caller;
let marketing: Caller;
let distributor: Caller;
let adminB: Caller;
let repTerritoryId: string;
/** A territory outside the rep's subtree but inside the manager's division. */
let siblingTerritoryId: string;
const db = () => t.database.handle.db;
const orgA = () => t.orgA.orgId;

type Json = Record<string, unknown>;
type Lead = { id: string; status: string; ownerUserId: string | null; duplicateCount: number } & Json;
let ip = 0;
/** Each public submission from its own address, unless a test means the same visitor. */
const nextIp = () => `10.0.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`;

async function ok<T = Json>(pending: Promise<{ statusCode: number; body: string; json(): unknown }>, what: string) {
  const res = await pending;
  if (res.statusCode >= 300) throw new Error(`${what} answered ${res.statusCode}: ${res.body}`);
  return (res.statusCode === 204 ? null : res.json()) as T;
}

const createLead = (by: Caller, body: Json) => ok<Lead>(by.request("POST", "/api/v1/crm/leads", body), "a lead");

async function newForm(by: Caller, body: Json = {}) {
  return ok<{ id: string; publicKey: string }>(
    by.request("POST", "/api/v1/crm/lead-forms", {
      name: `Form ${Math.random()}`,
      fields: { phone: "required", email: "optional", company: "optional", message: "optional" },
      thankYouEn: "Thanks, we will call you.",
      thankYouBn: "ধন্যবাদ, আমরা আপনাকে ফোন করব।",
      ...body,
    }),
    "a form",
  );
}

function submit(key: string, body: Json, headers: Record<string, string> = {}, from = nextIp()) {
  return t.app.inject({
    method: "POST",
    url: `/api/v1/public/forms/${key}/submissions`,
    payload: body,
    remoteAddress: from,
    headers: { origin: "https://company.example.com", ...headers },
  });
}

const leadsOfForm = async (formId: string) =>
  (await sql<{ id: string; org_id: string }>`select id, org_id from leads where form_id = ${formId}`.execute(db()))
    .rows;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
  manager = await signIn(t.app, `manager@${ORG_A_DOMAIN}`);
  rep = await signIn(t.app, `rep@${ORG_A_DOMAIN}`);
  marketing = await signIn(t.app, `marketing@${ORG_A_DOMAIN}`);
  distributor = await signIn(t.app, `distributor@${ORG_A_DOMAIN}`);
  adminB = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
  const r = await db()
    .selectFrom("users")
    .select("territory_id")
    .where("org_id", "=", orgA())
    .where("id", "=", t.orgA.usersByRole.rep)
    .executeTakeFirstOrThrow();
  repTerritoryId = must(r.territory_id, "the rep's territory");
  const repPath = (
    await sql<{
      path: string;
    }>`select path from territories where org_id = ${orgA()} and id = ${repTerritoryId}`.execute(db())
  ).rows[0]?.path;
  const mgr = await db()
    .selectFrom("users as u")
    .innerJoin("territories as t", (j) => j.onRef("t.org_id", "=", "u.org_id").onRef("t.id", "=", "u.territory_id"))
    .select("t.path")
    .where("u.org_id", "=", orgA())
    .where("u.id", "=", t.orgA.usersByRole.manager)
    .executeTakeFirstOrThrow();
  const sibling = await sql<{ id: string }>`select id from territories
    where org_id = ${orgA()} and path like ${`${mgr.path}%`} and path not like ${`${repPath}%`}
      and ${repPath} not like path || '%' and archived_at is null
    order by path limit 1`.execute(db());
  siblingTerritoryId = must(sibling.rows[0]?.id, "a territory beside the rep's");
});

afterAll(async () => {
  await t?.close();
});

describe("capture by hand and duplicates", () => {
  it("finds a duplicate written differently (01712-345678 and +8801712345678), and a contact with the same email", async () => {
    const a = await createLead(admin, { name: "Karim Hossain", phone: "01712-345678", company: "Meghna Traders" });
    const b = await createLead(admin, { name: "Md. Karim", phone: "+8801712345678", email: "karim@meghna.example" });
    expect(b.phoneE164).toBe("+8801712345678");
    const contact = await admin.request("POST", "/api/v1/crm/contacts", {
      name: "Karim (contact)",
      email: "KARIM@meghna.example",
      allowDuplicate: true,
    });
    expect(contact.statusCode, contact.body).toBe(201);
    const dupes = await ok<{ items: { type: string; id: string; matchedOn: string[] }[] }>(
      admin.request("GET", `/api/v1/crm/leads/${b.id}/duplicates`),
      "duplicates",
    );
    expect(dupes.items.map((d) => [d.type, d.id, d.matchedOn])).toEqual([
      ["lead", a.id, ["phone"]],
      ["contact", contact.json().id, ["email"]],
    ]);
    const inbox = await ok<{ items: Lead[] }>(admin.request("GET", "/api/v1/crm/leads?q=karim"), "inbox");
    const byId = new Map(inbox.items.map((l) => [l.id, l]));
    expect(byId.get(a.id)?.duplicateCount).toBe(1);
    expect(byId.get(b.id)?.duplicateCount).toBe(2);
  });

  it("a rep's own lead is theirs; a lead elsewhere is not found for them, visible to their manager", async () => {
    const mine = await createLead(rep, { name: "Rep's lead", phone: "01812000001", territoryId: repTerritoryId });
    expect(mine.ownerUserId).toBe(t.orgA.usersByRole.rep);
    const elsewhere = await createLead(admin, {
      name: "Sibling lead",
      phone: "01812000002",
      territoryId: siblingTerritoryId,
    });
    const res = await rep.request("GET", `/api/v1/crm/leads/${elsewhere.id}`);
    expect(res.statusCode).toBe(404);
    expect(errorCode(res)).toBe("lead.not_found");
    expect((await rep.request("PATCH", `/api/v1/crm/leads/${elsewhere.id}`, { status: "contacted" })).statusCode).toBe(
      404,
    );
    expect((await manager.request("GET", `/api/v1/crm/leads/${elsewhere.id}`)).statusCode).toBe(200);
    const repList = await ok<{ items: Lead[] }>(rep.request("GET", "/api/v1/crm/leads?limit=200"), "rep's inbox");
    expect(repList.items.map((l) => l.id)).toContain(mine.id);
    expect(repList.items.map((l) => l.id)).not.toContain(elsewhere.id);
    // A rep cannot place a lead outside their subtree either.
    const outside = await rep.request("POST", "/api/v1/crm/leads", { name: "X", territoryId: siblingTerritoryId });
    expect(outside.statusCode).toBe(404);
    expect(errorCode(outside)).toBe("lead.territory_not_found");
  });

  it("another org sees none of it, and a distributor may not read leads", async () => {
    const lead = await createLead(admin, { name: "Org A only", phone: "01912000003" });
    for (const url of [`/api/v1/crm/leads/${lead.id}`, `/api/v1/crm/leads/${lead.id}/duplicates`]) {
      const res = await adminB.request("GET", url);
      expect(res.statusCode, url).toBe(404);
    }
    const patched = await adminB.request("PATCH", `/api/v1/crm/leads/${lead.id}`, { status: "qualified" });
    expect(patched.statusCode).toBe(404);
    const merged = await adminB.request("POST", `/api/v1/crm/leads/${lead.id}/merge`, { mergeIds: [lead.id] });
    expect([404, 422]).toContain(merged.statusCode);
    const listB = await ok<{ items: Lead[] }>(adminB.request("GET", "/api/v1/crm/leads?limit=200&view=all"), "B");
    expect(listB.items.map((l) => l.id)).not.toContain(lead.id);
    expect((await distributor.request("GET", "/api/v1/crm/leads")).statusCode).toBe(403);
  });

  it("a status change is audited and a converted or merged status cannot be set by hand", async () => {
    const lead = await createLead(admin, { name: "Status", phone: "01312000004" });
    const changed = await ok<Lead>(
      admin.request("PATCH", `/api/v1/crm/leads/${lead.id}`, { status: "qualified" }),
      "qualify",
    );
    expect(changed.status).toBe("qualified");
    const audit = await sql<{ action: string }>`select action from audit_log
      where org_id = ${orgA()} and entity = 'lead' and entity_id = ${lead.id} order by id`.execute(db());
    expect(audit.rows.map((r) => r.action)).toEqual(["create", "update"]);
    const bad = await admin.request("PATCH", `/api/v1/crm/leads/${lead.id}`, { status: "converted" });
    expect(bad.statusCode).toBe(400);
  });
});

describe("merge", () => {
  it("keeps every activity of both leads on the survivor and fills its blanks", async () => {
    const survivor = await createLead(admin, { name: "Salma Begum", phone: "01712-888999" });
    const other = await createLead(admin, {
      name: "Salma B.",
      phone: "+8801712888999",
      email: "salma@example.com",
      company: "Salma Enterprise",
      utmCampaign: "eid-2026",
    });
    const third = await createLead(admin, { name: "S. Begum", email: "SALMA@example.com" });
    const log = (leadId: string, subject: string, kind = "note") =>
      ok<{ id: string }>(
        admin.request("POST", "/api/v1/crm/activities", { kind, subject, links: [{ type: "lead", id: leadId }] }),
        "an activity",
      );
    const acts = [
      await log(survivor.id, "First call"),
      await log(survivor.id, "Sent the price list"),
      await log(other.id, "Met at the fair"),
      await log(other.id, "Wants 20 cartons"),
      await log(third.id, "Emailed"),
    ].map((a) => a.id);
    // One activity linked to two of the leads keeps one link to the survivor.
    const shared = await ok<{ id: string }>(
      admin.request("POST", "/api/v1/crm/activities", {
        kind: "note",
        subject: "Both",
        links: [
          { type: "lead", id: survivor.id },
          { type: "lead", id: other.id },
        ],
      }),
      "a shared activity",
    );

    const merged = await ok<Lead & { email: string; company: string; utm: { campaign: string } }>(
      admin.request("POST", `/api/v1/crm/leads/${survivor.id}/merge`, { mergeIds: [other.id, third.id] }),
      "merge",
    );
    expect(merged.name).toBe("Salma Begum");
    expect(merged.phone).toBe("01712-888999");
    expect(merged.email).toBe("salma@example.com");
    expect(merged.company).toBe("Salma Enterprise");
    expect(merged.utm.campaign).toBe("eid-2026");

    const onSurvivor = await activityIdsFor(db(), orgA(), { type: "lead", id: survivor.id });
    expect(new Set(onSurvivor)).toEqual(new Set([...acts, shared.id]));
    expect(onSurvivor.length).toBe(acts.length + 1);
    expect(await activityIdsFor(db(), orgA(), { type: "lead", id: other.id })).toEqual([]);
    expect(await activityIdsFor(db(), orgA(), { type: "lead", id: third.id })).toEqual([]);
    const activities = await sql<{ n: number }>`select count(*)::int as n from activities
      where org_id = ${orgA()} and id in (${sql.join([...acts, shared.id])})`.execute(db());
    expect(activities.rows[0]?.n).toBe(6);

    for (const id of [other.id, third.id]) {
      const l = await ok<Lead>(admin.request("GET", `/api/v1/crm/leads/${id}`), "merged lead");
      expect(l).toMatchObject({ status: "merged", mergedIntoId: survivor.id });
    }
    // Merged leads cannot be merged again, nor changed.
    const again = await admin.request("POST", `/api/v1/crm/leads/${survivor.id}/merge`, { mergeIds: [other.id] });
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe("lead.closed");
    const audit = await sql<{ entity_id: string }>`select entity_id from audit_log
      where org_id = ${orgA()} and entity = 'lead' and action = 'merge'`.execute(db());
    expect(new Set(audit.rows.map((r) => r.entity_id))).toEqual(new Set([survivor.id, other.id, third.id]));
  });

  it("refuses to merge a lead into itself, and a lead the caller cannot see", async () => {
    const a = await createLead(admin, { name: "Self", phone: "01712000111" });
    expect((await admin.request("POST", `/api/v1/crm/leads/${a.id}/merge`, { mergeIds: [a.id] })).statusCode).toBe(422);
    const mine = await createLead(rep, { name: "Mine", phone: "01712000112", territoryId: repTerritoryId });
    const notMine = await createLead(admin, {
      name: "Not mine",
      phone: "01712000112",
      territoryId: siblingTerritoryId,
    });
    const res = await rep.request("POST", `/api/v1/crm/leads/${mine.id}/merge`, { mergeIds: [notMine.id] });
    expect(res.statusCode).toBe(404);
    expect((await ok<Lead>(admin.request("GET", `/api/v1/crm/leads/${notMine.id}`), "x")).status).toBe("new");
  });
});

describe("the public form", () => {
  it("stores a JSON submission with its UTM, referrer, landing page and ref, answers in the form's language, across origins", async () => {
    const form = await newForm(marketing, { defaultLocale: "bn" });
    const res = await submit(form.publicKey, {
      name: "রহিম উদ্দিন",
      phone: "০১৭১২-৫৫৫৬৬৬",
      email: "rahim@example.com",
      utm_source: "facebook",
      utm_medium: "cpc",
      utm_campaign: "Winter-2026",
      utm_term: "soap",
      utm_content: "banner-a",
      referrer: "https://facebook.com/",
      landing_url: "https://company.example.com/offer?utm_source=facebook",
      ref: "REF-KARIM",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["access-control-allow-origin"]).toBe("*");
    expect(res.headers["access-control-allow-credentials"]).toBeUndefined();
    expect(res.json()).toEqual({ ok: true, message: "ধন্যবাদ, আমরা আপনাকে ফোন করব।", downloadUrl: null });
    const [row] = await leadsOfForm(form.id);
    const lead = await ok<Lead & { utm: Json; source: string }>(
      admin.request("GET", `/api/v1/crm/leads/${must(row, "the lead").id}`),
      "the lead",
    );
    expect(lead).toMatchObject({
      name: "রহিম উদ্দিন",
      phoneE164: "+8801712555666",
      source: "web_form",
      locale: "bn",
      referrerUrl: "https://facebook.com/",
      landingUrl: "https://company.example.com/offer?utm_source=facebook",
      referralCode: "REF-KARIM",
      utm: { source: "facebook", medium: "cpc", campaign: "Winter-2026", term: "soap", content: "banner-a" },
    });
    const inbox = await ok<{ items: Lead[] }>(admin.request("GET", "/api/v1/crm/leads?campaign=winter-2026"), "inbox");
    expect(inbox.items.map((l) => l.id)).toEqual([lead.id]);
    // The preflight a JSON post from another origin sends first.
    const pre = await t.app.inject({
      method: "OPTIONS",
      url: `/api/v1/public/forms/${form.publicKey}/submissions`,
      headers: { origin: "https://company.example.com", "access-control-request-method": "POST" },
    });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers["access-control-allow-origin"]).toBe("*");
  });

  it("takes a plain HTML form's urlencoded post and answers with a thank-you page", async () => {
    const form = await newForm(admin, { defaultLocale: "en" });
    const body = new URLSearchParams({ name: "Nasrin Akter", phone: "01812-345678", website: "" }).toString();
    const res = await t.app.inject({
      method: "POST",
      url: `/api/v1/public/forms/${form.publicKey}/submissions`,
      payload: body,
      remoteAddress: nextIp(),
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html,application/xhtml+xml" },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.body).toContain("Thanks, we will call you.");
    const json = await t.app.inject({
      method: "POST",
      url: `/api/v1/public/forms/${form.publicKey}/submissions`,
      payload: new URLSearchParams({ name: "Second", phone: "01812-345679" }).toString(),
      remoteAddress: nextIp(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(json.json()).toMatchObject({ ok: true });
    // What the embed script sends: URLSearchParams as the body of a fetch (the charset is named).
    const fromScript = await t.app.inject({
      method: "POST",
      url: `/api/v1/public/forms/${form.publicKey}/submissions`,
      payload: new URLSearchParams({ name: "নাসির", phone: "০১৮১২-৩৪৫৬৮০", locale: "bn" }).toString(),
      remoteAddress: nextIp(),
      headers: {
        "content-type": "application/x-www-form-urlencoded;charset=UTF-8",
        accept: "*/*",
        "accept-language": "bn",
        origin: "https://company.example.com",
      },
    });
    expect(fromScript.statusCode, fromScript.body).toBe(200);
    expect(fromScript.json()).toMatchObject({ ok: true, message: "ধন্যবাদ, আমরা আপনাকে ফোন করব।" });
    expect(fromScript.headers["access-control-allow-origin"]).toBe("*");
    expect((await leadsOfForm(form.id)).length).toBe(3);
  });

  it("answers a filled honeypot exactly like a success, and stores nothing", async () => {
    const form = await newForm(admin);
    const before = (await sql<{ n: number }>`select count(*)::int as n from leads`.execute(db())).rows[0]?.n;
    const audit = (await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(db())).rows[0]?.n;
    const trapped = await submit(form.publicKey, { name: "Bot", phone: "01712345678", website: "http://spam.example" });
    const real = await submit(form.publicKey, { name: "Person", phone: "01712345670" });
    expect(trapped.statusCode).toBe(200);
    expect(trapped.json()).toEqual(real.json());
    const after = (await sql<{ n: number }>`select count(*)::int as n from leads`.execute(db())).rows[0]?.n;
    expect(after).toBe((before ?? 0) + 1);
    expect((await leadsOfForm(form.id)).length).toBe(1);
    const auditAfter = (await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(db())).rows[0]?.n;
    expect(auditAfter).toBe((audit ?? 0) + 1);
  });

  it("limits one visitor's submissions to one form, with a 429 in their language", async () => {
    // The app takes its limit from the sign-in rate (the test app's is raised): a second app over the same database
    // with the production-like limit.
    const limit = 5;
    const limited = await buildApp({
      config: loadConfig({
        NODE_ENV: "test",
        LOG_LEVEL: "silent",
        BIKRI_JOBS: "false",
        LOGIN_RATE_PER_MINUTE: String(limit),
      }),
      database: t.database.handle,
      logger: false,
    });
    await limited.ready();
    try {
      const form = await newForm(admin);
      const other = await newForm(admin);
      const visitor = "192.0.2.77";
      const post = (key: string, body: Json, from = visitor) =>
        limited.inject({
          method: "POST",
          url: `/api/v1/public/forms/${key}/submissions`,
          payload: body,
          remoteAddress: from,
          headers: { origin: "https://company.example.com", "accept-language": "bn" },
        });
      for (let i = 0; i < limit; i++) {
        const res = await post(form.publicKey, { name: `Visitor ${i}`, phone: `0171200${String(i).padStart(4, "0")}` });
        expect(res.statusCode, res.body).toBe(200);
      }
      const refused = await post(form.publicKey, { name: "One more", phone: "01712999999" });
      expect(refused.statusCode).toBe(429);
      expect(errorCode(refused)).toBe("request.rate_limited");
      expect(refused.headers["access-control-allow-origin"]).toBe("*");
      expect(hasBengali(refused.json().error.message)).toBe(true);
      expect((await leadsOfForm(form.id)).length).toBe(limit);
      // Another form, or another visitor, is not held back.
      expect((await post(other.publicKey, { name: "Elsewhere", phone: "01712999998" })).statusCode).toBe(200);
      expect(
        (await post(form.publicKey, { name: "Someone else", phone: "01712999997" }, "192.0.2.78")).statusCode,
      ).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it("answers in the caller's language when it names one, else the submission's", async () => {
    const form = await newForm(admin, { defaultLocale: "bn" });
    const en = await submit(
      form.publicKey,
      { name: "Lang", phone: "01712000777", locale: "bn" },
      { "accept-language": "en" },
    );
    expect(en.json().message).toBe("Thanks, we will call you.");
    const [row] = await leadsOfForm(form.id);
    const lead = await ok<Lead>(admin.request("GET", `/api/v1/crm/leads/${row?.id}`), "lead");
    expect(lead.locale).toBe("bn");
    const extra = await submit(form.publicKey, { name: "Extra", phone: "01712000778", coupon: "X" });
    expect(extra.statusCode).toBe(400);
  });

  it("checks the form's required fields and a Bangladesh mobile, in the submission's language", async () => {
    const form = await newForm(admin, { defaultLocale: "bn" });
    const missing = await submit(form.publicKey, { name: "No phone" });
    expect(missing.statusCode).toBe(422);
    expect(errorCode(missing)).toBe("lead.field_required");
    expect(missing.json().error.message).toContain("মোবাইল নম্বর");
    const en = await submit(form.publicKey, { name: "No phone", locale: "en" });
    expect(en.json().error.message).toContain("mobile number");
    const bad = await submit(form.publicKey, { name: "Bad", phone: "12345" });
    expect(errorCode(bad)).toBe("lead.bad_phone");
    expect((await leadsOfForm(form.id)).length).toBe(0);
  });

  it("a key belongs to one org: org B's form makes leads in org B only; an inactive form takes nothing", async () => {
    const formB = await newForm(adminB);
    const res = await submit(formB.publicKey, { name: "For B", phone: "01712121212" });
    expect(res.statusCode).toBe(200);
    const rows = await leadsOfForm(formB.id);
    expect(rows.map((r) => r.org_id)).toEqual([t.orgB.orgId]);
    expect((await admin.request("GET", `/api/v1/crm/leads/${rows[0]?.id}`)).statusCode).toBe(404);
    // Org A's admin cannot read or change org B's form either.
    expect((await admin.request("GET", `/api/v1/crm/lead-forms/${formB.id}`)).statusCode).toBe(404);
    expect((await admin.request("PATCH", `/api/v1/crm/lead-forms/${formB.id}`, { active: false })).statusCode).toBe(
      404,
    );
    await ok(adminB.request("PATCH", `/api/v1/crm/lead-forms/${formB.id}`, { active: false }), "deactivate");
    const closed = await submit(formB.publicKey, { name: "Late", phone: "01712121213" });
    expect(closed.statusCode).toBe(404);
    expect(errorCode(closed)).toBe("lead.form_not_found");
    expect((await submit("no-such-form-key-000000", { name: "X", phone: "01712121214" })).statusCode).toBe(404);
  });

  it("a lead magnet gives its download link, and its page can read the form", async () => {
    const magnet = await newForm(marketing, {
      kind: "magnet",
      magnetTitleEn: "Retail price guide 2026",
      magnetTitleBn: "খুচরা মূল্য নির্দেশিকা ২০২৬",
      downloadUrl: "https://cdn.example.com/guide.pdf",
    });
    const page = await t.app.inject({ method: "GET", url: `/api/v1/public/forms/${magnet.publicKey}` });
    expect(page.json()).toMatchObject({ kind: "magnet", magnet: { titleBn: "খুচরা মূল্য নির্দেশিকা ২০২৬" } });
    expect(JSON.stringify(page.json())).not.toContain(magnet.id);
    const res = await submit(magnet.publicKey, { name: "Reader", phone: "01612345678" });
    expect(res.json().downloadUrl).toBe("https://cdn.example.com/guide.pdf");
    const [row] = await leadsOfForm(magnet.id);
    const lead = await ok<Lead>(admin.request("GET", `/api/v1/crm/leads/${row?.id}`), "magnet lead");
    expect(lead.source).toBe("lead_magnet");
  });

  it("serves the embed script as JavaScript any site may load", async () => {
    const form = await newForm(admin);
    const res = await t.app.inject({ method: "GET", url: `/forms/${form.publicKey}/embed.js` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/javascript/);
    expect(res.headers["cross-origin-resource-policy"]).toBe("cross-origin");
    expect(res.body).toContain(form.publicKey);
    expect(() => new Function(res.body)).not.toThrow();
    expect((await t.app.inject({ method: "GET", url: "/forms/no-such-form-key-000000/embed.js" })).statusCode).toBe(
      404,
    );
  });

  it("publishes lead.created to the org's subscribed webhooks", async () => {
    const endpoint = await ok<{ id: string }>(
      admin.request("POST", "/api/v1/webhooks", {
        url: "https://hooks.example.com/leads",
        events: ["lead.created"],
      }),
      "an endpoint",
    );
    const form = await newForm(admin);
    await submit(form.publicKey, { name: "Hooked", phone: "01712454545" });
    const [row] = await leadsOfForm(form.id);
    const deliveries = await sql<{ payload: { data: { lead: { id: string } } } }>`select payload from webhook_deliveries
      where org_id = ${orgA()} and endpoint_id = ${endpoint.id} and event = 'lead.created'`.execute(db());
    expect(deliveries.rows.map((d) => d.payload.data.lead.id)).toEqual([row?.id]);
  });
});

describe("import", () => {
  it("imports CSV rows, all or none, with every problem in the caller's language", async () => {
    const bad = await admin.request(
      "POST",
      "/api/v1/crm/leads/import",
      { format: "csv", text: "name,phone,email\nGood,01712000201,\n,01712000202,\nNo contact,,\nBad mail,,x@\n" },
      { "accept-language": "bn" },
    );
    expect(bad.statusCode).toBe(422);
    const errors = bad.json().error.details.errors as { row: number; column: string | null; message: string }[];
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [3, "name"],
      [4, null],
      [5, "email"],
    ]);
    expect(errors.every((e) => hasBengali(e.message))).toBe(true);
    const none = await sql<{
      n: number;
    }>`select count(*)::int as n from leads where org_id = ${orgA()} and phone = '01712000201'`.execute(db());
    expect(none.rows[0]?.n).toBe(0);

    const good = await ok<{ imported: number; ids: string[] }>(
      admin.request("POST", "/api/v1/crm/leads/import", {
        format: "csv",
        text: "Name,Phone,Email,Company,UTM_Campaign\nJamal,01712000201,,Jamal Store,fair-2026\nRina,,rina@example.com,,\n",
      }),
      "import",
    );
    expect(good.imported).toBe(2);
    const first = await ok<Lead & { utm: { campaign: string }; source: string }>(
      admin.request("GET", `/api/v1/crm/leads/${good.ids[0]}`),
      "imported",
    );
    expect(first).toMatchObject({
      name: "Jamal",
      company: "Jamal Store",
      source: "import",
      phoneE164: "+8801712000201",
    });
    expect(first.utm.campaign).toBe("fair-2026");
  });

  it("imports vCards: several per file, folded lines", async () => {
    const text = [
      "BEGIN:VCARD",
      "VERSION:3.0",
      "FN:Habib Rahman",
      "ORG:Habib Distribution",
      "TEL;TYPE=CELL:01912-000301",
      "NOTE:Asked about the Eid",
      "  offer",
      "END:VCARD",
      "BEGIN:VCARD",
      "VERSION:4.0",
      "FN:Farida Yasmin",
      "EMAIL:farida@example.com",
      "END:VCARD",
    ].join("\r\n");
    const res = await ok<{ imported: number; ids: string[] }>(
      admin.request("POST", "/api/v1/crm/leads/import", { format: "vcard", text }),
      "vcard import",
    );
    expect(res.imported).toBe(2);
    const habib = await ok<Lead>(admin.request("GET", `/api/v1/crm/leads/${res.ids[0]}`), "habib");
    expect(habib).toMatchObject({
      name: "Habib Rahman",
      company: "Habib Distribution",
      message: "Asked about the Eid offer",
    });
    const broken = await admin.request("POST", "/api/v1/crm/leads/import", {
      format: "vcard",
      text: "BEGIN:VCARD\nFN:Open card\n",
    });
    expect(broken.statusCode).toBe(422);
    expect(broken.json().error.details.errors[0]).toMatchObject({ row: 1, code: "lead.import.unterminated" });
  });
});

describe("assignment rules", () => {
  let repA: string;
  let repB: string;
  beforeAll(async () => {
    const mk = async (email: string) =>
      (
        await ok<{ id: string }>(
          admin.request("POST", "/api/v1/users", {
            email,
            name: email.split("@")[0],
            role: "rep",
            territoryId: repTerritoryId,
            password: PASSWORD,
          }),
          "a rep",
        )
      ).id;
    repA = await mk(`leads-rep-a@${ORG_A_DOMAIN}`);
    repB = await mk(`leads-rep-b@${ORG_A_DOMAIN}`);
  });

  it("round robin: leads alternate between the rule's people, who are notified; no match stays unassigned", async () => {
    const form = await newForm(admin);
    const rules = await ok<{ items: { id: string; assignedCount: number }[] }>(
      admin.request("PUT", "/api/v1/crm/assignment-rules", {
        rules: [
          {
            name: "Imports to nobody",
            matchSource: "import",
            strategy: "round_robin",
            userIds: [t.orgA.usersByRole.manager],
            active: false,
          },
          { name: "This form", matchFormId: form.id, strategy: "round_robin", userIds: [repA, repB] },
        ],
      }),
      "rules",
    );
    expect(rules.items.length).toBe(2);
    const owners: (string | null)[] = [];
    for (let i = 0; i < 6; i++) {
      await submit(form.publicKey, { name: `RR ${i}`, phone: `0171300${String(i).padStart(4, "0")}` });
    }
    const rows = await sql<{ owner_user_id: string | null }>`select owner_user_id from leads
      where org_id = ${orgA()} and form_id = ${form.id} order by id`.execute(db());
    owners.push(...rows.rows.map((r) => r.owner_user_id));
    expect(owners).toEqual([repA, repB, repA, repB, repA, repB]);
    const notes = await sql<{ n: number }>`select count(*)::int as n from notifications
      where org_id = ${orgA()} and user_id = ${repA} and kind = 'lead.assigned'`.execute(db());
    expect(notes.rows[0]?.n).toBe(3);
    // A lead no rule matches (another form) stays unassigned in the inbox.
    const loose = await newForm(admin);
    await submit(loose.publicKey, { name: "Nobody's", phone: "01713009999" });
    const unassigned = await ok<{ items: Lead[] }>(
      admin.request("GET", `/api/v1/crm/leads?ownerId=none&formId=${loose.id}`),
      "unassigned",
    );
    expect(unassigned.items.length).toBe(1);
    const listed = await ok<{ items: { assignedCount: number }[] }>(
      admin.request("GET", "/api/v1/crm/assignment-rules"),
      "rules",
    );
    expect(listed.items[1]?.assignedCount).toBe(6);
  });

  it("concurrent captures under one rule still take turns fairly", async () => {
    const form = await newForm(admin);
    await ok(
      admin.request("PUT", "/api/v1/crm/assignment-rules", {
        rules: [{ name: "Fair", matchFormId: form.id, strategy: "round_robin", userIds: [repA, repB] }],
      }),
      "rules",
    );
    const n = 10;
    const answers = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        submit(form.publicKey, { name: `C ${i}`, phone: `0171400${String(i).padStart(4, "0")}` }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(n).fill(200));
    const counts = await sql<{ owner_user_id: string; n: number }>`select owner_user_id, count(*)::int as n from leads
      where org_id = ${orgA()} and form_id = ${form.id} group by owner_user_id order by owner_user_id`.execute(db());
    expect(counts.rows.map((r) => r.n)).toEqual([n / 2, n / 2]);
    expect(new Set(counts.rows.map((r) => r.owner_user_id))).toEqual(new Set([repA, repB]));
  });

  it("territory: turns over the active reps of the lead's territory subtree, first matching rule wins", async () => {
    const form = await newForm(admin, { territoryId: repTerritoryId });
    await ok(
      admin.request("PUT", "/api/v1/crm/assignment-rules", {
        rules: [
          { name: "Campaign", matchUtmCampaign: "VIP", strategy: "round_robin", userIds: [t.orgA.usersByRole.manager] },
          { name: "By territory", matchFormId: form.id, strategy: "territory" },
        ],
      }),
      "rules",
    );
    const reps = (
      await sql<{
        id: string;
      }>`select u.id from users u join territories t on t.org_id = u.org_id and t.id = u.territory_id
        where u.org_id = ${orgA()} and u.role = 'rep' and u.deactivated_at is null
          and t.path like (select path from territories where org_id = ${orgA()} and id = ${repTerritoryId}) || '%'`.execute(
        db(),
      )
    ).rows.map((r) => r.id);
    expect(reps).toEqual(expect.arrayContaining([repA, repB, t.orgA.usersByRole.rep]));
    for (let i = 0; i < reps.length * 2; i++)
      await submit(form.publicKey, { name: `T ${i}`, phone: `0171500${String(i).padStart(4, "0")}` });
    await submit(form.publicKey, { name: "VIP", phone: "01715009999", utm_campaign: "vip" });
    const rows = await sql<{ owner_user_id: string; name: string }>`select owner_user_id, name from leads
      where org_id = ${orgA()} and form_id = ${form.id} order by id`.execute(db());
    const byOwner = new Map<string, number>();
    for (const r of rows.rows.filter((x) => x.name !== "VIP"))
      byOwner.set(r.owner_user_id, (byOwner.get(r.owner_user_id) ?? 0) + 1);
    expect(new Set(byOwner.keys())).toEqual(new Set(reps));
    expect([...byOwner.values()].every((n) => n === 2)).toBe(true);
    expect(rows.rows.find((r) => r.name === "VIP")?.owner_user_id).toBe(t.orgA.usersByRole.manager);
  });

  it("only an admin sets the rules; a rule naming another org's records is refused", async () => {
    expect((await marketing.request("GET", "/api/v1/crm/assignment-rules")).statusCode).toBe(403);
    const formB = await newForm(adminB);
    const res = await admin.request("PUT", "/api/v1/crm/assignment-rules", {
      rules: [{ name: "B's form", matchFormId: formB.id, strategy: "territory" }],
    });
    expect(res.statusCode).toBe(422);
    expect(errorCode(res)).toBe("lead.rule_ref_invalid");
    await ok(admin.request("PUT", "/api/v1/crm/assignment-rules", { rules: [] }), "clear the rules");
  });
});

describe("conversion", () => {
  const count = async (table: "accounts" | "contacts" | "deals", where: ReturnType<typeof sql>) =>
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.table(table)} where org_id = ${orgA()} and ${where}`.execute(db())
    ).rows[0]?.n;

  it("creates the account, contact and deal once, with the lead's details and activities", async () => {
    const lead = await createLead(admin, {
      name: "Anwar Hossain",
      phone: "01711-223344",
      email: "Anwar@Padma.example",
      company: "Padma Foods",
      title: "Owner",
    });
    const acts: string[] = [];
    for (const subject of ["Intro call", "Sent samples"])
      acts.push(
        (
          await ok<{ id: string }>(
            admin.request("POST", "/api/v1/crm/activities", {
              kind: "note",
              subject,
              links: [{ type: "lead", id: lead.id }],
            }),
            "an activity",
          )
        ).id,
      );
    const body = {
      account: { name: "Padma Foods Ltd" },
      contact: { create: true },
      deal: { name: "Padma Foods: first order", amountPoisha: 25_000_000, expectedClose: "2026-12-31" },
    };
    const res = await ok<{ lead: Lead; accountId: string; contactId: string; dealId: string }>(
      admin.request("POST", `/api/v1/crm/leads/${lead.id}/convert`, body),
      "convert",
    );
    expect(res.lead).toMatchObject({
      status: "converted",
      convertedAccountId: res.accountId,
      convertedContactId: res.contactId,
      convertedDealId: res.dealId,
    });
    const contact = await ok<Json>(admin.request("GET", `/api/v1/crm/contacts/${res.contactId}`), "contact");
    expect(contact).toMatchObject({
      name: "Anwar Hossain",
      phoneE164: "+8801711223344",
      accountId: res.accountId,
      title: "Owner",
    });
    expect(String(contact.email).toLowerCase()).toBe("anwar@padma.example");
    const deal = await ok<Json>(admin.request("GET", `/api/v1/crm/deals/${res.dealId}`), "deal");
    expect(deal).toMatchObject({ accountId: res.accountId, contactId: res.contactId, amountPoisha: 25_000_000 });
    for (const ref of [
      { type: "contact" as const, id: res.contactId },
      { type: "account" as const, id: res.accountId },
      { type: "deal" as const, id: res.dealId },
      { type: "lead" as const, id: lead.id },
    ])
      expect(new Set(await activityIdsFor(db(), orgA(), ref)), ref.type).toEqual(new Set(acts));

    const again = await admin.request("POST", `/api/v1/crm/leads/${lead.id}/convert`, body, {
      "accept-language": "bn",
    });
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe("lead.already_converted");
    expect(hasBengali(again.json().error.message)).toBe(true);
    expect(await count("accounts", sql`name = 'Padma Foods Ltd'`)).toBe(1);
    expect(await count("contacts", sql`name = 'Anwar Hossain'`)).toBe(1);
    expect(await count("deals", sql`name = 'Padma Foods: first order'`)).toBe(1);
    // A converted lead is closed to edits.
    expect((await admin.request("PATCH", `/api/v1/crm/leads/${lead.id}`, { status: "new" })).statusCode).toBe(409);
  });

  it("two conversions at once make one set of records", async () => {
    const lead = await createLead(admin, { name: "Twice Converted", phone: "01711-998877" });
    const body = {
      account: { name: "Race Traders" },
      contact: { create: true },
      deal: { name: "Race deal", amountPoisha: 100_000 },
    };
    const answers = await Promise.all([
      admin.request("POST", `/api/v1/crm/leads/${lead.id}/convert`, body),
      admin.request("POST", `/api/v1/crm/leads/${lead.id}/convert`, body),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(await count("accounts", sql`name = 'Race Traders'`)).toBe(1);
    expect(await count("contacts", sql`name = 'Twice Converted'`)).toBe(1);
    expect(await count("deals", sql`name = 'Race deal'`)).toBe(1);
  });

  it("links an existing account and contact, with no deal; another org's or another territory's lead is not found", async () => {
    const account = await ok<{ id: string }>(
      admin.request("POST", "/api/v1/crm/accounts", { name: "Existing Co" }),
      "account",
    );
    const contact = await ok<{ id: string }>(
      admin.request("POST", "/api/v1/crm/contacts", { name: "Existing Person", accountId: account.id }),
      "contact",
    );
    const lead = await createLead(admin, { name: "Existing Person", territoryId: siblingTerritoryId });
    const body = { account: { id: account.id }, contact: { id: contact.id }, deal: null };
    expect((await adminB.request("POST", `/api/v1/crm/leads/${lead.id}/convert`, body)).statusCode).toBe(404);
    expect((await rep.request("POST", `/api/v1/crm/leads/${lead.id}/convert`, body)).statusCode).toBe(404);
    const res = await ok<{ lead: Lead; dealId: string | null }>(
      admin.request("POST", `/api/v1/crm/leads/${lead.id}/convert`, body),
      "convert",
    );
    expect(res.dealId).toBeNull();
    expect(res.lead).toMatchObject({ convertedAccountId: account.id, convertedContactId: contact.id });
    expect(await count("contacts", sql`name = 'Existing Person'`)).toBe(1);
  });

  it("puts the originating lead on the new contact's and account's timelines, in the caller's language", async () => {
    const form = await newForm(admin, { name: "Website contact form" });
    await submit(form.publicKey, { name: "Timeline Person", phone: "01711-556677", utm_campaign: "winter-2026" });
    const [row] = await leadsOfForm(form.id);
    const leadId = must(row, "the lead").id;
    const res = await ok<{ accountId: string; contactId: string }>(
      admin.request("POST", `/api/v1/crm/leads/${leadId}/convert`, {
        account: { name: "Timeline Traders" },
        contact: { create: true },
        deal: null,
      }),
      "convert",
    );
    for (const [type, id] of [
      ["contact", res.contactId],
      ["account", res.accountId],
    ] as const) {
      const en = await ok<{ items: { kind: string; title: string; link: { id: string } | null }[] }>(
        admin.request("GET", `/api/v1/crm/timeline?type=${type}&id=${id}`, undefined, { "accept-language": "en" }),
        "timeline",
      );
      const item = en.items.find((i) => i.kind === "lead");
      expect(item?.title, type).toBe('Captured as a lead from form "Website contact form", campaign winter-2026');
      expect(item?.link?.id).toBe(leadId);
      const bn = await ok<{ items: { kind: string; title: string }[] }>(
        admin.request("GET", `/api/v1/crm/timeline?type=${type}&id=${id}`, undefined, { "accept-language": "bn" }),
        "timeline",
      );
      expect(hasBengali(bn.items.find((i) => i.kind === "lead")?.title ?? "")).toBe(true);
    }
  });
});

describe("demo leads", () => {
  it("seeds forms, rules and believable leads, some flagged as duplicates and two converted", async () => {
    const orgB = t.orgB.orgId;
    const territories = (
      await sql<{
        id: string;
      }>`select id from territories where org_id = ${orgB} and level = 'territory' order by code limit 3`.execute(db())
    ).rows.map((r) => r.id);
    const summary = await seedLeadsDemo(db(), orgB, {
      seed: "leads-test",
      territoryIds: territories,
      repUserIds: [t.orgB.usersByRole.rep],
    });
    expect(summary.leads).toBeGreaterThanOrEqual(40);
    expect(summary.converted).toBe(2);
    const inbox = await ok<{ items: Lead[] }>(adminB.request("GET", "/api/v1/crm/leads?view=all&limit=200"), "inbox");
    const seeded = inbox.items.filter((l) => l.formId !== null || ["import", "manual"].includes(String(l.source)));
    expect(seeded.length).toBeGreaterThanOrEqual(40);
    expect(inbox.items.some((l) => l.duplicateCount > 0)).toBe(true);
    expect(inbox.items.filter((l) => l.status === "converted").length).toBeGreaterThanOrEqual(2);
    const bn = inbox.items.filter((l) => hasBengali(String(l.name)));
    expect(bn.length).toBeGreaterThan(0);
    const forms = await ok<{ items: { kind: string }[] }>(adminB.request("GET", "/api/v1/crm/lead-forms"), "forms");
    expect(forms.items.map((f) => f.kind).sort()).toEqual(expect.arrayContaining(["form", "magnet"]));
  });
});
