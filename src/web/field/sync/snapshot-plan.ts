// How a pulled snapshot changes what the phone holds, pure: a full snapshot replaces, an incremental one merges
// (and drops the outlets that left the rep's routes and the SKUs archived since), and the server's record of
// today fills in what this phone does not know (a reinstalled phone) without undoing what it has not sent yet.
import type {
  FieldOutlet,
  FieldPriceBook,
  FieldRoute,
  FieldScheme,
  FieldSku,
  FieldSnapshotResponse,
} from "../../../shared/contracts/field.ts";
import type { DayState, LocalVisit } from "../store/field-db.ts";

export interface SnapshotPlan {
  /** Clear outlets, SKUs, price books first. */
  replace: boolean;
  putOutlets: FieldOutlet[];
  deleteOutletIds: string[];
  putSkus: FieldSku[];
  deleteSkuIds: string[];
  putPriceBooks: FieldPriceBook[];
  /** Routes always come whole: they replace what is held. */
  routes: FieldRoute[];
  /** The schemes in force, whole, to replace what is held; null: unchanged. */
  schemes: { schemes: FieldScheme[]; exhaustedSchemeIds: string[] } | null;
}

export function planSnapshot(snapshot: FieldSnapshotResponse): SnapshotPlan {
  return {
    replace: snapshot.full,
    putOutlets: snapshot.outlets,
    deleteOutletIds: snapshot.full ? [] : snapshot.removedOutletIds,
    putSkus: snapshot.skus.filter((s) => !s.archived),
    deleteSkuIds: snapshot.full ? [] : snapshot.skus.filter((s) => s.archived).map((s) => s.id),
    putPriceBooks: snapshot.priceBooks,
    routes: snapshot.routes,
    schemes:
      snapshot.schemes === null
        ? null
        : { schemes: snapshot.schemes, exhaustedSchemeIds: snapshot.exhaustedSchemeIds ?? [] },
  };
}

/**
 * The visits to write after a snapshot: the server's visits this phone does not have, and server facts (distance,
 * whether the check-in was outside the radius, a check-out) added to the ones it has. Nothing local is cleared:
 * a check-out still in the outbox stays checked out.
 */
export function mergeServerVisits(
  local: readonly LocalVisit[],
  snapshot: Pick<FieldSnapshotResponse, "day" | "today">,
  userId: string,
): LocalVisit[] {
  const byId = new Map(local.map((v) => [v.id, v]));
  const out: LocalVisit[] = [];
  for (const s of snapshot.day.visits) {
    const mine = byId.get(s.id);
    if (!mine) {
      out.push({
        id: s.id,
        userId,
        date: snapshot.today,
        outletId: s.outletId,
        checkInCommandId: null,
        checkOutCommandId: null,
        checkedInAt: s.checkedInAt,
        checkedOutAt: s.checkedOutAt,
        outcome: s.outcome,
        noOrderReason: null,
        distanceM: s.distanceM,
        outsideRadius: s.outsideRadius,
      });
      continue;
    }
    const merged: LocalVisit = {
      ...mine,
      distanceM: s.distanceM ?? mine.distanceM,
      outsideRadius: s.outsideRadius,
      checkedOutAt: mine.checkedOutAt ?? s.checkedOutAt,
      outcome: mine.outcome ?? s.outcome,
    };
    if (
      merged.distanceM !== mine.distanceM ||
      merged.outsideRadius !== mine.outsideRadius ||
      merged.checkedOutAt !== mine.checkedOutAt ||
      merged.outcome !== mine.outcome
    )
      out.push(merged);
  }
  return out;
}

/** Today's attendance: the server's start and end fill in what this phone does not know. */
export function mergeServerDay(
  local: DayState | undefined,
  snapshot: Pick<FieldSnapshotResponse, "day" | "today">,
  userId: string,
): DayState | null {
  const current = local && local.userId === userId && local.date === snapshot.today ? local : undefined;
  const merged: DayState = {
    userId,
    date: snapshot.today,
    startedAt: current?.startedAt ?? snapshot.day.startedAt,
    endedAt: current?.endedAt ?? snapshot.day.endedAt,
  };
  if (current && merged.startedAt === current.startedAt && merged.endedAt === current.endedAt) return null;
  if (!current && merged.startedAt === null && merged.endedAt === null) return null;
  return merged;
}
