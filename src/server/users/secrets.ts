// Random secrets for sessions, CSRF, invites and API tokens. Only their SHA-256 is stored: a stolen
// database row cannot be replayed. These secrets are 256-bit random, so a fast hash is enough (unlike passwords).
import { createHash, randomBytes } from "node:crypto";

export const randomSecret = (bytes = 32): string => randomBytes(bytes).toString("base64url");

export const sha256 = (value: string): string => createHash("sha256").update(value).digest("hex");
