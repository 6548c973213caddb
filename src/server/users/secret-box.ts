// Secrets the server must read back (TOTP seeds), encrypted at rest with AES-256-GCM under BIKRI_SECRET_KEY.
// Unlike passwords and tokens they cannot be hashed: the server computes codes from them. Each ciphertext
// is bound to its owner (org and user id as associated data), so a row copied onto another user does not
// decrypt. A stolen database alone reveals no seed; the key lives only in the environment.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const VERSION = "v1";

/** "v1.<iv>.<tag>.<ciphertext>", each part base64url. */
export function sealSecret(key: Buffer, plaintext: Uint8Array, boundTo: string): string {
  if (key.length !== 32) throw new Error("secret-box: the key must be 32 bytes");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(boundTo, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, tag, ciphertext].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** The plaintext, or null when the box was sealed under another key, for another owner, or tampered with. */
export function openSecret(key: Buffer, sealed: string, boundTo: string): Buffer | null {
  const [version, iv, tag, ciphertext, ...rest] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined || rest.length) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(boundTo, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]);
  } catch {
    return null;
  }
}
