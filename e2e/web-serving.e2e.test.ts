// How the server hands out the web app: pages with security headers, client-side routes falling back to
// index.html, hashed assets cached for good, and unknown API paths answered as API errors; the reps' field
// app as a second page under /field/ with its manifest and service worker.
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEB_DIST } from "../src/server/app.ts";
import { startServer } from "./browser.ts";

describe("serving the web app", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it.each([
    "/",
    "/users",
    "/audit?entity=user",
    "/sign-in",
    "/invite/019b76da-a800-7e3c-8fea-276a0ee135e7.JRyOzEEakGcMRLs59m98EsD7pSCvaQtOVTsZuvB5BOU",
  ])("serves the app at %s with a strict CSP", async (url) => {
    const res = await fetch(server.base + url);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/<script type="module"[^>]* src="\/assets\//);
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    // The outlet map's tiles may load from the configured tile server, and from nowhere else.
    expect(res.headers.get("content-security-policy")).toContain(
      "img-src 'self' data: blob: https://tile.openstreetmap.org;",
    );
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("no-cache");
  });

  it("caches hashed assets for a year", async () => {
    const js = readdirSync(path.join(WEB_DIST, "assets")).find((f) => f.endsWith(".js"));
    const res = await fetch(`${server.base}/assets/${js}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("answers an unknown API path with a localized JSON error, not the app", async () => {
    const res = await fetch(`${server.base}/api/v1/nothing-here`, { headers: { "accept-language": "bn" } });
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body.error.code).toBe("route.not_found");
    expect(body.error.message).toMatch(/[\u0980-\u09FF]/);
  });

  it.each(["/field", "/field/", "/field/visit/019b76da-a800-7e3c-8fea-276a0ee135e7"])(
    "serves the field app's page at %s, never the web app's",
    async (url) => {
      const res = await fetch(server.base + url);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('rel="manifest" href="/field/manifest.webmanifest"');
      expect(html).toMatch(/<script type="module"[^>]* src="\/assets\/field-/);
      expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
      expect(res.headers.get("cache-control")).toBe("no-cache");
    },
  );

  it("serves the field app's service worker and manifest, scoped to /field/", async () => {
    const sw = await fetch(`${server.base}/field/sw.js`);
    expect(sw.status).toBe(200);
    expect(sw.headers.get("content-type")).toMatch(/javascript/);
    // The worker precaches the field page itself, so the app opens with no network.
    expect(await sw.text()).toContain("/field.html");
    const manifest = await fetch(`${server.base}/field/manifest.webmanifest`);
    expect(manifest.status).toBe(200);
    const m = (await manifest.json()) as { scope: string; start_url: string; display: string };
    expect(m).toMatchObject({ scope: "/field/", start_url: "/field/", display: "standalone" });
  });

  it("answers a missing asset with 404", async () => {
    expect((await fetch(`${server.base}/assets/missing-abc123.js`)).status).toBe(404);
  });
});
