// Signing a delivery: `Bikri-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, keyed with
// the endpoint's secret. The timestamp is inside the signed text, so a captured delivery cannot be replayed
// later with a fresh timestamp; receivers refuse signatures older than a few minutes.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SIGNATURE_VERSION = "v1";

/** A new endpoint secret: 256 random bits, prefixed so that it is recognisable in a config file. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString("base64url")}`;

export function signatureOf(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},${SIGNATURE_VERSION}=${signatureOf(secret, timestamp, body)}`;
}

/**
 * What a receiver does, for our tests and for anyone writing one in TypeScript: true when some v1 signature in
 * the header matches the body and the timestamp is within the tolerance of `now`.
 */
export function verifySignature(
  secret: string,
  header: string,
  body: string,
  opts: { now?: Date; toleranceSeconds?: number } = {},
): boolean {
  const parts = header.split(",").map((p) => p.trim().split("="));
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  if (!Number.isSafeInteger(t)) return false;
  const nowSeconds = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - t) > (opts.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signatureOf(secret, t, body), "hex");
  return parts
    .filter(([k, v]) => k === SIGNATURE_VERSION && v !== undefined && /^[0-9a-f]{64}$/.test(v))
    .some(([, v]) => timingSafeEqual(Buffer.from(v as string, "hex"), expected));
}
