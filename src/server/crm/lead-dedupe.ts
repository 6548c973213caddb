// Duplicates (C1): two records are the same person when their Bangladesh mobile numbers normalize alike
// (01712-345678 and +8801712345678) or their emails match ignoring case. Merging keeps the survivor's values and
// fills its blanks from the others, oldest first.
import { normalizeBdPhone } from "../../shared/bd-phone.ts";

/** The dedupe keys of a phone and an email as stored (phone_e164, email_lower). */
export function dedupeKeys(phone: string | null | undefined, email: string | null | undefined) {
  const p = phone?.trim() ? normalizeBdPhone(phone) : null;
  const e = email?.trim() ? email.trim().toLowerCase() : null;
  return { phoneE164: p, emailLower: e };
}

/** The fields a merge fills in when the survivor has none. */
export const MERGE_FILLED = [
  "company",
  "title",
  "phone",
  "phone_e164",
  "email",
  "email_lower",
  "message",
  "district",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_term",
  "utm_content",
  "referrer_url",
  "landing_url",
  "referral_code",
  "territory_id",
  "owner_user_id",
  "form_id",
] as const;
export type MergeField = (typeof MERGE_FILLED)[number];
export type Mergeable = Record<MergeField, string | null> & { created_at: Date };

/** What the survivor should change: each blank field that one of the others (oldest first) has. */
export function mergeFill(survivor: Mergeable, others: readonly Mergeable[]): Partial<Record<MergeField, string>> {
  const byAge = [...others].sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
  const out: Partial<Record<MergeField, string>> = {};
  for (const f of MERGE_FILLED) {
    if (survivor[f] !== null && survivor[f] !== "") continue;
    const from = byAge.find((o) => o[f] !== null && o[f] !== "");
    if (from) out[f] = from[f] as string;
  }
  // The phone and its key travel together, as do the email and its key.
  if (out.phone === undefined) delete out.phone_e164;
  if (out.email === undefined) delete out.email_lower;
  return out;
}
