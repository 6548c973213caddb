import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newWebhookSecret, signatureHeader, verifySignature } from "./webhook-signature.ts";

describe("webhook signatures", () => {
  const secret = newWebhookSecret();
  const body = JSON.stringify({ id: "e1", type: "order.confirmed", data: { note: "বিক্রি ✓" } });
  const now = new Date("2026-11-24T10:00:00Z");
  const t = Math.floor(now.getTime() / 1000);

  it("is an HMAC-SHA256 of '<t>.<body>' in hex, as the docs tell receivers", () => {
    const expected = createHmac("sha256", secret).update(`${t}.${body}`, "utf8").digest("hex");
    expect(signatureHeader(secret, t, body)).toBe(`t=${t},v1=${expected}`);
  });

  it("verifies with the same secret and body", () => {
    expect(verifySignature(secret, signatureHeader(secret, t, body), body, { now })).toBe(true);
  });

  it("refuses another secret, a changed body or a moved timestamp", () => {
    const header = signatureHeader(secret, t, body);
    expect(verifySignature(newWebhookSecret(), header, body, { now })).toBe(false);
    expect(verifySignature(secret, header, body.replace("✓", "x"), { now })).toBe(false);
    expect(verifySignature(secret, header.replace(`t=${t}`, `t=${t + 1}`), body, { now })).toBe(false);
  });

  it("refuses a signature older than the tolerance", () => {
    const header = signatureHeader(secret, t, body);
    expect(verifySignature(secret, header, body, { now: new Date(now.getTime() + 301_000) })).toBe(false);
    expect(verifySignature(secret, header, body, { now: new Date(now.getTime() + 299_000) })).toBe(true);
  });

  it("refuses malformed headers without throwing", () => {
    for (const header of ["", "t=abc,v1=00", `t=${t}`, `t=${t},v1=zz`, `t=${t},v0=${"0".repeat(64)}`])
      expect(verifySignature(secret, header, body, { now })).toBe(false);
  });

  it("makes a new, long, prefixed secret each time", () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(newWebhookSecret());
  });
});
