// Distributors end to end: create with coverage, validation in both languages, list with search, filters,
// sort, cursor and CSV, and scope: managers see those based in or covering their subtree, a distributor user
// only its own record, org B nothing of org A.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCode, hasBengali } from "../testing/assertions.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, ORG_B_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";
import { createDistributor, createOutlet, routeUnder, territoryId } from "./network-test-fixtures.ts";

describe("distributors", () => {
  let t: TestApp;
  let admin: Caller;
  let manager: Caller; // Dhaka division
  let adminB: Caller;
  let gazipur: { id: string; code: string };
  let chattogram: { id: string; code: string };
  let covering: { id: string; code: string };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
    manager = await signIn(t.app, `manager@${ORG_A_DOMAIN}`);
    adminB = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
    const gaz = await territoryId(t, t.orgA.orgId, "DHA-GAZ");
    const ctg = await territoryId(t, t.orgA.orgId, "CHA-CTG");
    gazipur = await createDistributor(admin, gaz, { name: "Meghna Distribution", nameBn: "মেঘনা ডিস্ট্রিবিউশন" });
    chattogram = await createDistributor(admin, ctg, { name: "Karnaphuli Traders", nameBn: "কর্ণফুলী ট্রেডার্স" });
    // Based in Chattogram, but also covering Gazipur.
    covering = await createDistributor(admin, ctg, { coverageTerritoryIds: [gaz], name: "Padma Link" });
  });
  afterAll(() => t?.close());

  it("creates a distributor with a normalised phone, credit terms and coverage", async () => {
    const res = await admin.request("GET", `/api/v1/distributors/${covering.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.phone).toBe("+8801711000000");
    expect(d.territory.code).toBe("CHA-CTG");
    expect(d.coverage.map((c: { code: string }) => c.code)).toEqual(["DHA-GAZ"]);
    expect(d.status).toBe("active");
    expect(d.outletCount).toBe(0);
  });

  it("refuses a bad phone with 400 and a Bengali message for a Bengali caller; nothing is written", async () => {
    const gaz = await territoryId(t, t.orgA.orgId, "DHA-GAZ");
    const res = await admin.request(
      "POST",
      "/api/v1/distributors",
      {
        code: "BADPHONE",
        name: "Bad Phone",
        nameBn: "ভুল ফোন",
        ownerName: "X",
        phone: "01212345678",
        address: "Dhaka",
        territoryId: gaz,
      },
      { "accept-language": "bn" },
    );
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe("request.invalid");
    expect(res.json().error.message).toContain("বাংলাদেশি মোবাইল নম্বর নয়");
    const row = await t.database.handle.db
      .selectFrom("distributors")
      .select("id")
      .where("org_id", "=", t.orgA.orgId)
      .where("code", "=", "BADPHONE")
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it("refuses a duplicate code with 409", async () => {
    const gaz = await territoryId(t, t.orgA.orgId, "DHA-GAZ");
    const res = await admin.request("POST", "/api/v1/distributors", {
      code: gazipur.code,
      name: "Again",
      nameBn: "আবার",
      ownerName: "X",
      phone: "01711000001",
      address: "Dhaka",
      territoryId: gaz,
    });
    expect(res.statusCode).toBe(409);
    expect(errorCode(res)).toBe("network.distributor_code_taken");
  });

  it("finds by name in either script, phonetically", async () => {
    for (const q of ["meghna", "মেঘনা", "megna"]) {
      const res = await admin.request("GET", `/api/v1/distributors?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((d: { id: string }) => d.id)).toContain(gazipur.id);
      expect(res.json().items.map((d: { id: string }) => d.id)).not.toContain(chattogram.id);
    }
  });

  it("a manager sees distributors based in or covering their subtree, and gets 404 for others", async () => {
    const list = await manager.request("GET", "/api/v1/distributors?limit=200");
    const ids = list.json().items.map((d: { id: string }) => d.id);
    expect(ids).toContain(gazipur.id);
    expect(ids).toContain(covering.id);
    expect(ids).not.toContain(chattogram.id);
    expect((await manager.request("GET", `/api/v1/distributors/${chattogram.id}`)).statusCode).toBe(404);
    // Covering Gazipur lets the manager see it, not change it: it is based in Chattogram.
    const edit = await manager.request("PATCH", `/api/v1/distributors/${covering.id}`, { name: "Taken Over" });
    expect(edit.statusCode).toBe(403);
    // A manager cannot base a distributor outside their subtree.
    const ctg = await territoryId(t, t.orgA.orgId, "CHA-CTG");
    const outside = await manager.request("PATCH", `/api/v1/distributors/${gazipur.id}`, { territoryId: ctg });
    expect(outside.statusCode).toBe(403);
    expect(errorCode(outside)).toBe("network.territory_out_of_scope");
  });

  it("filters by territory subtree (home or coverage) and status", async () => {
    const dha = await territoryId(t, t.orgA.orgId, "DHA");
    const res = await admin.request("GET", `/api/v1/distributors?territoryId=${dha}&limit=200`);
    const ids = res.json().items.map((d: { id: string }) => d.id);
    expect(ids).toEqual(expect.arrayContaining([gazipur.id, covering.id]));
    expect(ids).not.toContain(chattogram.id);
  });

  it("a distributor user sees only its own distributor", async () => {
    const user = await admin.request("POST", "/api/v1/users", {
      email: `dist.user@${ORG_A_DOMAIN}`,
      name: "Distributor User",
      role: "distributor",
      distributorId: gazipur.id,
      password: "distributor-password-1",
    });
    expect(user.statusCode, user.body).toBe(201);
    const dist = await signIn(t.app, `dist.user@${ORG_A_DOMAIN}`, "distributor-password-1");
    const list = await dist.request("GET", "/api/v1/distributors");
    expect(list.json().items.map((d: { id: string }) => d.id)).toEqual([gazipur.id]);
    expect((await dist.request("GET", `/api/v1/distributors/${chattogram.id}`)).statusCode).toBe(404);
    expect((await dist.request("PATCH", `/api/v1/distributors/${gazipur.id}`, { name: "Mine" })).statusCode).toBe(403);
  });

  it("keeps tenants apart", async () => {
    expect((await adminB.request("GET", `/api/v1/distributors/${gazipur.id}`)).statusCode).toBe(404);
    const list = await adminB.request("GET", "/api/v1/distributors?limit=200");
    expect(list.json().items.map((d: { id: string }) => d.id)).not.toContain(gazipur.id);
    expect((await adminB.request("PATCH", `/api/v1/distributors/${gazipur.id}`, { name: "B" })).statusCode).toBe(404);
  });

  it("pages with a cursor in every sort order without gaps or repeats", async () => {
    const ctg = await territoryId(t, t.orgA.orgId, "CHA-CTG");
    for (let i = 0; i < 5; i++) await createDistributor(admin, ctg);
    const all = (await admin.request("GET", "/api/v1/distributors?limit=200&sort=code"))
      .json()
      .items.map((d: { id: string }) => d.id);
    for (const sort of ["name", "code", "created"]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/distributors?limit=2&sort=${sort}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
        const res = await admin.request("GET", url);
        expect(res.statusCode).toBe(200);
        seen.push(...res.json().items.map((d: { id: string }) => d.id));
        cursor = res.json().nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual([...all].sort());
    }
  });

  it("exports CSV with a BOM and Bengali names", async () => {
    const res = await admin.request("GET", `/api/v1/distributors.csv?q=meghna`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    expect(res.body).toContain("মেঘনা ডিস্ট্রিবিউশন");
    expect(res.body).toContain(gazipur.code);
    expect(res.body).not.toContain(chattogram.code);
  });

  it("updates with an audit row, and archives only a distributor without active outlets", async () => {
    const upd = await admin.request("PATCH", `/api/v1/distributors/${chattogram.id}`, {
      creditLimitPoisha: 50_000_00,
      creditDays: 15,
      phone: "+880 1911-222333",
    });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json()).toMatchObject({ creditLimitPoisha: 5_000_000, creditDays: 15, phone: "+8801911222333" });

    const route = await routeUnder(t, t.orgA.orgId, "CHA-CTG");
    const outlet = await createOutlet(admin, route, chattogram.id);
    const refused = await admin.request("POST", `/api/v1/distributors/${chattogram.id}/archive`, undefined, {
      "accept-language": "bn",
    });
    expect(refused.statusCode).toBe(409);
    expect(errorCode(refused)).toBe("network.distributor_has_outlets");
    expect(hasBengali(refused.json().error.message)).toBe(true);
    expect((await admin.request("POST", `/api/v1/outlets/${outlet.id}/archive`)).statusCode).toBe(200);
    const ok = await admin.request("POST", `/api/v1/distributors/${chattogram.id}/archive`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe("archived");
    const active = await admin.request("GET", "/api/v1/distributors?limit=200");
    expect(active.json().items.map((d: { id: string }) => d.id)).not.toContain(chattogram.id);
    const archived = await admin.request("GET", "/api/v1/distributors?status=archived&limit=200");
    expect(archived.json().items.map((d: { id: string }) => d.id)).toContain(chattogram.id);
  });
});
