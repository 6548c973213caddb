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
      http: { port: 3000, host: "0.0.0.0", bodyLimit: 1024 * 1024, trustProxy: false },
      database: { kind: "pglite", dataDir: path.resolve("data") },
      log: { level: "info" },
      seedDemo: "auto",
      jobs: { enabled: true },
      defaultLocale: "bn",
      map: {
        tiles: { url: "https://tile.openstreetmap.org/{z}/{x}/{y}.png", attribution: "© OpenStreetMap contributors" },
      },
      auth: {
        sessionTtlMs: 7 * 24 * 3600_000,
        maxFailures: 5,
        lockMs: 15 * 60_000,
        loginRatePerMinute: 20,
      },
    });
  });

  it("ignores variables it does not know", () => {
    expect(() => loadConfig({ PATH: "/usr/bin", HOME: "/root", SOMETHING_ELSE: "x" })).not.toThrow();
  });

  it("reads and converts every variable", () => {
    const c = loadConfig({
      NODE_ENV: "production",
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
    });
    expect(c).toMatchObject({
      env: "production",
      http: { port: 8080, host: "127.0.0.1", bodyLimit: 4096, trustProxy: true },
      log: { level: "warn" },
      seedDemo: "never",
      jobs: { enabled: false },
      defaultLocale: "en",
      auth: { sessionTtlMs: 12 * 3600_000, maxFailures: 3, lockMs: 30 * 60_000, loginRatePerMinute: 100 },
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

  it.each([
    "tile.example.com/{z}/{x}/{y}.png",
    "https://tile.example.com/tiles.png",
    "javascript:alert(1)/{z}/{x}/{y}",
  ])("refuses MAP_TILE_URL=%s, naming the variable", (url) => {
    expect(errorOf({ MAP_TILE_URL: url }).message).toContain("MAP_TILE_URL");
  });
});
