// Webhooks end to end, against real HTTP receivers (node:http on 127.0.0.1): what the API promises, what a
// receiver gets and can verify, and what happens when the receiver fails, hangs or is down for an hour. Time
// is moved by handing the dispatcher a clock, never by sleeping.
import { createHmac } from "node:crypto";
import http, { type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../shared/ids.ts";
import { loadConfig } from "../config.ts";
import { systemCtx } from "../platform/context.ts";
import { AppError } from "../platform/errors.ts";
import { errorCode, must } from "../testing/assertions.ts";
import { createSalesFixture, type SalesFixture } from "../testing/sales-fixture.ts";
import { type Caller, createTestApp, ORG_A_DOMAIN, ORG_B_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";
import { startWebhookDispatcher } from "./webhook-dispatcher.ts";
import { verifySignature } from "./webhook-signature.ts";
import { createEndpoint, DELIVERY_RETENTION_DAYS, deliverDueWebhooks, purgeOldDeliveries } from "./webhooks.service.ts";

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver: records every request and answers with the queued statuses, then 200. */
class Receiver {
  readonly received: Received[] = [];
  /** Statuses to answer with, in order; 200 once they run out. */
  readonly statuses: number[] = [];
  /** Never answer (to test the timeout). */
  hang = false;
  private server: http.Server | null = null;
  port = 0;

  async start(port = 0): Promise<this> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        this.received.push({ path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
        if (this.hang) return;
        const status = this.statuses.shift() ?? 200;
        res.writeHead(status, { "content-type": "text/plain" }).end(status >= 300 ? "receiver says no" : "ok");
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }
}

let t: TestApp;
let f: SalesFixture;
let admin: Caller;
let rep: Caller;
let distributor: Caller;
let adminB: Caller;
const receiver = new Receiver();
const OTHER_ROLES = ["manager", "rep", "distributor", "retailer", "marketing", "service"] as const;
const others: Record<string, Caller> = {};

const db = () => t.database.handle.db;
/** The key the test app seals endpoint secrets with (the fixed development key of NODE_ENV=test). */
const secretKey = loadConfig({ NODE_ENV: "test" }).auth.secretKey;
const minutes = (at: Date, m: number) => new Date(at.getTime() + m * 60_000);
/** One pass of the dispatcher, as the background loop runs it, at the given time. */
const dispatch = (now?: Date, timeoutMs = 5_000) =>
  deliverDueWebhooks(db(), { allowPrivateTargets: true, secretKey, timeoutMs, ...(now && { now }) });

beforeAll(async () => {
  t = await createTestApp();
  f = await createSalesFixture(db(), t.orgA);
  admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
  rep = await signIn(t.app, `rep@${ORG_A_DOMAIN}`);
  distributor = await signIn(t.app, `distributor@${ORG_A_DOMAIN}`);
  adminB = await signIn(t.app, `admin@${ORG_B_DOMAIN}`);
  for (const role of OTHER_ROLES) others[role] = await signIn(t.app, `${role}@${ORG_A_DOMAIN}`);
  await receiver.start();
});

afterAll(async () => {
  await receiver.stop();
  await t?.close();
});

// Every test subscribes its own endpoints; deleting them afterwards keeps one test's events out of the next.
afterEach(async () => {
  for (const caller of [admin, adminB]) {
    const list = await caller.request("GET", "/api/v1/webhooks");
    for (const e of list.json().items as { id: string }[])
      expect((await caller.request("DELETE", `/api/v1/webhooks/${e.id}`)).statusCode).toBe(204);
  }
  receiver.received.length = 0;
  receiver.statuses.length = 0;
  receiver.hang = false;
});

interface CreatedEndpoint {
  id: string;
  secret: string;
  url: string;
  events: string[];
}

async function subscribe(url: string, events: string[], caller = admin): Promise<CreatedEndpoint> {
  const res = await caller.request("POST", "/api/v1/webhooks", { url, events, description: "ERP" });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function draftOrder(qty = 1): Promise<string> {
  const res = await rep.request("POST", "/api/v1/secondary-orders", {
    outletId: f.outletId,
    lines: [{ skuId: f.soapId, qty }],
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function confirmedOrder(qty = 1): Promise<string> {
  const id = await draftOrder(qty);
  const res = await rep.request("POST", `/api/v1/secondary-orders/${id}/confirm`);
  expect(res.statusCode, res.body).toBe(200);
  return id;
}

function deliveriesOf(endpointId: string) {
  return db()
    .selectFrom("webhook_deliveries")
    .selectAll()
    .where("org_id", "=", t.orgA.orgId)
    .where("endpoint_id", "=", endpointId)
    .orderBy("id")
    .execute();
}

const hmac = (secret: string, ts: string, body: string) =>
  createHmac("sha256", secret).update(`${ts}.${body}`, "utf8").digest("hex");

describe("webhook endpoints", () => {
  it("are created with a signing secret shown once, and never again", async () => {
    const body = { url: receiver.url("/created"), events: ["order.confirmed", "payment.received"] };
    const key = newId();
    const res = await admin.request("POST", "/api/v1/webhooks", body, { "idempotency-key": key });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      url: body.url,
      events: body.events,
      active: true,
      recentDeliveries: { pending: 0, succeeded: 0, failed: 0, dead: 0 },
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    // A retry with the same Idempotency-Key answers the first response, and creates nothing more.
    const again = await admin.request("POST", "/api/v1/webhooks", body, { "idempotency-key": key });
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json().id).toBe(created.id);
    const list = (await admin.request("GET", "/api/v1/webhooks")).json();
    expect(list.items.map((e: { id: string }) => e.id)).toEqual([created.id]);

    for (const url of ["/api/v1/webhooks", `/api/v1/webhooks/${created.id}`]) {
      const read = await admin.request("GET", url);
      expect(read.statusCode).toBe(200);
      expect(read.body).not.toContain(created.secret);
      expect(read.body).not.toContain('"secret"');
    }
    const audit = await db()
      .selectFrom("audit_log")
      .select(["action", "after"])
      .where("org_id", "=", t.orgA.orgId)
      .where("entity", "=", "webhook_endpoint")
      .where("entity_id", "=", created.id)
      .execute();
    expect(audit).toEqual([
      { action: "create", after: { url: body.url, description: null, events: body.events, active: true } },
    ]);
    expect(JSON.stringify(audit)).not.toContain(created.secret);
  });

  it("keep the signing secret encrypted at rest, bound to the endpoint", async () => {
    const e = await subscribe(receiver.url("/sealed"), ["order.confirmed"]);
    const row = await db()
      .selectFrom("webhook_endpoints")
      .select("secret_sealed")
      .where("org_id", "=", t.orgA.orgId)
      .where("id", "=", e.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_sealed).toMatch(/^v1\./);
    expect(row.secret_sealed).not.toContain(e.secret.slice(6));
    // Under another BIKRI_SECRET_KEY nothing is sent, unsigned or otherwise; the delivery waits for a retry.
    await confirmedOrder();
    const wrongKey = Buffer.alloc(32, 7);
    expect(await deliverDueWebhooks(db(), { allowPrivateTargets: true, secretKey: wrongKey })).toEqual({
      attempted: 1,
      succeeded: 0,
    });
    expect(receiver.at("/sealed")).toEqual([]);
    const [d] = await deliveriesOf(e.id);
    expect(d).toMatchObject({ status: "failed", attempts: 1 });
    expect(d?.last_error).toContain("BIKRI_SECRET_KEY");
    // With the right key it goes through on the next try, signed with the secret the admin was shown.
    expect(await dispatch(minutes(new Date(), 1))).toEqual({ attempted: 1, succeeded: 1 });
    const [got] = receiver.at("/sealed");
    expect(verifySignature(e.secret, String(got?.headers["bikri-signature"]), got?.body ?? "")).toBe(true);
  });

  it("refuse URLs that are not http(s), unknown events and an empty subscription", async () => {
    for (const body of [
      { url: "ftp://example.com/hook", events: ["order.confirmed"] },
      { url: "javascript:alert(1)", events: ["order.confirmed"] },
      { url: "https://user:pw@example.com/hook", events: ["order.confirmed"] },
      { url: receiver.url("/x"), events: ["order.exploded"] },
      { url: receiver.url("/x"), events: [] },
    ]) {
      const res = await admin.request("POST", "/api/v1/webhooks", body, { "accept-language": "bn" });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorCode(res)).toBe("request.invalid");
    }
    expect((await admin.request("GET", "/api/v1/webhooks")).json().items).toEqual([]);
  });

  it("accept reserved events (lead.created, ticket.closed) that no module sends yet", async () => {
    const e = await subscribe(receiver.url("/reserved"), ["lead.created", "ticket.closed"]);
    expect(e.events).toEqual(["lead.created", "ticket.closed"]);
  });

  it("refuse this machine and private networks when private targets are not allowed (production)", async () => {
    const ctx = systemCtx(db(), t.orgA.orgId);
    for (const url of ["http://127.0.0.1:9/hook", "http://localhost:9/hook", "http://10.1.2.3/hook", "http://[::1]/"]) {
      const err = await createEndpoint(
        ctx,
        { url, events: ["order.confirmed"], active: true },
        { allowPrivateTargets: false, secretKey },
      ).catch((e: unknown) => e);
      expect(err, url).toBeInstanceOf(AppError);
      expect((err as AppError).code, url).toBe("webhooks.target_private");
    }
  });

  it("can be paused (no new deliveries), changed, and deleted (the log stays)", async () => {
    const e = await subscribe(receiver.url("/paused"), ["order.confirmed"]);
    const paused = await admin.request("PATCH", `/api/v1/webhooks/${e.id}`, { active: false });
    expect(paused.statusCode, paused.body).toBe(200);
    expect(paused.json().active).toBe(false);
    await confirmedOrder();
    expect(await deliveriesOf(e.id)).toEqual([]);
    const test = await admin.request("POST", `/api/v1/webhooks/${e.id}/test`);
    expect(errorCode(test)).toBe("webhooks.endpoint_paused");

    const changed = await admin.request("PATCH", `/api/v1/webhooks/${e.id}`, {
      active: true,
      url: receiver.url("/resumed"),
      events: ["order.confirmed", "order.delivered"],
      description: null,
    });
    expect(changed.json()).toMatchObject({
      active: true,
      url: receiver.url("/resumed"),
      events: ["order.confirmed", "order.delivered"],
      description: null,
    });
    receiver.statuses.push(500);
    await confirmedOrder();
    await dispatch();
    const [failed] = await deliveriesOf(e.id);
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });

    expect((await admin.request("DELETE", `/api/v1/webhooks/${e.id}`)).statusCode).toBe(204);
    expect(errorCode(await admin.request("GET", `/api/v1/webhooks/${e.id}`))).toBe("webhooks.endpoint_not_found");
    // What it still owed will never be sent, and says so; the log keeps it.
    expect(await deliveriesOf(e.id)).toEqual([
      expect.objectContaining({ status: "dead", next_attempt_at: null, last_error: "endpoint deleted" }),
    ]);
    const log = (await admin.request("GET", `/api/v1/webhooks/deliveries?endpointId=${e.id}`)).json();
    expect(log.items).toEqual([expect.objectContaining({ id: failed?.id, status: "dead" })]);
    expect((await dispatch(minutes(new Date(), 60))).attempted).toBe(0);
    const replay = await admin.request("POST", `/api/v1/webhooks/deliveries/${failed?.id}/replay`);
    expect(errorCode(replay)).toBe("webhooks.endpoint_deleted");
  });
});

describe("events from orders and payments", () => {
  it("confirming an order delivers order.confirmed once, signed with the endpoint's secret", async () => {
    const e = await subscribe(receiver.url("/confirmed"), ["order.confirmed"]);
    const orderId = await confirmedOrder(3);
    const [pending] = await deliveriesOf(e.id);
    expect(pending).toMatchObject({ status: "pending", attempts: 0, event: "order.confirmed" });

    expect(await dispatch()).toEqual({ attempted: 1, succeeded: 1 });
    const [got] = receiver.at("/confirmed");
    if (!got) throw new Error("the receiver got nothing");
    expect(got.headers["content-type"]).toMatch(/^application\/json/);
    expect(got.headers["bikri-event"]).toBe("order.confirmed");
    expect(got.headers["bikri-delivery"]).toBe(pending?.id);
    const ts = String(got.headers["bikri-timestamp"]);
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(60);
    // The receiver's own check, written from the documentation: HMAC-SHA256 of "<t>.<body>" with the secret.
    expect(got.headers["bikri-signature"]).toBe(`t=${ts},v1=${hmac(e.secret, ts, got.body)}`);
    expect(verifySignature(e.secret, String(got.headers["bikri-signature"]), got.body)).toBe(true);
    expect(verifySignature(`${e.secret}x`, String(got.headers["bikri-signature"]), got.body)).toBe(false);

    const body = JSON.parse(got.body);
    expect(body).toMatchObject({
      id: pending?.event_id,
      type: "order.confirmed",
      orgId: t.orgA.orgId,
      data: { order: { id: orderId, status: "confirmed", outletId: f.outletId } },
    });
    const order = (await rep.request("GET", `/api/v1/secondary-orders/${orderId}`)).json();
    expect(body.data.order.totalPoisha).toBe(order.totalPoisha);
    expect(body.data.order.number).toBe(order.number);
    expect(body.data.order.lines).toEqual([expect.objectContaining({ skuId: f.soapId, qty: 3 })]);
    expect(body.data.order.actions).toBeUndefined();

    // Sent once: another pass finds nothing due.
    expect(await dispatch()).toEqual({ attempted: 0, succeeded: 0 });
    expect(await dispatch(minutes(new Date(), 120))).toEqual({ attempted: 0, succeeded: 0 });
    expect(receiver.at("/confirmed")).toHaveLength(1);
    const [done] = await deliveriesOf(e.id);
    expect(done).toMatchObject({ status: "succeeded", attempts: 1, last_status_code: 200, next_attempt_at: null });
    expect(done?.delivered_at).toBeInstanceOf(Date);
  });

  it("an order taken and confirmed in one step delivers order.confirmed too", async () => {
    await subscribe(receiver.url("/one-step"), ["order.confirmed"]);
    const res = await rep.request("POST", "/api/v1/secondary-orders", {
      outletId: f.outletId,
      lines: [{ skuId: f.biscuitId, qty: 2 }],
      confirm: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    await dispatch();
    expect(receiver.at("/one-step").map((r) => JSON.parse(r.body).data.order.id)).toEqual([res.json().id]);
  });

  it("a confirmation that rolls back (not enough stock) delivers nothing", async () => {
    const e = await subscribe(receiver.url("/rolled-back"), ["order.confirmed"]);
    const id = await draftOrder(100_000);
    const refused = await rep.request("POST", `/api/v1/secondary-orders/${id}/confirm`);
    expect(errorCode(refused)).toBe("stock.insufficient");
    const refusedAtOnce = await rep.request("POST", "/api/v1/secondary-orders", {
      outletId: f.outletId,
      lines: [{ skuId: f.soapId, qty: 100_000 }],
      confirm: true,
    });
    expect(errorCode(refusedAtOnce)).toBe("stock.insufficient");
    expect(await deliveriesOf(e.id)).toEqual([]);
    expect(await dispatch(minutes(new Date(), 60))).toEqual({ attempted: 0, succeeded: 0 });
    expect(receiver.at("/rolled-back")).toEqual([]);
  });

  it("delivering an order sends order.delivered and recording a payment sends payment.received", async () => {
    const e = await subscribe(receiver.url("/fulfilment"), ["order.delivered", "payment.received"]);
    const orderId = await confirmedOrder(2);
    for (const step of ["invoice", "dispatch", "deliver"]) {
      const r = await distributor.request(
        "POST",
        `/api/v1/secondary-orders/${orderId}/${step}`,
        step === "deliver" ? { lines: [] } : undefined,
      );
      expect(r.statusCode, r.body).toBe(200);
    }
    const paid = await rep.request("POST", "/api/v1/payments", {
      outletId: f.outletId,
      orderId,
      method: "cash",
      amountPoisha: 5000,
    });
    expect(paid.statusCode, paid.body).toBe(201);
    await dispatch();
    const bodies = receiver.at("/fulfilment").map((r) => JSON.parse(r.body));
    // Not subscribed to order.confirmed: only the two events it asked for.
    expect(bodies.map((b) => b.type).sort()).toEqual(["order.delivered", "payment.received"]);
    expect(bodies.find((b) => b.type === "order.delivered").data.order).toMatchObject({
      id: orderId,
      status: "delivered",
    });
    expect(bodies.find((b) => b.type === "payment.received").data.payment).toMatchObject({
      id: paid.json().id,
      orderId,
      amountPoisha: 5000,
      method: "cash",
    });
    expect((await deliveriesOf(e.id)).map((d) => d.status)).toEqual(["succeeded", "succeeded"]);
  });
});

describe("delivery", () => {
  it("the background dispatcher sends a new event without being asked, and stops cleanly", async () => {
    await subscribe(receiver.url("/background"), ["order.confirmed"]);
    const dispatcher = startWebhookDispatcher(db(), pino({ level: "silent" }), {
      allowPrivateTargets: true,
      secretKey,
      intervalMs: 100,
    });
    try {
      const orderId = await confirmedOrder();
      const deadline = Date.now() + 10_000;
      while (receiver.at("/background").length === 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(receiver.at("/background").map((r) => JSON.parse(r.body).data.order.id)).toEqual([orderId]);
    } finally {
      await dispatcher.stop();
    }
  });

  it("retries a receiver that answered 500, with backoff, and succeeds on the second attempt", async () => {
    const e = await subscribe(receiver.url("/flaky"), ["order.confirmed"]);
    receiver.statuses.push(500);
    await confirmedOrder();
    const t0 = new Date();
    expect(await dispatch(t0)).toEqual({ attempted: 1, succeeded: 0 });
    const [failed] = await deliveriesOf(e.id);
    expect(failed).toMatchObject({ status: "failed", attempts: 1, last_status_code: 500 });
    expect(failed?.last_error).toContain("HTTP 500: receiver says no");
    expect(failed?.next_attempt_at?.getTime()).toBe(t0.getTime() + 30_000);

    expect(await dispatch(new Date(t0.getTime() + 29_000))).toEqual({ attempted: 0, succeeded: 0 });
    expect(await dispatch(new Date(t0.getTime() + 30_000))).toEqual({ attempted: 1, succeeded: 1 });
    const [done] = await deliveriesOf(e.id);
    expect(done).toMatchObject({ status: "succeeded", attempts: 2, last_status_code: 200, last_error: null });
    const got = receiver.at("/flaky");
    expect(got).toHaveLength(2);
    // The same delivery and the same body both times; each attempt signed afresh.
    expect(got[1]?.headers["bikri-delivery"]).toBe(got[0]?.headers["bikri-delivery"]);
    expect(got[1]?.body).toBe(got[0]?.body);
    for (const r of got) expect(verifySignature(e.secret, String(r.headers["bikri-signature"]), r.body)).toBe(true);
  });

  it("loses nothing while the receiver is down for an hour", async () => {
    const down = await new Receiver().start();
    const port = down.port;
    await down.stop(); // nothing listens on the port now: connection refused
    const e = await subscribe(`http://127.0.0.1:${port}/down`, ["order.confirmed", "payment.received"]);
    const orderIds = [await confirmedOrder(), await confirmedOrder()];
    const paid = await rep.request("POST", "/api/v1/payments", {
      outletId: f.outletId,
      method: "cash",
      amountPoisha: 700,
    });
    expect(paid.statusCode, paid.body).toBe(201);

    // An hour of the dispatcher's passes, every 30 seconds, against a closed port.
    const t0 = new Date();
    for (let s = 0; s <= 3600; s += 30) await dispatch(new Date(t0.getTime() + s * 1000));
    const during = await deliveriesOf(e.id);
    expect(during).toHaveLength(3);
    for (const d of during) {
      // Tries at 0, 0.5, 1.5, 3.5, 7.5, 15.5 and 31.5 minutes; the next one is due at 63.5.
      expect(d).toMatchObject({ status: "failed", attempts: 7, last_status_code: null });
      expect(d.last_error).toContain("ECONNREFUSED");
      expect(d.next_attempt_at?.getTime()).toBe(t0.getTime() + 63.5 * 60_000);
    }

    const back = await new Receiver().start(port);
    try {
      for (let s = 3630; s <= 3900; s += 30) await dispatch(new Date(t0.getTime() + s * 1000));
      const after = await deliveriesOf(e.id);
      expect(after.map((d) => [d.status, d.attempts])).toEqual([
        ["succeeded", 8],
        ["succeeded", 8],
        ["succeeded", 8],
      ]);
      // Each event arrived exactly once.
      const bodies = back.at("/down").map((r) => JSON.parse(r.body));
      expect(bodies.map((b) => b.id).sort()).toEqual(after.map((d) => d.event_id).sort());
      expect(
        bodies
          .filter((b) => b.type === "order.confirmed")
          .map((b) => b.data.order.id)
          .sort(),
      ).toEqual([...orderIds].sort());
      expect(bodies.filter((b) => b.type === "payment.received").map((b) => b.data.payment.id)).toEqual([
        paid.json().id,
      ]);
    } finally {
      await back.stop();
    }
  });

  it("gives a delivery up as dead after the last attempt, about a day later", async () => {
    const down = await new Receiver().start();
    const port = down.port;
    await down.stop();
    const e = await subscribe(`http://127.0.0.1:${port}/never`, ["order.confirmed"]);
    await confirmedOrder();
    let now = new Date();
    const first = now.getTime();
    for (let i = 0; i < 20; i++) {
      await dispatch(now);
      const [d] = await deliveriesOf(e.id);
      if (!d?.next_attempt_at) break;
      now = d.next_attempt_at;
    }
    const [dead] = await deliveriesOf(e.id);
    expect(dead).toMatchObject({ status: "dead", attempts: 13, next_attempt_at: null });
    const hours = ((dead?.last_attempt_at?.getTime() ?? 0) - first) / 3600_000;
    expect(hours).toBeGreaterThan(23);
    expect(hours).toBeLessThan(26);
  });

  it("gives up on a receiver that does not answer within the timeout, and tries again later", async () => {
    const e = await subscribe(receiver.url("/hangs"), ["order.confirmed"]);
    receiver.hang = true;
    await confirmedOrder();
    const started = Date.now();
    expect(await dispatch(undefined, 300)).toEqual({ attempted: 1, succeeded: 0 });
    expect(Date.now() - started).toBeLessThan(5_000);
    const [d] = await deliveriesOf(e.id);
    expect(d).toMatchObject({
      status: "failed",
      attempts: 1,
      last_status_code: null,
      last_error: "timed out after 0.3 s",
    });
  });

  it("refuses to connect to a private address at delivery time when private targets are not allowed", async () => {
    const e = await subscribe(receiver.url("/private"), ["order.confirmed"]);
    const named = await subscribe(`http://localhost:${receiver.port}/private-by-name`, ["order.confirmed"]);
    await confirmedOrder();
    const r = await deliverDueWebhooks(db(), { allowPrivateTargets: false, secretKey });
    expect(r).toEqual({ attempted: 2, succeeded: 0 });
    expect(receiver.received).toEqual([]);
    const [byIp] = await deliveriesOf(e.id);
    const [byName] = await deliveriesOf(named.id);
    expect(byIp?.last_error).toContain("private address");
    expect(byName?.last_error).toContain("EPRIVATETARGET");
  });

  it("never sends a delivery twice when two dispatchers run at once", async () => {
    await subscribe(receiver.url("/racing"), ["order.confirmed"]);
    for (let i = 0; i < 5; i++) await confirmedOrder();
    const [a, b] = await Promise.all([dispatch(), dispatch()]);
    expect((a?.attempted ?? 0) + (b?.attempted ?? 0)).toBe(5);
    const ids = receiver.at("/racing").map((r) => r.headers["bikri-delivery"]);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
  });

  it("signs with the new secret after a rotation", async () => {
    const e = await subscribe(receiver.url("/rotated"), ["order.confirmed"]);
    const rotated = await admin.request("POST", `/api/v1/webhooks/${e.id}/rotate-secret`);
    expect(rotated.statusCode, rotated.body).toBe(200);
    const secret = rotated.json().secret as string;
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(e.secret);
    expect(rotated.json().secretRotatedAt).toEqual(expect.any(String));
    await confirmedOrder();
    await dispatch();
    const [got] = receiver.at("/rotated");
    const header = String(got?.headers["bikri-signature"]);
    expect(verifySignature(secret, header, got?.body ?? "")).toBe(true);
    expect(verifySignature(e.secret, header, got?.body ?? "")).toBe(false);
  });
});

describe("the delivery log, replays and test events", () => {
  it("replays a delivery with the same event id and body, as a new delivery sent at once", async () => {
    const e = await subscribe(receiver.url("/replayed"), ["order.confirmed"]);
    await confirmedOrder();
    await dispatch();
    const [original] = await deliveriesOf(e.id);
    const res = await admin.request("POST", `/api/v1/webhooks/deliveries/${original?.id}/replay`);
    expect(res.statusCode, res.body).toBe(201);
    const replay = res.json();
    expect(replay).toMatchObject({
      event: "order.confirmed",
      eventId: original?.event_id,
      replayOf: original?.id,
      status: "succeeded",
      attempts: 1,
    });
    expect(replay.id).not.toBe(original?.id);
    const [first, second] = receiver.at("/replayed");
    expect(second?.body).toBe(first?.body);
    expect(JSON.parse(second?.body ?? "{}").id).toBe(original?.event_id);
    expect(second?.headers["bikri-delivery"]).toBe(replay.id);
    expect(verifySignature(e.secret, String(second?.headers["bikri-signature"]), second?.body ?? "")).toBe(true);
    const audit = await db()
      .selectFrom("audit_log")
      .select("action")
      .where("org_id", "=", t.orgA.orgId)
      .where("entity", "=", "webhook_delivery")
      .where("entity_id", "=", replay.id)
      .execute();
    expect(audit).toEqual([{ action: "replay" }]);
  });

  it("sends a test event at once and answers with how it went", async () => {
    const e = await subscribe(receiver.url("/test"), ["order.confirmed"]);
    const ok = await admin.request("POST", `/api/v1/webhooks/${e.id}/test`);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ event: "webhook.test", status: "succeeded", lastStatusCode: 200 });
    expect(ok.json().payload).toMatchObject({ type: "webhook.test", data: { endpointId: e.id } });
    receiver.statuses.push(503);
    const bad = await admin.request("POST", `/api/v1/webhooks/${e.id}/test`);
    expect(bad.json()).toMatchObject({ status: "failed", lastStatusCode: 503, attempts: 1 });
    expect(receiver.at("/test").map((r) => r.headers["bikri-event"])).toEqual(["webhook.test", "webhook.test"]);
  });

  it("lists deliveries newest first, filtered and in cursor pages, with the body on the detail", async () => {
    const e = await subscribe(receiver.url("/log"), ["order.confirmed"]);
    receiver.statuses.push(500);
    for (let i = 0; i < 3; i++) await confirmedOrder();
    await dispatch();
    const all = await deliveriesOf(e.id);
    const page1 = (await admin.request("GET", `/api/v1/webhooks/deliveries?endpointId=${e.id}&limit=2`)).json();
    expect(page1.items.map((d: { id: string }) => d.id)).toEqual([all[2]?.id, all[1]?.id]);
    const page2 = (
      await admin.request("GET", `/api/v1/webhooks/deliveries?endpointId=${e.id}&limit=2&cursor=${page1.nextCursor}`)
    ).json();
    expect(page2).toEqual({ items: [expect.objectContaining({ id: all[0]?.id })], nextCursor: null });
    const failed = (await admin.request("GET", `/api/v1/webhooks/deliveries?endpointId=${e.id}&status=failed`)).json();
    expect(failed.items).toHaveLength(1);
    expect(failed.items[0]).toMatchObject({ status: "failed", lastStatusCode: 500, endpointUrl: e.url });
    const detail = await admin.request("GET", `/api/v1/webhooks/deliveries/${failed.items[0].id}`);
    expect(detail.json().payload).toMatchObject({ type: "order.confirmed", id: failed.items[0].eventId });
    const endpoint = (await admin.request("GET", `/api/v1/webhooks/${e.id}`)).json();
    expect(endpoint.recentDeliveries).toEqual({ pending: 0, succeeded: 2, failed: 1, dead: 0 });
    expect(endpoint.lastDeliveryAt).toEqual(expect.any(String));
  });
});

describe("housekeeping", () => {
  it("purges finished deliveries after the retention period, never unfinished ones, and keeps replays", async () => {
    const e = await subscribe(receiver.url("/purge"), ["order.confirmed"]);
    receiver.statuses.push(500);
    await confirmedOrder();
    await confirmedOrder();
    await dispatch();
    const [failing, delivered] = (await deliveriesOf(e.id)).sort((a, b) => a.status.localeCompare(b.status));
    expect([failing?.status, delivered?.status]).toEqual(["failed", "succeeded"]);
    const replay = (await admin.request("POST", `/api/v1/webhooks/deliveries/${delivered?.id}/replay`)).json();
    expect(replay.status).toBe("succeeded");

    expect(await purgeOldDeliveries(db())).toBe(0);
    // The day the replay turns 90 days old: everything finished before it goes, the failing delivery stays.
    const replayMadeAt = Number.parseInt(replay.id.replace(/-/g, "").slice(0, 12), 16);
    const later = new Date(replayMadeAt + DELIVERY_RETENTION_DAYS * 86_400_000);
    const finishedBefore = await db()
      .selectFrom("webhook_deliveries")
      .select("id")
      .where("status", "in", ["succeeded", "dead"])
      .where("id", "<", replay.id)
      .execute();
    // This test's delivered original, and the finished deliveries of the tests before (endpoints since deleted).
    expect(finishedBefore.map((d) => d.id)).toContain(delivered?.id);
    expect(await purgeOldDeliveries(db(), later)).toBe(finishedBefore.length);
    const unfinished = await db()
      .selectFrom("webhook_deliveries")
      .select("id")
      .where("status", "in", ["pending", "failed"])
      .execute();
    expect(unfinished.map((d) => d.id)).toContain(failing?.id);
    const left = await deliveriesOf(e.id);
    expect(left.map((d) => [d.id, d.status, d.replay_of])).toEqual(
      [
        [failing?.id, "failed", null],
        [replay.id, "succeeded", null],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });
});

describe("access", () => {
  it("org B can neither see nor touch org A's endpoints and deliveries", async () => {
    const e = await subscribe(receiver.url("/org-a"), ["order.confirmed"]);
    await confirmedOrder();
    await dispatch();
    const [delivery] = await deliveriesOf(e.id);
    const deliveryId = must(delivery?.id, "org A's delivery");
    const before = await deliveriesOf(e.id);

    expect((await adminB.request("GET", "/api/v1/webhooks")).json().items).toEqual([]);
    expect((await adminB.request("GET", "/api/v1/webhooks/deliveries")).json().items).toEqual([]);
    expect((await adminB.request("GET", `/api/v1/webhooks/deliveries?endpointId=${e.id}`)).json().items).toEqual([]);
    const attempts = [
      adminB.request("GET", `/api/v1/webhooks/${e.id}`),
      adminB.request("PATCH", `/api/v1/webhooks/${e.id}`, { active: false }),
      adminB.request("DELETE", `/api/v1/webhooks/${e.id}`),
      adminB.request("POST", `/api/v1/webhooks/${e.id}/rotate-secret`),
      adminB.request("POST", `/api/v1/webhooks/${e.id}/test`),
      adminB.request("GET", `/api/v1/webhooks/deliveries/${deliveryId}`),
      adminB.request("POST", `/api/v1/webhooks/deliveries/${deliveryId}/replay`),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.body).not.toContain(e.url);
    }
    expect(await deliveriesOf(e.id)).toEqual(before);
    expect(receiver.at("/org-a")).toHaveLength(1);
    expect((await admin.request("GET", `/api/v1/webhooks/${e.id}`)).json()).toMatchObject({ active: true });
  });

  it("only admins manage webhooks: every other role gets 403, and no session gets 401", async () => {
    const e = await subscribe(receiver.url("/roles"), ["order.confirmed"]);
    await confirmedOrder();
    const [delivery] = await deliveriesOf(e.id);
    const calls: [string, string, unknown?][] = [
      ["GET", "/api/v1/webhooks"],
      ["POST", "/api/v1/webhooks", { url: receiver.url("/mine"), events: ["order.confirmed"] }],
      ["GET", `/api/v1/webhooks/${e.id}`],
      ["PATCH", `/api/v1/webhooks/${e.id}`, { active: false }],
      ["DELETE", `/api/v1/webhooks/${e.id}`],
      ["POST", `/api/v1/webhooks/${e.id}/rotate-secret`],
      ["POST", `/api/v1/webhooks/${e.id}/test`],
      ["GET", "/api/v1/webhooks/deliveries"],
      ["GET", `/api/v1/webhooks/deliveries/${delivery?.id}`],
      ["POST", `/api/v1/webhooks/deliveries/${delivery?.id}/replay`],
    ];
    for (const role of OTHER_ROLES)
      for (const [method, url, body] of calls) {
        const res = await must(others[role], role).request(method as "GET", url, body);
        expect(res.statusCode, `${role} ${method} ${url}: ${res.body}`).toBe(403);
        expect(errorCode(res)).toBe("access.forbidden");
      }
    for (const [method, url, body] of calls) {
      const res = await t.app.inject({
        method: method as "GET",
        url,
        ...(body !== undefined && { payload: body as object }),
      });
      expect(res.statusCode, `anonymous ${method} ${url}`).toBe(401);
    }
    // Nothing happened: one endpoint, active, one delivery, nothing sent.
    expect((await admin.request("GET", "/api/v1/webhooks")).json().items).toEqual([
      expect.objectContaining({ id: e.id, active: true }),
    ]);
    expect(await deliveriesOf(e.id)).toHaveLength(1);
    expect(receiver.received).toEqual([]);
  });
});
