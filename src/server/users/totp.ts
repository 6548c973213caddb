// One-time passwords for two-step sign-in: HOTP (RFC 4226) and TOTP (RFC 6238) on node:crypto, and the
// base32 (RFC 4648) that authenticator apps read secrets in. Pure functions, no I/O. Bikri issues SHA-1,
// 6 digits, 30-second steps: the combination every authenticator app supports; the other algorithms and
// lengths exist here so the RFC test vectors can be checked.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export type TotpAlgorithm = "sha1" | "sha256" | "sha512";

export interface TotpOptions {
  algorithm: TotpAlgorithm;
  digits: number;
  periodSeconds: number;
}

export const TOTP_DEFAULTS: TotpOptions = { algorithm: "sha1", digits: 6, periodSeconds: 30 };

/** Codes one step either side of the server's clock are accepted: phones drift, people type slowly. */
export const TOTP_WINDOW = 1;

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32, upper case, without "=" padding (authenticator apps accept it so). */
export function base32Encode(bytes: Uint8Array, { padding = false } = {}): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  if (padding) while (out.length % 8 !== 0) out += "=";
  return out;
}

/**
 * Decodes base32 as people copy it: any case, spaces and dashes between groups, with or without "=" padding.
 * Throws on any other character or on a length no encoder produces.
 */
export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s-]/g, "").replace(/=+$/, "").toUpperCase();
  // Lengths mod 8 of 1, 3 and 6 cannot come from whole bytes.
  if ([1, 3, 6].includes(clean.length % 8)) throw new Error("base32: impossible length");
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of clean) {
    const v = BASE32.indexOf(ch);
    if (v < 0) throw new Error(`base32: invalid character ${JSON.stringify(ch)}`);
    buffer = (buffer << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 255);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}

/** 160 bits, the secret length RFC 4226 recommends for HMAC-SHA-1. */
export const newTotpSecret = (): Buffer => randomBytes(20);

/** HOTP: HMAC of the 8-byte big-endian counter, dynamically truncated to `digits` decimal digits. */
export function hotp(
  secret: Uint8Array,
  counter: number | bigint,
  digits = 6,
  algorithm: TotpAlgorithm = "sha1",
): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, secret).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

/** The time step a moment falls in. */
export const totpStep = (atMs: number, periodSeconds = TOTP_DEFAULTS.periodSeconds): number =>
  Math.floor(atMs / 1000 / periodSeconds);

/** The code for a moment (RFC 6238: HOTP with the time step as counter). */
export function totp(secret: Uint8Array, atMs: number, options: TotpOptions = TOTP_DEFAULTS): string {
  return hotp(secret, totpStep(atMs, options.periodSeconds), options.digits, options.algorithm);
}

const sameCode = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The time step a code belongs to, if it is valid now (within ±TOTP_WINDOW steps) and newer than the last
 * step already used: a code, once accepted, is never accepted again, nor is any older one. Null otherwise.
 */
export function verifyTotp(
  secret: Uint8Array,
  code: string,
  { atMs, lastUsedStep, options = TOTP_DEFAULTS }: { atMs: number; lastUsedStep: number | null; options?: TotpOptions },
): number | null {
  if (!new RegExp(`^\\d{${options.digits}}$`).test(code)) return null;
  const now = totpStep(atMs, options.periodSeconds);
  // Every candidate is computed and compared, so the time taken says nothing about which one matched.
  let matched: number | null = null;
  for (let step = Math.max(0, now - TOTP_WINDOW); step <= now + TOTP_WINDOW; step++) {
    const ok = sameCode(hotp(secret, step, options.digits, options.algorithm), code);
    if (ok && (lastUsedStep === null || step > lastUsedStep) && matched === null) matched = step;
  }
  return matched;
}

/** The otpauth:// URI an authenticator app reads from the QR code (Google Authenticator's key-uri format). */
export function otpauthUri(input: { secret: Uint8Array; issuer: string; account: string }): string {
  const label = `${encodeURIComponent(input.issuer)}:${encodeURIComponent(input.account)}`;
  const params = new URLSearchParams({
    secret: base32Encode(input.secret),
    issuer: input.issuer,
    algorithm: "SHA1",
    digits: String(TOTP_DEFAULTS.digits),
    period: String(TOTP_DEFAULTS.periodSeconds),
  });
  // URLSearchParams writes spaces as "+", which some apps show literally; %20 is read by all.
  return `otpauth://totp/${label}?${params.toString().replace(/\+/g, "%20")}`;
}
