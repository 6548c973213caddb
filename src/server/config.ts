// The only reader of process.env: one Zod parse at start that lists every bad variable at once.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
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
  // Where people reach this server (https://bikri.example.com), for links in emails such as survey invitations.
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: "an http(s) address such as https://bikri.example.com" }).optional(),
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
  // Webhooks to this machine or a private network (127.0.0.1, 10.x, 192.168.x, ...): refused in production
  // unless allowed here (a LAN install whose receiver is on the LAN); allowed by default in development and tests.
  WEBHOOKS_ALLOW_PRIVATE_TARGETS: bool.optional(),
  // Encrypts secrets the server must read back (two-step sign-in seeds): 32 random bytes, as 64 hex digits
  // or base64 (`openssl rand -base64 32`). Required in production; see docs/operations.md.
  BIKRI_SECRET_KEY: z
    .string()
    .transform((s, ctx) => {
      const key = parseSecretKey(s.trim());
      if (!key) {
        ctx.addIssue({
          code: "custom",
          message: "must be 32 bytes as 64 hex digits or base64 (openssl rand -base64 32)",
        });
        return z.NEVER;
      }
      return key;
    })
    .optional(),
  // Email (scheduled reports): an SMTP server as a URL, smtp://user:pass@host:587 (STARTTLS when the server offers
  // it) or smtps://user:pass@host:465. Without it the server sends no email; see docs/operations.md.
  SMTP_URL: z
    .string()
    .trim()
    .refine(isSmtpUrl, "an SMTP server as smtp://user:password@host:587 or smtps://user:password@host:465")
    .optional(),
  MAIL_FROM: z
    .string()
    .trim()
    .max(300)
    .regex(
      /^(?:[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/,
      "an address, or a name and an address: Bikri <reports@example.com>",
    )
    .default("Bikri <no-reply@bikri.app>"),
});

/** smtp:// or smtps:// with a host; a user name and password in it must be URL-encoded. */
function isSmtpUrl(text: string): boolean {
  if (!/^smtps?:\/\//i.test(text)) return false;
  try {
    return new URL(text).hostname !== "";
  } catch {
    return false;
  }
}

/** 32 bytes from 64 hex digits or from base64 / base64url; null for anything else. */
function parseSecretKey(text: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, "hex");
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) return null;
  const key = Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return key.length === 32 ? key : null;
}

/**
 * Without BIKRI_SECRET_KEY (development and tests only), a fixed key that anyone reading this file knows:
 * stable across restarts, so two-step sign-in keeps working, and worthless as protection on purpose.
 */
const DEVELOPMENT_SECRET_KEY = createHash("sha256").update("bikri development secret key: not for production").digest();

/** The origin a tile URL template loads images from, for the Content-Security-Policy ({s} becomes *). */
export function tileOrigin(template: string): string {
  const m = /^(https?:\/\/[^/]+)/.exec(template);
  return (m?.[1] ?? "").replace(/\{s\}/g, "*");
}

export type Config = ReturnType<typeof loadConfig>;

export class ConfigError extends Error {}

const dataDir = (e: { BIKRI_DATA_DIR?: string | undefined; DATA_DIR?: string | undefined }) =>
  path.resolve(e.BIKRI_DATA_DIR ?? e.DATA_DIR ?? "data");

/**
 * The embedded database's own secret key, made on its first production start: `secret.key` (mode 0600) in the
 * data directory. Back it up with the directory; whoever holds both can read the two-step seeds.
 */
function dataDirSecretKey(dir: string): Buffer {
  const file = path.join(dir, "secret.key");
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
  }
  return Buffer.from(readFileSync(file, "utf8").trim(), "base64");
}

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  // An empty variable (PORT=) means "not set", not zero or an empty path.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const parsed = EnvSchema.safeParse(present);
  const lines = parsed.success ? [] : parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
  // Checked beside the schema rather than in it, so that it is listed together with any other bad variable.
  // PostgreSQL in production: app processes share one key from the environment. The embedded database is one
  // machine's, and keeps its own key beside its data (dataDirSecretKey) so that `npm start` just works.
  if (present.NODE_ENV === "production" && present.BIKRI_SECRET_KEY === undefined && present.DATABASE_URL)
    lines.push(
      "  BIKRI_SECRET_KEY: is required in production with DATABASE_URL (32 random bytes: openssl rand -base64 32)",
    );
  if (!parsed.success || lines.length) {
    throw new ConfigError(`Invalid configuration in the environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    http: {
      port: e.PORT,
      host: e.HOST,
      bodyLimit: e.BODY_LIMIT_BYTES,
      trustProxy: e.TRUST_PROXY,
      publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    },
    database: e.DATABASE_URL
      ? ({ kind: "postgres", url: e.DATABASE_URL, poolMax: e.DATABASE_POOL_MAX } as const)
      : ({ kind: "pglite", dataDir: dataDir(e) } as const),
    log: { level: e.LOG_LEVEL },
    seedDemo: e.BIKRI_SEED_DEMO,
    jobs: { enabled: e.BIKRI_JOBS },
    defaultLocale: e.BIKRI_DEFAULT_LOCALE,
    map: {
      tiles: e.MAP_TILE_URL === "none" ? null : { url: e.MAP_TILE_URL, attribution: e.MAP_TILE_ATTRIBUTION },
    },
    mail: { url: e.SMTP_URL ?? null, from: e.MAIL_FROM },
    webhooks: { allowPrivateTargets: e.WEBHOOKS_ALLOW_PRIVATE_TARGETS ?? e.NODE_ENV !== "production" },
    auth: {
      sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
      maxFailures: e.LOGIN_MAX_FAILURES,
      lockMs: e.LOGIN_LOCK_MINUTES * 60_000,
      loginRatePerMinute: e.LOGIN_RATE_PER_MINUTE,
      /** AES-256-GCM key for two-step sign-in seeds (BIKRI_SECRET_KEY, or the fixed development key). */
      secretKey:
        e.BIKRI_SECRET_KEY ?? (e.NODE_ENV === "production" ? dataDirSecretKey(dataDir(e)) : DEVELOPMENT_SECRET_KEY),
      secretKeySource: e.BIKRI_SECRET_KEY
        ? ("environment" as const)
        : e.NODE_ENV === "production"
          ? ("data-directory" as const)
          : ("development-default" as const),
    },
  };
}
