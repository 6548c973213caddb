import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, tileOrigin } from "./config.ts";

const errorOf = (env: Record<string, string>): ConfigError => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error("expected a ConfigError");
};

describe("loadConfig", () => {
  it("has working defaults for an empty environment: embedded database in ./data", () => {
    const c = loadConfig({});
    expect(c).toEqual({
      env: "development",
      http: {
        port: 3000,
        host: "0.0.0.0",
        bodyLimit: 1024 * 1024,
        trustProxy: false,
        publicUrl: "http://localhost:3000",
      },
      database: { kind: "pglite", dataDir: path.resolve("data") },
      log: { level: "info" },
      seedDemo: "auto",
      jobs: { enabled: true },
      defaultLocale: "bn",
      map: {
        tiles: { url: "https://tile.openstreetmap.org/{z}/{x}/{y}.png", attribution: "© OpenStreetMap contributors" },
      },
      mail: { url: null, from: "Bikri <no-reply@bikri.app>" },
      webhooks: { allowPrivateTargets: true },
      auth: {
        sessionTtlMs: 7 * 24 * 3600_000,
        maxFailures: 5,
        lockMs: 15 * 60_000,
        loginRatePerMinute: 20,
        secretKey: createHash("sha256").update("bikri development secret key: not for production").digest(),
        secretKeySource: "development-default",
      },
    });
  });

  it("links to this server at localhost and its port unless PUBLIC_URL says where people reach it", () => {
    expect(loadConfig({ PORT: "4000" }).http.publicUrl).toBe("http://localhost:4000");
    expect(() => loadConfig({ PUBLIC_URL: "bikri.example.com" })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ PUBLIC_URL: "ftp://bikri.example.com" })).toThrow(/PUBLIC_URL/);
  });

  it("ignores variables it does not know", () => {
    expect(() => loadConfig({ PATH: "/usr/bin", HOME: "/root", SOMETHING_ELSE: "x" })).not.toThrow();
  });

  it("reads and converts every variable", () => {
    const c = loadConfig({
      NODE_ENV: "production",
      BIKRI_SECRET_KEY: "a".repeat(64),
      PORT: "8080",
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      BIKRI_SEED_DEMO: "never",
      BIKRI_JOBS: "false",
      BIKRI_DEFAULT_LOCALE: "en",
      SESSION_TTL_HOURS: "12",
      LOGIN_MAX_FAILURES: "3",
      LOGIN_LOCK_MINUTES: "30",
      LOGIN_RATE_PER_MINUTE: "100",
      BODY_LIMIT_BYTES: "4096",
      TRUST_PROXY: "true",
      PUBLIC_URL: "https://bikri.example.com/",
    });
    expect(c).toMatchObject({
      env: "production",
      http: {
        port: 8080,
        host: "127.0.0.1",
        bodyLimit: 4096,
        trustProxy: true,
        publicUrl: "https://bikri.example.com",
      },
      log: { level: "warn" },
      seedDemo: "never",
      jobs: { enabled: false },
      defaultLocale: "en",
      auth: { sessionTtlMs: 12 * 3600_000, maxFailures: 3, lockMs: 30 * 60_000, loginRatePerMinute: 100 },
    });
  });

  describe("BIKRI_SECRET_KEY", () => {
    const key = Buffer.from(Array.from({ length: 32 }, (_, i) => i * 7 + 1));

    it.each([
      ["64 hex digits", key.toString("hex")],
      ["64 upper-case hex digits", key.toString("hex").toUpperCase()],
      ["base64", key.toString("base64")],
      ["base64 without padding", key.toString("base64").replace(/=$/, "")],
      ["base64url", key.toString("base64url")],
      ["base64 with spaces around", `  ${key.toString("base64")}\n`],
    ])("reads a 32-byte key as %s", (_label, value) => {
      const c = loadConfig({ BIKRI_SECRET_KEY: value });
      expect(c.auth.secretKey.equals(key)).toBe(true);
      expect(c.auth.secretKeySource).toBe("environment");
    });

    it.each([
      ["too short hex", "ab".repeat(16)],
      ["too long hex", "ab".repeat(33)],
      ["16 bytes of base64", Buffer.alloc(16, 1).toString("base64")],
      ["48 bytes of base64", Buffer.alloc(48, 1).toString("base64")],
      ["a passphrase", "correct horse battery staple"],
    ])("refuses %s, naming the variable", (_label, value) => {
      expect(errorOf({ BIKRI_SECRET_KEY: value }).message).toContain("BIKRI_SECRET_KEY: must be 32 bytes");
    });

    it("falls back to the fixed development key outside production, the same on every start", () => {
      for (const env of ["development", "test"]) {
        const a = loadConfig({ NODE_ENV: env });
        expect(a.auth.secretKeySource).toBe("development-default");
        expect(a.auth.secretKey).toHaveLength(32);
        expect(loadConfig({ NODE_ENV: env }).auth.secretKey.equals(a.auth.secretKey)).toBe(true);
      }
    });

    it("is required in production on PostgreSQL, and listed together with any other bad variable", () => {
      const pg = { NODE_ENV: "production", DATABASE_URL: "postgres://db.example/bikri" };
      expect(errorOf(pg).message).toContain("BIKRI_SECRET_KEY: is required in production");
      const both = errorOf({ ...pg, PORT: "not-a-port" }).message;
      expect(both).toContain("BIKRI_SECRET_KEY: is required in production");
      expect(both).toContain("PORT: ");
      expect(() => loadConfig({ ...pg, BIKRI_SECRET_KEY: key.toString("base64") })).not.toThrow();
    });

    it("on the embedded database in production, is made once and kept in the data directory", () => {
      const dir = mkdtempSync(path.join(tmpdir(), "bikri-key-"));
      try {
        const first = loadConfig({ NODE_ENV: "production", BIKRI_DATA_DIR: dir });
        expect(first.auth.secretKeySource).toBe("data-directory");
        expect(first.auth.secretKey).toHaveLength(32);
        expect(statSync(path.join(dir, "secret.key")).mode & 0o777).toBe(0o600);
        const again = loadConfig({ NODE_ENV: "production", BIKRI_DATA_DIR: dir });
        expect(again.auth.secretKey.equals(first.auth.secretKey)).toBe(true);
        const other = mkdtempSync(path.join(tmpdir(), "bikri-key-"));
        expect(
          loadConfig({ NODE_ENV: "production", BIKRI_DATA_DIR: other }).auth.secretKey.equals(first.auth.secretKey),
        ).toBe(false);
        rmSync(other, { recursive: true, force: true });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it.each([
    ["true", true],
    ["1", true],
    ["yes", true],
    ["false", false],
    ["0", false],
    ["no", false],
  ])("reads the switch %s as %s", (value, expected) => {
    expect(loadConfig({ BIKRI_JOBS: value, TRUST_PROXY: value })).toMatchObject({
      jobs: { enabled: expected },
      http: { trustProxy: expected },
    });
  });

  it("selects PostgreSQL when DATABASE_URL is set, with the pool size", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://u:p@db:5432/bikri" }).database).toEqual({
      kind: "postgres",
      url: "postgres://u:p@db:5432/bikri",
      poolMax: 10,
    });
    expect(
      loadConfig({ DATABASE_URL: "postgresql://db/bikri", DATABASE_POOL_MAX: "25", BIKRI_DATA_DIR: "/ignored" })
        .database,
    ).toEqual({ kind: "postgres", url: "postgresql://db/bikri", poolMax: 25 });
  });

  it("keeps embedded data in BIKRI_DATA_DIR, else DATA_DIR, as an absolute path", () => {
    expect(loadConfig({ BIKRI_DATA_DIR: "/var/lib/bikri", DATA_DIR: "/other" }).database).toEqual({
      kind: "pglite",
      dataDir: "/var/lib/bikri",
    });
    expect(loadConfig({ DATA_DIR: "/srv/data" }).database).toEqual({ kind: "pglite", dataDir: "/srv/data" });
    expect(loadConfig({ BIKRI_DATA_DIR: "relative/dir" }).database).toEqual({
      kind: "pglite",
      dataDir: path.resolve("relative/dir"),
    });
  });

  it("lists every bad variable at once, by name", () => {
    const err = errorOf({
      PORT: "eighty",
      DATABASE_URL: "mysql://db/bikri",
      LOG_LEVEL: "loud",
      BIKRI_JOBS: "maybe",
      BIKRI_DEFAULT_LOCALE: "fr",
      BODY_LIMIT_BYTES: "10",
      SESSION_TTL_HOURS: "-1",
      NODE_ENV: "staging",
    });
    for (const name of [
      "PORT",
      "DATABASE_URL",
      "LOG_LEVEL",
      "BIKRI_JOBS",
      "BIKRI_DEFAULT_LOCALE",
      "BODY_LIMIT_BYTES",
      "SESSION_TTL_HOURS",
      "NODE_ENV",
    ])
      expect(err.message).toMatch(new RegExp(`^  ${name}: `, "m"));
    expect(err.message).toContain("must start with postgres:// or postgresql://");
    expect(err.message.split("\n")).toHaveLength(9);
  });

  it.each([
    ["PORT", "65536"],
    ["PORT", "3000.5"],
    ["DATABASE_POOL_MAX", "0"],
    ["LOGIN_MAX_FAILURES", "0"],
    ["LOGIN_RATE_PER_MINUTE", "abc"],
    ["BODY_LIMIT_BYTES", String(51 * 1024 * 1024)],
    ["BIKRI_SEED_DEMO", "always"],
    ["LOG_LEVEL", "verbose"],
  ])("refuses %s=%j", (name, value) => {
    expect(errorOf({ [name]: value }).message).toContain(`${name}: `);
  });

  it("treats an empty variable as unset (PORT= is the default port, not a random one)", () => {
    const c = loadConfig({ PORT: "", HOST: "", DATABASE_URL: "", BIKRI_DATA_DIR: "" });
    expect(c.http.port).toBe(3000);
    expect(c.http.host).toBe("0.0.0.0");
    expect(c.database.kind).toBe("pglite");
  });

  it("takes the map's tile server from MAP_TILE_URL, or none on a LAN without internet", () => {
    const own = loadConfig({
      MAP_TILE_URL: "https://{s}.tiles.example.com.bd/osm/{z}/{x}/{y}.png",
      MAP_TILE_ATTRIBUTION: "Tiles: Example",
    });
    expect(own.map.tiles).toEqual({
      url: "https://{s}.tiles.example.com.bd/osm/{z}/{x}/{y}.png",
      attribution: "Tiles: Example",
    });
    expect(tileOrigin(own.map.tiles?.url ?? "")).toBe("https://*.tiles.example.com.bd");
    expect(tileOrigin("http://10.0.0.5:8080/{z}/{x}/{y}.png")).toBe("http://10.0.0.5:8080");
    expect(loadConfig({ MAP_TILE_URL: "none" }).map.tiles).toBeNull();
  });

  it("refuses webhooks to private addresses in production unless WEBHOOKS_ALLOW_PRIVATE_TARGETS says so", () => {
    const production = { NODE_ENV: "production", BIKRI_SECRET_KEY: "ab".repeat(32) };
    expect(loadConfig(production).webhooks.allowPrivateTargets).toBe(false);
    expect(loadConfig({ ...production, WEBHOOKS_ALLOW_PRIVATE_TARGETS: "true" }).webhooks.allowPrivateTargets).toBe(
      true,
    );
    expect(loadConfig({ NODE_ENV: "test" }).webhooks.allowPrivateTargets).toBe(true);
    expect(loadConfig({ WEBHOOKS_ALLOW_PRIVATE_TARGETS: "false" }).webhooks.allowPrivateTargets).toBe(false);
    expect(errorOf({ WEBHOOKS_ALLOW_PRIVATE_TARGETS: "maybe" }).message).toContain("WEBHOOKS_ALLOW_PRIVATE_TARGETS");
  });

  it("takes the mail server from SMTP_URL and the sender from MAIL_FROM", () => {
    expect(
      loadConfig({
        SMTP_URL: "smtp://reports%40acme.com.bd:p%40ss@mail.acme.com.bd:587",
        MAIL_FROM: "Acme <r@acme.com.bd>",
      }).mail,
    ).toEqual({ url: "smtp://reports%40acme.com.bd:p%40ss@mail.acme.com.bd:587", from: "Acme <r@acme.com.bd>" });
    expect(loadConfig({ SMTP_URL: "smtps://u:p@smtp.example.com:465" }).mail).toEqual({
      url: "smtps://u:p@smtp.example.com:465",
      from: "Bikri <no-reply@bikri.app>",
    });
    expect(loadConfig({ SMTP_URL: "smtp://10.0.0.5", MAIL_FROM: "reports@bikri.example" }).mail).toEqual({
      url: "smtp://10.0.0.5",
      from: "reports@bikri.example",
    });
    expect(loadConfig({ MAIL_FROM: "বিক্রি রিপোর্ট <reports@bikri.example>" }).mail.from).toBe(
      "বিক্রি রিপোর্ট <reports@bikri.example>",
    );
  });

  it.each([
    ["SMTP_URL", "mail.example.com:587"],
    ["SMTP_URL", "http://mail.example.com"],
    ["SMTP_URL", "smtp://mail server.example"],
    ["SMTP_URL", "smtp://"],
    ["MAIL_FROM", "no address here"],
    ["MAIL_FROM", "Bikri <no-reply>"],
    ["MAIL_FROM", "a@b.c\r\nBcc: victim@example.com"],
  ])("refuses %s=%j, naming the variable and not echoing the value", (name, value) => {
    const message = errorOf({ [name]: value }).message;
    expect(message).toMatch(new RegExp(`^  ${name}: `, "m"));
    // A URL can carry a password: the error names the variable, never its value.
    if (value !== "smtp://") expect(message).not.toContain(value);
  });

  it.each([
    "tile.example.com/{z}/{x}/{y}.png",
    "https://tile.example.com/tiles.png",
    "javascript:alert(1)/{z}/{x}/{y}",
  ])("refuses MAP_TILE_URL=%s, naming the variable", (url) => {
    expect(errorOf({ MAP_TILE_URL: url }).message).toContain("MAP_TILE_URL");
  });
});
