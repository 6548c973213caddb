// The only reader of process.env: one Zod parse at start that lists every bad variable at once.
import path from "node:path";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  BIKRI_DATA_DIR: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  BIKRI_SEED_DEMO: z.enum(["auto", "never"]).default("auto"),
  BIKRI_JOBS: bool.default(true),
  BIKRI_DEFAULT_LOCALE: z.enum(["bn", "en"]).default("bn"),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(24 * 7),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(15),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  TRUST_PROXY: bool.default(false),
  // The outlet map's background: an http(s) tile URL template with {z}, {x} and {y} (and optionally {s} for
  // subdomains), or "none" on a LAN without internet (the outlets are still drawn, on a blank background).
  MAP_TILE_URL: z
    .union([
      z.literal("none"),
      z
        .string()
        .regex(
          /^https?:\/\/[^/\s]+\/\S*\{z\}\S*\{x\}\S*\{y\}/,
          "a tile URL template such as https://tile.example/{z}/{x}/{y}.png",
        ),
    ])
    .default("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
  MAP_TILE_ATTRIBUTION: z.string().max(500).default("© OpenStreetMap contributors"),
});

/** The origin a tile URL template loads images from, for the Content-Security-Policy ({s} becomes *). */
export function tileOrigin(template: string): string {
  const m = /^(https?:\/\/[^/]+)/.exec(template);
  return (m?.[1] ?? "").replace(/\{s\}/g, "*");
}

export type Config = ReturnType<typeof loadConfig>;

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  // An empty variable (PORT=) means "not set", not zero or an empty path.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration in the environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    http: { port: e.PORT, host: e.HOST, bodyLimit: e.BODY_LIMIT_BYTES, trustProxy: e.TRUST_PROXY },
    database: e.DATABASE_URL
      ? ({ kind: "postgres", url: e.DATABASE_URL, poolMax: e.DATABASE_POOL_MAX } as const)
      : ({ kind: "pglite", dataDir: path.resolve(e.BIKRI_DATA_DIR ?? e.DATA_DIR ?? "data") } as const),
    log: { level: e.LOG_LEVEL },
    seedDemo: e.BIKRI_SEED_DEMO,
    jobs: { enabled: e.BIKRI_JOBS },
    defaultLocale: e.BIKRI_DEFAULT_LOCALE,
    map: {
      tiles: e.MAP_TILE_URL === "none" ? null : { url: e.MAP_TILE_URL, attribution: e.MAP_TILE_ATTRIBUTION },
    },
    auth: {
      sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
      maxFailures: e.LOGIN_MAX_FAILURES,
      lockMs: e.LOGIN_LOCK_MINUTES * 60_000,
      loginRatePerMinute: e.LOGIN_RATE_PER_MINUTE,
    },
  };
}
