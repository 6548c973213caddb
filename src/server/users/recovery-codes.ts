// Recovery codes: ten single-use codes that stand in for the authenticator app when the phone is lost.
// Shown once; only a SHA-256 of each (salted with the user id, so equal codes of two users differ) is
// kept. Crockford's base32 alphabet (no i, l, o, u), so a code read aloud or typed from paper survives
// the usual confusions: i and l are read as 1, o as 0.
import { randomBytes } from "node:crypto";
import { sha256 } from "./secrets.ts";

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const LENGTH = 10;

/** One code, "xxxxx-xxxxx": 50 random bits. */
export function newRecoveryCode(): string {
  const bytes = randomBytes(LENGTH);
  let code = "";
  for (const b of bytes) code += ALPHABET[b & 31];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

export function newRecoveryCodes(): string[] {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) codes.add(newRecoveryCode());
  return [...codes];
}

/** A typed code in its one canonical form, or null when it cannot be one. */
export function normalizeRecoveryCode(input: string): string | null {
  const clean = input.toLowerCase().replace(/[\s-]/g, "").replace(/[il]/g, "1").replace(/o/g, "0");
  if (clean.length !== LENGTH) return null;
  for (const ch of clean) if (!ALPHABET.includes(ch)) return null;
  return clean;
}

export const recoveryCodeHash = (userId: string, normalized: string): string => sha256(`${userId}:${normalized}`);
