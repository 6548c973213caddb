// Which trade schemes go to a rep's phone, pure: the outlet-facing ones in force that could apply to at least one
// outlet of the rep's beats (their targeting matches it), so the phone prices memos with them offline; and the
// fingerprint the snapshot token keeps of them, so that a scheme started, edited, paused or ended reaches the
// phone on the next incremental snapshot.
import type { SchemeDefinition } from "../../shared/pricing/scheme-types.ts";
import { type OutletForSchemes, targetsOutlet } from "../promotions/promotions.service.ts";
import { idSetHash } from "./field-snapshot-token.ts";

/** The outlet-facing schemes that target at least one of these outlets, by id (a stable order for the phone). */
export function schemesForOutlets(
  schemes: readonly SchemeDefinition[],
  outlets: readonly OutletForSchemes[],
): SchemeDefinition[] {
  return schemes
    .filter((s) => s.facing === "secondary" && outlets.some((o) => targetsOutlet(s.targeting, o)))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * A fingerprint of what the phone is sent: every scheme's whole content (an edit changes it, not only a new id)
 * and the budget-exhausted ones.
 */
export function schemeSetHash(schemes: readonly SchemeDefinition[], exhaustedIds: readonly string[]): string {
  return idSetHash([...schemes.map((s) => canonicalJson(s)), ...exhaustedIds.map((id) => `exhausted:${id}`)]);
}

/** JSON with object keys sorted, so the same scheme read twice (whatever the key order) hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
