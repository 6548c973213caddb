// What the live view derives from the day's visits: each visit's state (and its colour on the map and in the
// log), the log's order and rep filter, and KPI ratios as text.
import type { FieldLiveRep, FieldLiveVisit } from "../../../shared/contracts/field.ts";
import type { Formatters } from "../../ui/use-format.ts";

export type VisitState = "order" | "no_order" | "in_progress";

/** A visit without a check-out is still going on, whatever was already ordered in it. */
export function visitState(v: Pick<FieldLiveVisit, "checkedOutAt" | "outcome">): VisitState {
  if (v.checkedOutAt === null || v.outcome === null) return "in_progress";
  return v.outcome;
}

/** One colour per state, on the map markers, their legend and the log's badges alike. */
export const VISIT_STATE_COLORS: Record<VisitState, string> = {
  order: "#2f9e44",
  no_order: "#e03131",
  in_progress: "#1c7ed6",
};

/** The ring around a check-in made outside the outlet's radius. */
export const OUTSIDE_RADIUS_COLOR = "#f08c00";

/** The latest first (a live log is read from the top); the rep's only when one is chosen. */
export function visitLog(visits: readonly FieldLiveVisit[], repId: string | undefined): FieldLiveVisit[] {
  return visits
    .filter((v) => repId === undefined || v.repUserId === repId)
    .sort((a, b) => Date.parse(b.checkedInAt) - Date.parse(a.checkedInAt));
}

/** Reps who are out today (day started, or visits made) come first, then the rest; each part by name. */
export function repsActiveFirst(reps: readonly FieldLiveRep[]): FieldLiveRep[] {
  const active = (r: FieldLiveRep) => r.dayStartedAt !== null || r.kpis.visits > 0;
  return [...reps].sort((a, b) => Number(active(b)) - Number(active(a)) || a.name.localeCompare(b.name));
}

/** Basis points as a percentage (6250 -> 62.5%); a dash when there was nothing to divide. */
export const percentText = (fmt: Pick<Formatters, "number">, bp: number | null): string =>
  bp === null ? "—" : `${fmt.number(bp / 100)}%`;

/** A value sent ×100 (lines per call: 425 -> 4.25); a dash when there was nothing to divide. */
export const hundredthsText = (fmt: Pick<Formatters, "number">, x100: number | null): string =>
  x100 === null ? "—" : fmt.number(x100 / 100);

/** A no-order reason's label in the UI language, from the admin's list; the code itself when it is not there. */
export function reasonLabel(
  code: string,
  reasons: readonly { code: string; labelEn: string; labelBn: string }[] | undefined,
  locale: Formatters["locale"],
): string {
  const r = reasons?.find((x) => x.code === code);
  if (!r) return code.replaceAll("_", " ");
  return locale === "bn" ? r.labelBn : r.labelEn;
}
