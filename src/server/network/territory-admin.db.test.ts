// Territory administration: adding, renaming, moving (the subtree's paths follow) and archiving nodes, the
// CSV import (all or nothing, with a row-by-row report), and who may do it where.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCode, hasBengali } from "../testing/assertions.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, ORG_B_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";
import { territoryId } from "./network-test-fixtures.ts";

describe("territory administration", () => {
  let t: TestApp;
  let admin: Caller;
  let manager: Caller; // Dhaka division
  let rep: Caller;
  let adminB: Caller;
  const db = () => t.database.handle.db;
  const row = (id: string) =>
    db()
      .selectFrom("territories")
      .selectAll()
      .where("org_id", "=", t.orgA.orgId)
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
  const countA = async () =>
    Number(
      (
        await db()
          .selectFrom("territories")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("org_id", "=", t.orgA.orgId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
    manager = await signIn(t.app, `manager@${ORG_A_DOMAIN}`);
    rep = await signIn(t.app, `rep@${ORG_A_DOMAIN}`);
    adminB = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
  });
  afterAll(() => t?.close());

  it("adds a child one level below its parent, and refuses a level that skips or repeats", async () => {
    const dha = await territoryId(t, t.orgA.orgId, "DHA");
    const ok = await admin.request("POST", "/api/v1/territories", {
      parentId: dha,
      level: "area",
      code: "DHA-NEW",
      name: "New Area",
      nameBn: "নতুন এলাকা",
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const created = ok.json();
    const parent = await row(dha);
    expect(created.path).toBe(`${parent.path}${created.id}/`);
    expect(created.level).toBe("area");

    const wrong = await admin.request(
      "POST",
      "/api/v1/territories",
      { parentId: dha, level: "route", code: "DHA-BAD", name: "Bad", nameBn: "ভুল" },
      { "accept-language": "bn" },
    );
    expect(wrong.statusCode).toBe(400);
    expect(errorCode(wrong)).toBe("network.territory_wrong_level");
    expect(hasBengali(wrong.json().error.message)).toBe(true);

    const dup = await admin.request("POST", "/api/v1/territories", {
      parentId: dha,
      level: "area",
      code: "DHA-NEW",
      name: "Again",
      nameBn: "আবার",
    });
    expect(dup.statusCode).toBe(409);
    expect(errorCode(dup)).toBe("network.territory_code_taken");
  });

  it("lets a manager edit inside their subtree only; outside it the territory does not exist (404)", async () => {
    const gaz = await territoryId(t, t.orgA.orgId, "DHA-GAZ");
    const inside = await manager.request("POST", "/api/v1/territories", {
      parentId: gaz,
      level: "territory",
      code: "DHA-GAZ-MGR",
      name: "Manager Made",
      nameBn: "ম্যানেজারের তৈরি",
    });
    expect(inside.statusCode, inside.body).toBe(201);

    const ctg = await territoryId(t, t.orgA.orgId, "CHA-CTG");
    const outside = await manager.request("POST", "/api/v1/territories", {
      parentId: ctg,
      level: "territory",
      code: "CHA-CTG-MGR",
      name: "Not Mine",
      nameBn: "আমার নয়",
    });
    expect(outside.statusCode).toBe(404);
    const rename = await manager.request("PATCH", `/api/v1/territories/${ctg}`, { name: "Renamed" });
    expect(rename.statusCode).toBe(404);
    expect((await row(ctg)).name).not.toBe("Renamed");

    const byRep = await rep.request("PATCH", `/api/v1/territories/${gaz}`, { name: "Rep Renamed" });
    expect(byRep.statusCode).toBe(403);
    expect(errorCode(byRep)).toBe("access.forbidden");
  });

  it("renames in both languages and changes the code", async () => {
    const gaz = await territoryId(t, t.orgA.orgId, "DHA-GAZ");
    const res = await admin.request("PATCH", `/api/v1/territories/${gaz}`, {
      name: "Gazipur North",
      nameBn: "উত্তর গাজীপুর",
      code: "DHA-GZN",
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = await row(gaz);
    expect([after.name, after.name_bn, after.code]).toEqual(["Gazipur North", "উত্তর গাজীপুর", "DHA-GZN"]);
    const audit = await db()
      .selectFrom("audit_log")
      .selectAll()
      .where("org_id", "=", t.orgA.orgId)
      .where("entity", "=", "territory")
      .where("entity_id", "=", gaz)
      .where("action", "=", "update")
      .execute();
    expect(audit).toHaveLength(1);
    // Put it back for the other tests.
    await admin.request("PATCH", `/api/v1/territories/${gaz}`, { code: "DHA-GAZ", name: "Gazipur" });
  });

  it("moves a subtree: every path below is rewritten, in one go", async () => {
    const gaz = await territoryId(t, t.orgA.orgId, "DHA-GAZ");
    const cha = await territoryId(t, t.orgA.orgId, "CHA");
    const before = await row(gaz);
    const subtreeBefore = await db()
      .selectFrom("territories")
      .select(["id", "path"])
      .where("org_id", "=", t.orgA.orgId)
      .where("path", "like", `${before.path}%`)
      .execute();
    expect(subtreeBefore.length).toBeGreaterThan(2);

    const res = await admin.request("POST", `/api/v1/territories/${gaz}/move`, { parentId: cha });
    expect(res.statusCode, res.body).toBe(200);
    const chaRow = await row(cha);
    const newPrefix = `${chaRow.path}${gaz}/`;
    expect(res.json().path).toBe(newPrefix);
    for (const s of subtreeBefore) {
      const now = await row(s.id);
      expect(now.path).toBe(newPrefix + s.path.slice(before.path.length));
    }
    expect((await row(gaz)).parent_id).toBe(cha);

    // The Dhaka manager no longer sees Gazipur; an admin moves it back.
    const mgr = await manager.request("PATCH", `/api/v1/territories/${gaz}`, { name: "Gone" });
    expect(mgr.statusCode).toBe(404);
    const dha = await territoryId(t, t.orgA.orgId, "DHA");
    expect((await admin.request("POST", `/api/v1/territories/${gaz}/move`, { parentId: dha })).statusCode).toBe(200);
    expect((await row(gaz)).path).toBe(before.path);
  });

  it("refuses to move a territory under itself or its own descendant, or to the wrong level", async () => {
    const dha = await territoryId(t, t.orgA.orgId, "DHA");
    const gaz = await territoryId(t, t.orgA.orgId, "DHA-GAZ");
    const underChild = await admin.request("POST", `/api/v1/territories/${dha}/move`, { parentId: gaz });
    expect(underChild.statusCode).toBe(409);
    expect(errorCode(underChild)).toBe("network.territory_move_into_subtree");
    const underSelf = await admin.request("POST", `/api/v1/territories/${dha}/move`, { parentId: dha });
    expect(underSelf.statusCode).toBe(409);
    const ctg = await territoryId(t, t.orgA.orgId, "CHA-CTG");
    const wrongLevel = await admin.request("POST", `/api/v1/territories/${gaz}/move`, { parentId: ctg });
    expect(wrongLevel.statusCode).toBe(400);
    expect(errorCode(wrongLevel)).toBe("network.territory_wrong_level");
  });

  it("archives a leaf, and refuses a territory with active children", async () => {
    const gaz = await territoryId(t, t.orgA.orgId, "DHA-GAZ");
    const busy = await admin.request("POST", `/api/v1/territories/${gaz}/archive`);
    expect(busy.statusCode).toBe(409);
    expect(errorCode(busy)).toBe("network.territory_in_use");
    expect((await row(gaz)).archived_at).toBeNull();

    const leaf = await territoryId(t, t.orgA.orgId, "DHA-NEW");
    const ok = await admin.request("POST", `/api/v1/territories/${leaf}/archive`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().archived).toBe(true);
    expect((await row(leaf)).archived_at).not.toBeNull();
  });

  it("keeps tenants apart: org B's admin cannot touch org A's tree", async () => {
    const gaz = await territoryId(t, t.orgA.orgId, "DHA-GAZ");
    expect((await adminB.request("PATCH", `/api/v1/territories/${gaz}`, { name: "B was here" })).statusCode).toBe(404);
    expect((await adminB.request("POST", `/api/v1/territories/${gaz}/archive`)).statusCode).toBe(404);
    const bRoot = await territoryId(t, t.orgB.orgId, "BD");
    const cross = await adminB.request("POST", `/api/v1/territories/${gaz}/move`, { parentId: bRoot });
    expect(cross.statusCode).toBe(404);
    expect((await row(gaz)).name).not.toBe("B was here");
  });

  describe("CSV import", () => {
    it("imports nothing when one row is bad, and names the row and column in the caller's language", async () => {
      const before = await countA();
      const csv = [
        "code,name,name_bn,level,parent_code",
        "IMP-A,Import Area,আমদানি এলাকা,area,DHA",
        "IMP-T,Import Territory,আমদানি টেরিটরি,teritory,IMP-A",
        "IMP-R,Import Route,আমদানি রুট,route,NOPE",
      ].join("\n");
      const res = await admin.request("POST", "/api/v1/territories/import", { csv }, { "accept-language": "bn" });
      expect(res.statusCode, res.body).toBe(422);
      expect(errorCode(res)).toBe("network.import_invalid");
      const errors = res.json().error.details.errors as {
        row: number;
        column: string;
        code: string;
        message: string;
      }[];
      expect(errors.find((e) => e.row === 3)?.column).toBe("level");
      expect(errors.find((e) => e.row === 4)?.column).toBe("parent_code");
      expect(errors.every((e) => hasBengali(e.message))).toBe(true);
      expect(hasBengali(res.json().error.message)).toBe(true);
      expect(await countA()).toBe(before);
    });

    it("imports every row in one go when all are good; a parent may be earlier in the same file", async () => {
      const before = await countA();
      const csv =
        "\uFEFFcode,name,name_bn,level,parent_code\r\n" +
        'IMP2-A,"Import, Area",আমদানি এলাকা,area,DHA\r\n' +
        "IMP2-T,Import Territory,আমদানি টেরিটরি,territory,IMP2-A\r\n" +
        "IMP2-R,Import Route,আমদানি রুট,route,IMP2-T\r\n";
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/territories/import",
        headers: { cookie: admin.cookie, "x-csrf-token": admin.csrf, "content-type": "text/csv" },
        payload: csv,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().imported).toBe(3);
      expect(await countA()).toBe(before + 3);
      const route = await row(await territoryId(t, t.orgA.orgId, "IMP2-R"));
      const area = await row(await territoryId(t, t.orgA.orgId, "IMP2-A"));
      expect(area.name).toBe("Import, Area");
      expect(route.path.startsWith(area.path)).toBe(true);
      expect(route.path.split("/").filter(Boolean)).toHaveLength(5);
    });

    it("reports codes that exist already or repeat in the file", async () => {
      const csv =
        "code,name,name_bn,level,parent_code\nDHA-GAZ,X,এক্স,area,DHA\nDUP,Y,ওয়াই,area,DHA\nDUP,Z,জেড,area,DHA\n";
      const res = await admin.request("POST", "/api/v1/territories/import", { csv });
      expect(res.statusCode).toBe(422);
      const errors = res.json().error.details.errors as { row: number; code: string }[];
      expect(errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ row: 2, code: "import.code_taken" }),
          expect.objectContaining({ row: 4, code: "import.duplicate_in_file" }),
        ]),
      );
    });

    it("refuses a manager's rows outside their subtree", async () => {
      const csv = "code,name,name_bn,level,parent_code\nMGR-IMP,X,এক্স,area,CHA\n";
      const res = await manager.request("POST", "/api/v1/territories/import", { csv });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details.errors[0]).toMatchObject({
        row: 2,
        column: "parent_code",
        code: "import.out_of_scope",
      });
    });
  });
});
