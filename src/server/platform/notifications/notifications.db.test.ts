// The notification centre: an admin announces, recipients read in their language, read state is per user,
// and `notify` belongs to its caller's transaction.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../../shared/ids.ts";
import { withTransaction } from "../../db/transaction.ts";
import { hasBengali } from "../../testing/assertions.ts";
import {
  type Caller,
  createTestApp,
  ORG_A_DOMAIN,
  ORG_B_DOMAIN,
  signIn,
  type TestApp,
} from "../../testing/test-app.ts";
import { notify } from "./notifications.service.ts";

interface Item {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

describe("notifications", () => {
  let t: TestApp;
  let admin: Caller;
  let rep: Caller;
  let manager: Caller;
  let marketing: Caller;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
    rep = await signIn(t.app, `rep@${ORG_A_DOMAIN}`);
    manager = await signIn(t.app, `manager@${ORG_A_DOMAIN}`);
    marketing = await signIn(t.app, `marketing@${ORG_A_DOMAIN}`);
  });
  afterAll(() => t.close());

  const list = async (c: Caller, lang?: string, query = "") => {
    const res = await c.request(
      "GET",
      `/api/v1/notifications${query}`,
      undefined,
      lang ? { "accept-language": lang } : {},
    );
    expect(res.statusCode).toBe(200);
    return res.json() as { items: Item[]; nextCursor: string | null };
  };
  const unread = async (c: Caller) => {
    const res = await c.request("GET", "/api/v1/notifications/unread-count");
    expect(res.statusCode).toBe(200);
    return (res.json() as { unread: number }).unread;
  };
  const send = (c: Caller, body: object) => c.request("POST", "/api/v1/notifications", body);

  it("an admin sends to users; each sees it in their language, and unread counts go up", async () => {
    const [repBefore, managerBefore, marketingBefore] = [
      await unread(rep),
      await unread(manager),
      await unread(marketing),
    ];
    const res = await send(admin, {
      userIds: [t.orgA.usersByRole.rep, t.orgA.usersByRole.manager, t.orgA.usersByRole.rep],
      kind: "announcement",
      titleEn: "New price list from 1 December",
      titleBn: "১ ডিসেম্বর থেকে নতুন মূল্য তালিকা",
      bodyEn: "See the catalogue.",
      bodyBn: "ক্যাটালগ দেখুন।",
      link: "/catalog",
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ sent: 2 });

    const inBn = await list(rep, "bn");
    expect(inBn.items[0]).toMatchObject({
      kind: "announcement",
      title: "১ ডিসেম্বর থেকে নতুন মূল্য তালিকা",
      body: "ক্যাটালগ দেখুন।",
      link: "/catalog",
      readAt: null,
    });
    const inEn = await list(rep, "en");
    expect(inEn.items[0]).toMatchObject({ title: "New price list from 1 December", body: "See the catalogue." });
    expect(inEn.items[0]?.id).toBe(inBn.items[0]?.id);

    expect(await unread(rep)).toBe(repBefore + 1);
    expect(await unread(manager)).toBe(managerBefore + 1);
    expect(await unread(marketing)).toBe(marketingBefore);
    expect((await list(marketing)).items.some((n) => n.title.startsWith("New price list"))).toBe(false);
  });

  it("without Accept-Language a reader gets their own language (the demo rep reads Bengali)", async () => {
    const res = await rep.request("GET", "/api/v1/notifications");
    expect(hasBengali(res.json().items[0].title)).toBe(true);
  });

  it("audits the sending, without the recipients' ids", async () => {
    const rows = await t.database.handle.db
      .selectFrom("audit_log")
      .selectAll()
      .where("org_id", "=", t.orgA.orgId)
      .where("entity", "=", "notification")
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "send", actor_user_id: t.orgA.usersByRole.admin });
    expect(rows[0]?.after).toMatchObject({ recipients: 2, kind: "announcement" });
  });

  it("read state is per user: the rep marks theirs read, the manager's copy stays unread", async () => {
    const repItem = (await list(rep)).items[0];
    const managerItem = (await list(manager)).items[0];
    if (!repItem || !managerItem) throw new Error("both recipients should have the notification");
    expect(repItem.id).not.toBe(managerItem.id);
    const before = await unread(rep);

    expect((await rep.request("POST", `/api/v1/notifications/${repItem.id}/read`)).statusCode).toBe(204);
    expect(await unread(rep)).toBe(before - 1);
    const after = (await list(rep)).items.find((n) => n.id === repItem.id);
    expect(after?.readAt).not.toBeNull();
    // Marking again is harmless and keeps the first read time.
    expect((await rep.request("POST", `/api/v1/notifications/${repItem.id}/read`)).statusCode).toBe(204);
    expect((await list(rep)).items.find((n) => n.id === repItem.id)?.readAt).toBe(after?.readAt);

    expect((await list(manager)).items.find((n) => n.id === managerItem.id)?.readAt).toBeNull();
    expect((await list(rep, undefined, "?unread=true")).items.some((n) => n.id === repItem.id)).toBe(false);
  });

  it("a user cannot mark someone else's notification read (404), and it stays unread", async () => {
    const managerItem = (await list(manager)).items[0];
    if (!managerItem) throw new Error("the manager should have a notification");
    for (const lang of ["bn", "en"]) {
      const res = await rep.request("POST", `/api/v1/notifications/${managerItem.id}/read`, undefined, {
        "accept-language": lang,
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe("notification.not_found");
      expect(hasBengali(res.json().error.message)).toBe(lang === "bn");
    }
    expect((await list(manager)).items[0]?.readAt).toBeNull();
    // Another org's admin cannot either.
    const adminB = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
    expect((await adminB.request("POST", `/api/v1/notifications/${managerItem.id}/read`)).statusCode).toBe(404);
    expect((await list(manager)).items[0]?.readAt).toBeNull();
  });

  it("read-all marks every one of the caller's notifications and nobody else's", async () => {
    for (let i = 0; i < 3; i++)
      await send(admin, {
        userIds: [t.orgA.usersByRole.manager, t.orgA.usersByRole.rep],
        titleEn: `N${i}`,
        titleBn: `ন${i}`,
      });
    expect(await unread(manager)).toBeGreaterThanOrEqual(4);
    const repUnread = await unread(rep);
    expect((await manager.request("POST", "/api/v1/notifications/read-all")).statusCode).toBe(204);
    expect(await unread(manager)).toBe(0);
    expect((await list(manager, undefined, "?unread=true")).items).toEqual([]);
    expect(await unread(rep)).toBe(repUnread);
  });

  it("pages through a long list with a cursor, newest first", async () => {
    for (let i = 0; i < 5; i++)
      await send(admin, { userIds: [t.orgA.usersByRole.service], titleEn: `P${i}`, titleBn: `প${i}` });
    const service = await signIn(t.app, `service@${ORG_A_DOMAIN}`);
    const first = await list(service, "en", "?limit=2");
    expect(first.items.map((n) => n.title)).toEqual(["P4", "P3"]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list(service, "en", `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((n) => n.title)).toEqual(["P2", "P1"]);
    const third = await list(service, "en", `?limit=2&cursor=${second.nextCursor}`);
    expect(third.items.map((n) => n.title)).toEqual(["P0"]);
    expect(third.nextCursor).toBeNull();
    const bad = await service.request("GET", "/api/v1/notifications?cursor=garbage");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("request.bad_cursor");
  });

  it("only admins may send (403 for a manager), and nothing is sent", async () => {
    const before = await unread(rep);
    const res = await manager.request(
      "POST",
      "/api/v1/notifications",
      { userIds: [t.orgA.usersByRole.rep], titleEn: "Hello", titleBn: "হ্যালো" },
      { "accept-language": "bn" },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("access.forbidden");
    expect(hasBengali(res.json().error.message)).toBe(true);
    expect(await unread(rep)).toBe(before);
  });

  it("refuses recipients outside the org (400) and sends to nobody", async () => {
    const before = await unread(rep);
    // Org B's own notifications (the seed's morning jobs post some) stay exactly as they were.
    const inBBefore = await t.database.handle.db
      .selectFrom("notifications")
      .select("id")
      .where("org_id", "=", t.orgB.orgId)
      .execute();
    const res = await send(admin, {
      userIds: [t.orgA.usersByRole.rep, t.orgB.usersByRole.rep, newId()],
      titleEn: "Leak?",
      titleBn: "ফাঁস?",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("notification.unknown_recipients");
    expect(res.json().error.message).toContain(t.orgB.usersByRole.rep);
    expect(await unread(rep)).toBe(before);
    const inB = await t.database.handle.db
      .selectFrom("notifications")
      .select("id")
      .where("org_id", "=", t.orgB.orgId)
      .execute();
    expect(inB).toEqual(inBBefore);
    const leaked = await t.database.handle.db
      .selectFrom("notifications")
      .select("id")
      .where("title_en", "=", "Leak?")
      .execute();
    expect(leaked).toEqual([]);
  });

  it("refuses a link that leaves Bikri, with the refinement's message in the caller's language", async () => {
    for (const [lang, words] of [
      ["en", "inside Bikri"],
      ["bn", "বিক্রির ভিতরের লিংক"],
    ] as const) {
      const res = await admin.request(
        "POST",
        "/api/v1/notifications",
        { userIds: [t.orgA.usersByRole.rep], titleEn: "x", titleBn: "x", link: "//evil.example/phish" },
        { "accept-language": lang },
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain(words);
      expect(hasBengali(res.json().error.message)).toBe(lang === "bn");
    }
  });

  describe("notify() inside a module's transaction", () => {
    const countKind = async (kind: string) =>
      (await t.database.handle.db.selectFrom("notifications").select("id").where("kind", "=", kind).execute()).length;

    it("leaves nothing behind when the transaction rolls back", async () => {
      const kind = "order.confirmed.rolled-back";
      await expect(
        withTransaction(t.database.handle.db, async (tx) => {
          const ids = await notify(tx, t.orgA.orgId, {
            userIds: [t.orgA.usersByRole.rep],
            kind,
            title: { en: "Order confirmed", bn: "অর্ডার নিশ্চিত" },
          });
          expect(ids).toHaveLength(1);
          // Seen inside the transaction...
          const inside = await tx.selectFrom("notifications").select("id").where("kind", "=", kind).execute();
          expect(inside).toHaveLength(1);
          throw new Error("the order could not be confirmed");
        }),
      ).rejects.toThrow("the order could not be confirmed");
      // ...and gone after the rollback.
      expect(await countKind(kind)).toBe(0);
    });

    it("exists once the transaction commits, one per distinct user, with body and link", async () => {
      const kind = "order.confirmed.committed";
      const ids = await withTransaction(t.database.handle.db, (tx) =>
        notify(tx, t.orgA.orgId, {
          userIds: [t.orgA.usersByRole.rep, t.orgA.usersByRole.rep, t.orgA.usersByRole.manager],
          kind,
          title: { en: "Order confirmed", bn: "অর্ডার নিশ্চিত" },
          body: { en: "Order 42", bn: "অর্ডার ৪২" },
          link: "/orders/42",
        }),
      );
      expect(ids).toHaveLength(2);
      expect(await countKind(kind)).toBe(2);
      const mine = (await list(rep, "en")).items.find((n) => n.kind === kind);
      expect(mine).toMatchObject({ title: "Order confirmed", body: "Order 42", link: "/orders/42", readAt: null });
    });

    it("posts nothing for an empty recipient list", async () => {
      const ids = await withTransaction(t.database.handle.db, (tx) =>
        notify(tx, t.orgA.orgId, { userIds: [], kind: "nobody", title: { en: "x", bn: "x" } }),
      );
      expect(ids).toEqual([]);
      expect(await countKind("nobody")).toBe(0);
    });
  });
});
