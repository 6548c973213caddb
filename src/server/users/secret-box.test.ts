import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "./secret-box.ts";

describe("secret box (AES-256-GCM)", () => {
  const key = randomBytes(32);
  const seed = randomBytes(20);

  it("opens what it sealed, for the same owner, and never shows the plaintext", () => {
    const sealed = sealSecret(key, seed, "user_totp:org:user");
    expect(sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(sealed).not.toContain(seed.toString("base64url"));
    expect(openSecret(key, sealed, "user_totp:org:user")?.equals(seed)).toBe(true);
  });

  it("uses a fresh IV each time: the same secret seals differently", () => {
    expect(sealSecret(key, seed, "a")).not.toBe(sealSecret(key, seed, "a"));
  });

  it("does not open under another key, for another owner, or after tampering", () => {
    const sealed = sealSecret(key, seed, "user_totp:org:user");
    expect(openSecret(randomBytes(32), sealed, "user_totp:org:user")).toBeNull();
    expect(openSecret(key, sealed, "user_totp:org:someone-else")).toBeNull();
    const [v, iv, tag, ct] = sealed.split(".") as [string, string, string, string];
    const flipped = Buffer.from(ct, "base64url");
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(openSecret(key, [v, iv, tag, flipped.toString("base64url")].join("."), "user_totp:org:user")).toBeNull();
    expect(openSecret(key, `v2.${iv}.${tag}.${ct}`, "user_totp:org:user")).toBeNull();
    expect(openSecret(key, "garbage", "user_totp:org:user")).toBeNull();
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => sealSecret(randomBytes(16), seed, "x")).toThrow(/32 bytes/);
  });
});
