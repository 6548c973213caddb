// Two rules every route inherits from the platform rather than from its author: a route under /api/v1 that
// declares no access decision stops the app from starting, and API answers are never stored by caches
// (they carry one person's data); and answers worth compressing are gzipped for clients that accept it.
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, ORG_A_DOMAIN, signIn, type TestApp } from "../testing/test-app.ts";
import { registerAuthentication } from "./authenticate.ts";
import type { App } from "./http.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("platform rules for every route", () => {
  it("refuses to register an /api/v1 route without an access decision", async () => {
    const app = Fastify() as unknown as App;
    registerAuthentication(app, {
      db: t.database.handle.db,
      auth: { sessionTtlMs: 1, maxFailures: 1, lockMs: 1, loginRatePerMinute: 1 } as never,
      defaultLocale: "en",
    });
    expect(() => app.get("/api/v1/forgotten", async () => ({ ok: true }))).toThrow(/declares no access/);
    // The same route with a decision registers.
    app.get("/api/v1/remembered", { config: { access: "signed-in" } }, async () => ({ ok: true }));
    await app.ready();
    expect(app.hasRoute({ method: "GET", url: "/api/v1/remembered" })).toBe(true);
    await app.close();
  });

  it("answers the API with Cache-Control: no-store, JSON and CSV alike", async () => {
    const admin = await signIn(t.app, `admin@${ORG_A_DOMAIN}`);
    for (const url of ["/api/v1/auth/session", "/api/v1/users?limit=5", "/api/v1/outlets.csv"]) {
      const res = await admin.request("GET", url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["cache-control"], url).toBe("no-store");
    }
  });

  it("gzips answers over 1 KB for clients that accept it, and leaves small ones alone", async () => {
    const big = await t.app.inject({ method: "GET", url: "/api/openapi.json", headers: { "accept-encoding": "gzip" } });
    expect(big.statusCode).toBe(200);
    expect(big.headers["content-encoding"]).toBe("gzip");
    const { gunzipSync } = await import("node:zlib");
    const spec = JSON.parse(gunzipSync(big.rawPayload).toString("utf8")) as { openapi: string };
    expect(spec.openapi).toBe("3.1.0");
    expect(big.rawPayload.length).toBeLessThan(JSON.stringify(spec).length / 3);
    const plain = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const small = await t.app.inject({ method: "GET", url: "/api/health", headers: { "accept-encoding": "gzip" } });
    expect(small.headers["content-encoding"]).toBeUndefined();
  });
});
