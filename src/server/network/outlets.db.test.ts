// Outlets end to end: create and edit, phonetic search across scripts, dated reassignment (assignmentOn
// before and after, the daily catch-up), scope (route subtree, own distributor, tenant), map points,
// timeline, CSV export and the all-or-nothing CSV import.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businessDate } from "../../shared/format.ts";
import { errorCode, hasBengali } from "../testing/assertions.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, ORG_B_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";
import { createDistributor, createOutlet, routeUnder, territoryId } from "./network-test-fixtures.ts";
import { applyDueAssignments, assignmentOn, getOutletForOrder, outletVisible, repOnRoute } from "./outlets.service.ts";

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const ids = (res: { json(): unknown }) => (res.json() as { items: { id: string }[] }).items.map((i) => i.id);

describe("outlets", () => {
  let t: TestApp;
  let admin: Caller;
  let manager: Caller; // Dhaka division
  let adminB: Caller;
  let gazRoute: string;
  let ctgRoute: string;
  let gazDist: { id: string; code: string };
  let otherGazDist: { id: string; code: string };
  let ctgDist: { id: string; code: string };
  let mudi: { id: string; code: string };
  let ctgShop: { id: string; code: string };
  const today = businessDate();
  const db = () => t.database.handle.db;
  const outletCount = async (orgId: string) =>
    Number(
      (
        await db()
          .selectFrom("outlets")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("org_id", "=", orgId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
    manager = await signIn(t.app, `manager@${ORG_A_DOMAIN}`);
    adminB = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
    gazRoute = await routeUnder(t, t.orgA.orgId, "DHA-GAZ");
    ctgRoute = await routeUnder(t, t.orgA.orgId, "CHA-CTG");
    gazDist = await createDistributor(admin, await territoryId(t, t.orgA.orgId, "DHA-GAZ"));
    otherGazDist = await createDistributor(admin, await territoryId(t, t.orgA.orgId, "DHA-GAZ"));
    ctgDist = await createDistributor(admin, await territoryId(t, t.orgA.orgId, "CHA-CTG"));
    mudi = await createOutlet(admin, gazRoute, gazDist.id, {
      name: "Mudi Dokan",
      nameBn: "মুদি দোকান",
      ownerName: "Jamal Hossain",
      lat: 23.99,
      lng: 90.42,
      class: "A",
      creditLimitPoisha: 2_000_000,
    });
    ctgShop = await createOutlet(admin, ctgRoute, ctgDist.id, {
      name: "Karnaphuli Pharmacy",
      nameBn: "কর্ণফুলী ফার্মেসি",
      channel: "pharmacy",
      lat: 22.35,
      lng: 91.8,
    });
  });
  afterAll(() => t?.close());

  describe("create, read, update", () => {
    it("returns the outlet with its distributor and route names, and an assignment from today", async () => {
      const res = await admin.request("GET", `/api/v1/outlets/${mudi.id}`);
      expect(res.statusCode, res.body).toBe(200);
      const o = res.json();
      expect(o).toMatchObject({
        name: "Mudi Dokan",
        nameBn: "মুদি দোকান",
        phone: "+8801812345678",
        channel: "grocery",
        class: "A",
        creditLimitPoisha: 2_000_000,
        distributorId: gazDist.id,
        routeId: gazRoute,
        status: "active",
      });
      expect(o.distributorName).toContain("Test Traders");
      expect(o.routeName).toMatch(/beat/);
      expect(o.assignments).toHaveLength(1);
      expect(o.assignments[0]).toMatchObject({ distributorId: gazDist.id, effectiveFrom: today, inForce: true });
    });

    it("refuses a bad phone with a Bengali message, a non-route as route, and a duplicate code", async () => {
      const bad = await admin.request(
        "POST",
        "/api/v1/outlets",
        {
          code: "BAD-1",
          name: "B",
          nameBn: "বি",
          ownerName: "X",
          phone: "0171234",
          channel: "grocery",
          routeId: gazRoute,
        },
        { "accept-language": "bn" },
      );
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toContain("বাংলাদেশি মোবাইল নম্বর নয়");
      const notRoute = await admin.request("POST", "/api/v1/outlets", {
        code: "BAD-2",
        name: "B",
        nameBn: "বি",
        ownerName: "X",
        channel: "grocery",
        routeId: await territoryId(t, t.orgA.orgId, "DHA-GAZ"),
      });
      expect(notRoute.statusCode).toBe(400);
      expect(errorCode(notRoute)).toBe("network.not_a_route");
      const dup = await admin.request("POST", "/api/v1/outlets", {
        code: mudi.code,
        name: "B",
        nameBn: "বি",
        ownerName: "X",
        channel: "grocery",
      });
      expect(dup.statusCode).toBe(409);
      expect(errorCode(dup)).toBe("network.outlet_code_taken");
    });

    it("updates details and keeps search in step with the new name", async () => {
      const shop = await createOutlet(admin, gazRoute, gazDist.id, { name: "Old Name", nameBn: "পুরনো নাম" });
      const res = await admin.request("PATCH", `/api/v1/outlets/${shop.id}`, {
        name: "Shapla Store",
        nameBn: "শাপলা স্টোর",
        class: "B",
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ name: "Shapla Store", class: "B" });
      expect(ids(await admin.request("GET", "/api/v1/outlets?q=shapla"))).toContain(shop.id);
      expect(
        ids(await admin.request("GET", "/api/v1/outlets?q=%E0%A6%B6%E0%A6%BE%E0%A6%AA%E0%A6%B2%E0%A6%BE")),
      ).toContain(shop.id);
      expect(ids(await admin.request("GET", "/api/v1/outlets?q=old"))).not.toContain(shop.id);
    });
  });

  describe("search", () => {
    it.each(["মুদি", "mudi", "Mudi Dok", "মুদি দোকান", "mudee", "jamal"])("%s finds the মুদি দোকান", async (q) => {
      const res = await admin.request("GET", `/api/v1/outlets?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      expect(ids(res)).toContain(mudi.id);
      expect(ids(res)).not.toContain(ctgShop.id);
    });

    it("filters by channel, class, distributor, territory subtree and status", async () => {
      const dha = await territoryId(t, t.orgA.orgId, "DHA");
      expect(ids(await admin.request("GET", `/api/v1/outlets?channel=pharmacy&limit=200`))).toContain(ctgShop.id);
      expect(ids(await admin.request("GET", `/api/v1/outlets?channel=pharmacy&limit=200`))).not.toContain(mudi.id);
      expect(ids(await admin.request("GET", `/api/v1/outlets?class=A&limit=200`))).toContain(mudi.id);
      expect(ids(await admin.request("GET", `/api/v1/outlets?distributorId=${ctgDist.id}`))).toEqual([ctgShop.id]);
      const inDhaka = ids(await admin.request("GET", `/api/v1/outlets?territoryId=${dha}&limit=200`));
      expect(inDhaka).toContain(mudi.id);
      expect(inDhaka).not.toContain(ctgShop.id);
    });

    it("pages with a cursor, also while ranking search results", async () => {
      for (let i = 0; i < 4; i++)
        await createOutlet(admin, gazRoute, gazDist.id, { name: `Mudi Bazar ${i}`, nameBn: "মুদি বাজার" });
      for (const query of ["sort=name", "sort=code", "sort=created", "q=mudi", "q=mudi&sort=created"]) {
        const all = ids(await admin.request("GET", `/api/v1/outlets?${query}&limit=200`));
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const url: string = `/api/v1/outlets?${query}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
          const res = await admin.request("GET", url);
          expect(res.statusCode, res.body).toBe(200);
          seen.push(...ids(res));
          cursor = (res.json() as { nextCursor: string | null }).nextCursor;
        } while (cursor);
        expect(seen).toEqual(all);
      }
    });
  });

  describe("scope", () => {
    it("a manager sees outlets on routes in their subtree, and gets 404 outside it", async () => {
      const list = ids(await manager.request("GET", "/api/v1/outlets?limit=200"));
      expect(list).toContain(mudi.id);
      expect(list).not.toContain(ctgShop.id);
      expect((await manager.request("GET", `/api/v1/outlets/${ctgShop.id}`)).statusCode).toBe(404);
      expect((await manager.request("PATCH", `/api/v1/outlets/${ctgShop.id}`, { name: "Mine" })).statusCode).toBe(404);
      expect((await manager.request("GET", `/api/v1/outlets/${ctgShop.id}/timeline`)).statusCode).toBe(404);
      // Nor can they put an outlet on a route they cannot see, or leave it without one.
      const outside = await manager.request("POST", "/api/v1/outlets", {
        code: "MGR-OUT",
        name: "X",
        nameBn: "এক্স",
        ownerName: "X",
        channel: "grocery",
        routeId: ctgRoute,
      });
      expect(outside.statusCode).toBe(403);
      const noRoute = await manager.request("POST", "/api/v1/outlets", {
        code: "MGR-NONE",
        name: "X",
        nameBn: "এক্স",
        ownerName: "X",
        channel: "grocery",
      });
      expect(noRoute.statusCode).toBe(400);
      expect(errorCode(noRoute)).toBe("network.route_required");
    });

    it("a distributor user sees only the outlets it serves", async () => {
      const created = await admin.request("POST", "/api/v1/users", {
        email: `ctg.dist@${ORG_A_DOMAIN}`,
        name: "Ctg Distributor",
        role: "distributor",
        distributorId: ctgDist.id,
        password: "distributor-password-2",
      });
      expect(created.statusCode, created.body).toBe(201);
      const dist = await signIn(t.app, `ctg.dist@${ORG_A_DOMAIN}`, "distributor-password-2");
      expect(ids(await dist.request("GET", "/api/v1/outlets?limit=200"))).toEqual([ctgShop.id]);
      expect((await dist.request("GET", `/api/v1/outlets/${mudi.id}`)).statusCode).toBe(404);
      expect((await dist.request("GET", `/api/v1/outlets/${ctgShop.id}`)).statusCode).toBe(200);
      const map = await dist.request("GET", "/api/v1/outlets/map");
      expect(ids(map)).toEqual([ctgShop.id]);
      const csv = await dist.request("GET", "/api/v1/outlets.csv");
      expect(csv.body).toContain(ctgShop.code);
      expect(csv.body).not.toContain(mudi.code);
      expect((await dist.request("PATCH", `/api/v1/outlets/${ctgShop.id}`, { name: "X" })).statusCode).toBe(403);
    });

    it("keeps tenants apart", async () => {
      expect((await adminB.request("GET", `/api/v1/outlets/${mudi.id}`)).statusCode).toBe(404);
      expect(ids(await adminB.request("GET", "/api/v1/outlets?q=mudi"))).not.toContain(mudi.id);
      expect(ids(await adminB.request("GET", "/api/v1/outlets/map"))).not.toContain(mudi.id);
      expect((await adminB.request("PATCH", `/api/v1/outlets/${mudi.id}`, { name: "B" })).statusCode).toBe(404);
      const assign = await adminB.request("POST", `/api/v1/outlets/${mudi.id}/assign`, {
        distributorId: gazDist.id,
        effectiveFrom: today,
      });
      expect(assign.statusCode).toBe(404);
      expect(await getOutletForOrder(db(), t.orgB.orgId, mudi.id)).toBeNull();
    });

    it("outletVisible applies the same rule as the list", async () => {
      const row = await getOutletForOrder(db(), t.orgA.orgId, mudi.id);
      if (!row) throw new Error("no outlet");
      const dha = await db()
        .selectFrom("territories")
        .select(["id", "path"])
        .where("org_id", "=", t.orgA.orgId)
        .where("code", "=", "DHA")
        .executeTakeFirstOrThrow();
      const cha = await db()
        .selectFrom("territories")
        .select(["id", "path"])
        .where("org_id", "=", t.orgA.orgId)
        .where("code", "=", "CHA")
        .executeTakeFirstOrThrow();
      const as = (scope: Parameters<typeof outletVisible>[0]["actor"]["scope"]) =>
        outletVisible({ actor: { scope } as Parameters<typeof outletVisible>[0]["actor"] }, row);
      expect(as({ kind: "org" })).toBe(true);
      expect(as({ kind: "territory", territoryId: dha.id, path: dha.path })).toBe(true);
      expect(as({ kind: "territory", territoryId: cha.id, path: cha.path })).toBe(false);
      expect(as({ kind: "distributor", distributorId: gazDist.id })).toBe(true);
      expect(as({ kind: "distributor", distributorId: ctgDist.id })).toBe(false);
      expect(as({ kind: "outlet", outletId: mudi.id })).toBe(true);
      expect(as({ kind: "none" })).toBe(false);
      expect(row).toMatchObject({ channel: "grocery", class: "A", credit_limit_poisha: 2_000_000, status: "active" });
    });
  });

  describe("reassignment from a date", () => {
    it("a future reassignment changes nothing today; assignmentOn answers by date; the daily job applies it", async () => {
      const shop = await createOutlet(admin, gazRoute, gazDist.id);
      const later = addDays(today, 10);
      const res = await admin.request("POST", `/api/v1/outlets/${shop.id}/assign`, {
        distributorId: otherGazDist.id,
        routeId: gazRoute,
        effectiveFrom: later,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().distributorId).toBe(gazDist.id);
      expect(res.json().assignments.map((a: { inForce: boolean }) => a.inForce)).toEqual([false, true]);

      expect(await assignmentOn(db(), t.orgA.orgId, shop.id, today)).toEqual({
        distributorId: gazDist.id,
        routeId: gazRoute,
      });
      expect(await assignmentOn(db(), t.orgA.orgId, shop.id, addDays(later, -1))).toEqual({
        distributorId: gazDist.id,
        routeId: gazRoute,
      });
      expect(await assignmentOn(db(), t.orgA.orgId, shop.id, later)).toEqual({
        distributorId: otherGazDist.id,
        routeId: gazRoute,
      });
      expect(await assignmentOn(db(), t.orgA.orgId, shop.id, addDays(later, 100))).toEqual({
        distributorId: otherGazDist.id,
        routeId: gazRoute,
      });
      // Before the first assignment: the outlet's current values.
      expect(await assignmentOn(db(), t.orgA.orgId, shop.id, "2020-01-01")).toEqual({
        distributorId: gazDist.id,
        routeId: gazRoute,
      });

      expect(await applyDueAssignments(db(), t.orgA.orgId, addDays(later, -1))).toBe(0);
      expect((await getOutletForOrder(db(), t.orgA.orgId, shop.id))?.distributor_id).toBe(gazDist.id);
      expect(await applyDueAssignments(db(), t.orgA.orgId, later)).toBeGreaterThanOrEqual(1);
      expect((await getOutletForOrder(db(), t.orgA.orgId, shop.id))?.distributor_id).toBe(otherGazDist.id);
      // Applying again changes nothing.
      expect(await applyDueAssignments(db(), t.orgA.orgId, later)).toBe(0);
    });

    it("a reassignment from today or earlier takes effect at once, and moves the outlet between scopes", async () => {
      const shop = await createOutlet(admin, gazRoute, gazDist.id);
      const res = await admin.request("POST", `/api/v1/outlets/${shop.id}/assign`, {
        distributorId: ctgDist.id,
        routeId: ctgRoute,
        effectiveFrom: addDays(today, -3),
      });
      expect(res.statusCode, res.body).toBe(200);
      // Today's assignment (made at creation) is later than the backdated one, so it stays in force.
      expect(res.json().distributorId).toBe(gazDist.id);
      const now = await admin.request("POST", `/api/v1/outlets/${shop.id}/assign`, {
        distributorId: ctgDist.id,
        routeId: ctgRoute,
        effectiveFrom: today,
      });
      expect(now.statusCode).toBe(409);
      expect(errorCode(now)).toBe("network.assignment_exists");
      const tomorrow = addDays(today, 1);
      await admin.request("POST", `/api/v1/outlets/${shop.id}/assign`, {
        distributorId: ctgDist.id,
        routeId: ctgRoute,
        effectiveFrom: tomorrow,
      });
      await applyDueAssignments(db(), t.orgA.orgId, tomorrow);
      expect((await getOutletForOrder(db(), t.orgA.orgId, shop.id))?.route_id).toBe(ctgRoute);
      expect((await manager.request("GET", `/api/v1/outlets/${shop.id}`)).statusCode).toBe(404);
      // Past sales keep their owner: the assignment on an earlier day is still the old one.
      expect((await assignmentOn(db(), t.orgA.orgId, shop.id, today))?.distributorId).toBe(gazDist.id);
    });

    it("shows reassignments on the outlet's timeline", async () => {
      const res = await admin.request("GET", `/api/v1/outlets/${mudi.id}/timeline`);
      expect(res.statusCode).toBe(200);
      const actions = (res.json().items as { action: string }[]).map((e) => e.action);
      expect(actions).toContain("create");
      await admin.request("POST", `/api/v1/outlets/${mudi.id}/assign`, {
        distributorId: otherGazDist.id,
        routeId: gazRoute,
        effectiveFrom: addDays(today, 30),
      });
      const after = await admin.request("GET", `/api/v1/outlets/${mudi.id}/timeline`);
      expect(after.json().items[0].action).toBe("assign");
    });

    it("gives a route to a rep from a date; repOnRoute answers by date", async () => {
      const rep = t.orgA.usersByRole.rep;
      const from = addDays(today, 5);
      // Whoever had the beat before (the demo seed may have given it to someone) keeps it until then.
      const before = await repOnRoute(db(), t.orgA.orgId, gazRoute, addDays(from, -1));
      const res = await admin.request("POST", `/api/v1/routes/${gazRoute}/assign-rep`, {
        repUserId: rep,
        effectiveFrom: from,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().items[0]).toMatchObject({ repUserId: rep, effectiveFrom: from });
      expect(await repOnRoute(db(), t.orgA.orgId, gazRoute, from)).toBe(rep);
      expect(await repOnRoute(db(), t.orgA.orgId, gazRoute, addDays(from, 30))).toBe(rep);
      expect(await repOnRoute(db(), t.orgA.orgId, gazRoute, addDays(from, -1))).toBe(before);
      expect(await repOnRoute(db(), t.orgA.orgId, gazRoute, "2000-01-01")).toBeNull();
      const again = await admin.request("POST", `/api/v1/routes/${gazRoute}/assign-rep`, {
        repUserId: rep,
        effectiveFrom: from,
      });
      expect(again.statusCode).toBe(409);
      const notRep = await admin.request("POST", `/api/v1/routes/${gazRoute}/assign-rep`, {
        repUserId: t.orgA.usersByRole.manager,
        effectiveFrom: addDays(today, 6),
      });
      expect(notRep.statusCode).toBe(400);
      expect(
        (
          await manager.request("POST", `/api/v1/routes/${ctgRoute}/assign-rep`, {
            repUserId: rep,
            effectiveFrom: today,
          })
        ).statusCode,
      ).toBe(404);
    });
  });

  describe("map", () => {
    it("returns light points inside a bounding box", async () => {
      const dhaka = await admin.request("GET", "/api/v1/outlets/map?bbox=89.5,23.0,91.0,24.5");
      expect(dhaka.statusCode, dhaka.body).toBe(200);
      // The background tiles are the server's configured ones (the default, in tests).
      expect(dhaka.json().tiles).toEqual({
        url: "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        attribution: "© OpenStreetMap contributors",
      });
      expect(ids(dhaka)).toContain(mudi.id);
      expect(ids(dhaka)).not.toContain(ctgShop.id);
      const point = dhaka.json().items.find((p: { id: string }) => p.id === mudi.id);
      expect(point).toEqual({
        id: mudi.id,
        name: "Mudi Dokan",
        nameBn: "মুদি দোকান",
        lat: 23.99,
        lng: 90.42,
        channel: "grocery",
        class: "A",
      });
      expect(dhaka.json().truncated).toBe(false);
      expect((await admin.request("GET", "/api/v1/outlets/map?bbox=nonsense")).statusCode).toBe(400);
    });
  });

  describe("CSV", () => {
    it("exports with a BOM, Bengali names and the import's columns", async () => {
      const res = await admin.request("GET", "/api/v1/outlets.csv?q=mudi");
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toContain("text/csv");
      expect(res.headers["content-disposition"]).toContain("outlets-");
      expect(res.body.charCodeAt(0)).toBe(0xfeff);
      expect(res.body.split("\r\n")[0]).toBe(
        "\uFEFFcode,name,name_bn,owner_name,phone,address,division,district,upazila,lat,lng,channel,class,credit_limit_taka,distributor_code,route_code,status",
      );
      expect(res.body).toContain("মুদি দোকান");
      expect(res.body).toContain("20000.00");
      expect(res.body).not.toContain(ctgShop.code);
    });

    const header =
      "code,name,name_bn,owner_name,phone,address,division,district,upazila,lat,lng,channel,class,credit_limit_taka,distributor_code,route_code";

    it("imports nothing when one row is bad, and the report names the row", async () => {
      const gazRouteCode = (
        await db().selectFrom("territories").select("code").where("id", "=", gazRoute).executeTakeFirstOrThrow()
      ).code;
      const before = await outletCount(t.orgA.orgId);
      const csv = [
        header,
        `IMP-O1,Rahim Store,রহিম স্টোর,Rahim,01711111111,"Road 1, Tongi",Dhaka,Gazipur,Tongi,23.9,90.4,grocery,B,5000,${gazDist.code},${gazRouteCode}`,
        `IMP-O2,Karim Store,করিম স্টোর,Karim,01211111111,,,,,,,grocery,C,,${gazDist.code},${gazRouteCode}`,
        `IMP-O3,Salam Store,সালাম স্টোর,Salam,,,,,,,,bakery,D,,NOPE,${gazRouteCode}`,
      ].join("\n");
      const res = await admin.request("POST", "/api/v1/outlets/import", { csv }, { "accept-language": "bn" });
      expect(res.statusCode, res.body).toBe(422);
      const errors = res.json().error.details.errors as {
        row: number;
        column: string;
        code: string;
        message: string;
      }[];
      expect(errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ row: 3, column: "phone", code: "import.bad_phone" }),
          expect.objectContaining({ row: 4, column: "channel" }),
          expect.objectContaining({ row: 4, column: "class" }),
          expect.objectContaining({ row: 4, column: "distributor_code" }),
        ]),
      );
      expect(errors.some((e) => e.row === 2)).toBe(false);
      expect(errors.every((e) => hasBengali(e.message))).toBe(true);
      expect(await outletCount(t.orgA.orgId)).toBe(before);
    });

    it("imports every row when all are good, with assignments and searchable names", async () => {
      const gazRouteCode = (
        await db().selectFrom("territories").select("code").where("id", "=", gazRoute).executeTakeFirstOrThrow()
      ).code;
      const before = await outletCount(t.orgA.orgId);
      const csv = [
        header,
        `IMP-G1,Rahim Store,রহিম স্টোর,Rahim,০১৭১১১১১১১১,"Road 1, Tongi",Dhaka,Gazipur,Tongi,23.9,90.4,grocery,B,"5,000.50",${gazDist.code},${gazRouteCode}`,
        `IMP-G2,Karim Medicine,করিম মেডিসিন,Karim,,,,,,,,pharmacy,,,,${gazRouteCode}`,
      ].join("\r\n");
      const res = await admin.request("POST", "/api/v1/outlets/import", { csv });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().imported).toBe(2);
      expect(await outletCount(t.orgA.orgId)).toBe(before + 2);
      const found = await admin.request("GET", "/api/v1/outlets?q=rohim");
      const rahim = (
        found.json().items as { code: string; phone: string; creditLimitPoisha: number; distributorId: string }[]
      ).find((o) => o.code === "IMP-G1");
      expect(rahim).toMatchObject({ phone: "+8801711111111", creditLimitPoisha: 500_050, distributorId: gazDist.id });
      // The manager of Dhaka sees the imported outlets (they are on a Gazipur route).
      expect((await manager.request("GET", "/api/v1/outlets?q=karim%20medicine")).json().items).toHaveLength(1);
    });

    it("refuses a manager's rows on routes outside their subtree", async () => {
      const ctgRouteCode = (
        await db().selectFrom("territories").select("code").where("id", "=", ctgRoute).executeTakeFirstOrThrow()
      ).code;
      const csv = `${header}\nMGR-1,X,এক্স,X,,,,,,,,grocery,C,,,${ctgRouteCode}\nMGR-2,Y,ওয়াই,Y,,,,,,,,grocery,C,,,\n`;
      const res = await manager.request("POST", "/api/v1/outlets/import", { csv });
      expect(res.statusCode).toBe(422);
      const errors = res.json().error.details.errors as { row: number; code: string }[];
      expect(errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ row: 2, code: "import.out_of_scope" }),
          expect.objectContaining({ row: 3, code: "import.route_required" }),
        ]),
      );
    });
  });
});
