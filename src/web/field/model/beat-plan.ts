// Today's beat, pure: which route is walked today (its weekdays contain today's, or the one the rep picked), the
// state of each outlet's visit, reordering, and finding the rep's other outlets for an unplanned visit.
import type { FieldCommand, FieldOutlet, FieldRoute, GpsFix } from "../../../shared/contracts/field.ts";
import { distanceMetres } from "../../../shared/geo-distance.ts";
import { searchScore, searchTerms, searchText } from "../../../shared/search-text.ts";
import type { LocalVisit, RouteChoice } from "../store/field-db.ts";

/** 0 = Sunday ... 6 = Saturday, for a business date (YYYY-MM-DD). */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export interface BeatChoice {
  route: FieldRoute | null;
  /** The routes scheduled for the date's weekday. */
  scheduled: FieldRoute[];
  /** The rep picked the route (or must pick one: nothing is scheduled today). */
  picked: boolean;
}

export function chooseBeat(
  routes: readonly FieldRoute[],
  date: string,
  choice: RouteChoice | undefined,
  userId: string,
): BeatChoice {
  const weekday = weekdayOf(date);
  const scheduled = routes.filter((r) => r.weekdays.includes(weekday));
  const chosen =
    choice && choice.userId === userId && choice.date === date
      ? routes.find((r) => r.id === choice.routeId)
      : undefined;
  if (chosen) return { route: chosen, scheduled, picked: true };
  return { route: scheduled[0] ?? null, scheduled, picked: false };
}

export type VisitStatus = "pending" | "in_progress" | "order" | "no_order";

/** Each outlet's latest visit of the day and what it means for the beat list. */
export function visitsByOutlet(visits: readonly LocalVisit[]): Map<string, { status: VisitStatus; visit: LocalVisit }> {
  const latest = new Map<string, LocalVisit>();
  for (const v of visits) {
    const seen = latest.get(v.outletId);
    if (!seen || seen.checkedInAt < v.checkedInAt) latest.set(v.outletId, v);
  }
  const out = new Map<string, { status: VisitStatus; visit: LocalVisit }>();
  for (const [outletId, visit] of latest) {
    const status: VisitStatus = visit.checkedOutAt === null ? "in_progress" : (visit.outcome ?? "no_order");
    out.set(outletId, { status, visit });
  }
  return out;
}

/** The one visit still open (checked in, not out), if any. */
export const openVisit = (visits: readonly LocalVisit[]): LocalVisit | undefined =>
  visits.find((v) => v.checkedOutAt === null);

/** Move the item at `index` one place up (-1) or down (+1); out of range leaves the order as it is. */
export function moveItem<T>(items: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (index < 0 || index >= items.length || to < 0 || to >= items.length) return [...items];
  const out = [...items];
  const [item] = out.splice(index, 1);
  if (item !== undefined) out.splice(to, 0, item);
  return out;
}

/** Metres from the rep to the outlet, or null without a fix or without the outlet's point. */
export function distanceTo(outlet: Pick<FieldOutlet, "lat" | "lng">, fix: GpsFix | null): number | null {
  if (!fix || outlet.lat === null || outlet.lng === null) return null;
  return distanceMetres({ lat: fix.lat, lng: fix.lng }, { lat: outlet.lat, lng: outlet.lng });
}

/** The rep's outlets off the given beat that match the query (names in either script, code, owner). */
export function searchOutlets(
  outlets: readonly FieldOutlet[],
  query: string,
  excludeIds: ReadonlySet<string>,
  limit = 30,
): FieldOutlet[] {
  const terms = searchTerms(query);
  const code = query.trim().toLowerCase();
  return outlets
    .filter((o) => !excludeIds.has(o.id))
    .flatMap((o) => {
      const score =
        terms.length === 0
          ? 2
          : code !== "" && o.code.toLowerCase().includes(code)
            ? 2
            : searchScore(searchText(o.name, o.nameBn, o.ownerName, o.code), terms);
      return score > 0 ? [{ o, score }] : [];
    })
    .sort((a, b) => b.score - a.score || a.o.name.localeCompare(b.o.name))
    .slice(0, limit)
    .map((x) => x.o);
}

/** Whole minutes from check-in to check-out (or to now while the visit is open). */
export function minutesSpent(checkedInAt: string, until: string | Date): number {
  const end = typeof until === "string" ? Date.parse(until) : until.getTime();
  return Math.max(0, Math.floor((end - Date.parse(checkedInAt)) / 60_000));
}

/** How many of the given commands concern each outlet (a check-out through its visit): "what is pending" there. */
export function commandsByOutlet(
  commands: readonly FieldCommand[],
  visits: readonly Pick<LocalVisit, "id" | "outletId">[],
): Map<string, number> {
  const outletOfVisit = new Map(visits.map((v) => [v.id, v.outletId]));
  const out = new Map<string, number>();
  for (const c of commands) {
    const p = c.payload as { outletId?: unknown; visitId?: unknown };
    const outletId =
      c.kind === "outlet.propose"
        ? undefined
        : typeof p.outletId === "string"
          ? p.outletId
          : typeof p.visitId === "string"
            ? outletOfVisit.get(p.visitId)
            : undefined;
    if (outletId) out.set(outletId, (out.get(outletId) ?? 0) + 1);
  }
  return out;
}
