import { describe, expect, it } from "vitest";
import { dedupeKeys, type Mergeable, mergeFill } from "./lead-dedupe.ts";

const blank = (created: string, v: Partial<Mergeable> = {}): Mergeable => ({
  company: null,
  title: null,
  phone: null,
  phone_e164: null,
  email: null,
  email_lower: null,
  message: null,
  district: null,
  utm_source: null,
  utm_medium: null,
  utm_campaign: null,
  utm_term: null,
  utm_content: null,
  referrer_url: null,
  landing_url: null,
  referral_code: null,
  territory_id: null,
  owner_user_id: null,
  form_id: null,
  created_at: new Date(created),
  ...v,
});

describe("dedupeKeys", () => {
  it("gives the same key to a number written differently, and lower-cases emails", () => {
    expect(dedupeKeys("01712-345678", null).phoneE164).toBe(dedupeKeys("+8801712345678", null).phoneE164);
    expect(dedupeKeys("০১৭১২৩৪৫৬৭৮", " Karim@Example.COM ")).toEqual({
      phoneE164: "+8801712345678",
      emailLower: "karim@example.com",
    });
    expect(dedupeKeys("02-9123456", "")).toEqual({ phoneE164: null, emailLower: null });
  });
});

describe("mergeFill", () => {
  it("keeps the survivor's values and fills its blanks from the oldest other that has one", () => {
    const survivor = blank("2026-11-20", { company: "Meghna", phone: "01712345678", phone_e164: "+8801712345678" });
    const older = blank("2026-11-01", { company: "Old Co", email: "a@x.com", email_lower: "a@x.com" });
    const newer = blank("2026-11-10", { email: "b@x.com", email_lower: "b@x.com", utm_campaign: "eid", phone: "x" });
    expect(mergeFill(survivor, [newer, older])).toEqual({
      email: "a@x.com",
      email_lower: "a@x.com",
      utm_campaign: "eid",
    });
  });

  it("moves a phone's key only with the phone", () => {
    const survivor = blank("2026-11-20", { phone: "017", phone_e164: null });
    const other = blank("2026-11-01", { phone: "01712345678", phone_e164: "+8801712345678" });
    expect(mergeFill(survivor, [other])).toEqual({});
  });
});
