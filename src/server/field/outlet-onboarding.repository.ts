// SQL of outlets proposed from the field: the onboarding queue and the photos taken with a proposal. Which
// proposals an actor sees is the outlets' own rule (outletScopeFilter), not a copy of it.
import type { OnboardingStatus } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";
import { outletScopeFilter } from "../network/outlets.repository.ts";
import type { Scope } from "../platform/access.ts";

export async function insertOnboarding(
  db: Executor,
  o: { orgId: string; outletId: string; requestedBy: string; requestedAt: Date; routeId: string },
) {
  await db
    .insertInto("outlet_onboardings")
    .values({
      org_id: o.orgId,
      outlet_id: o.outletId,
      requested_by: o.requestedBy,
      requested_at: o.requestedAt,
      route_id: o.routeId,
    })
    .execute();
}

export async function insertPhoto(
  db: Executor,
  p: {
    orgId: string;
    id: string;
    outletId: string;
    contentType: "image/jpeg" | "image/webp";
    bytes: Buffer;
    takenAt: Date;
    createdBy: string;
  },
) {
  await db
    .insertInto("outlet_photos")
    .values({
      org_id: p.orgId,
      id: p.id,
      outlet_id: p.outletId,
      content_type: p.contentType,
      bytes: p.bytes,
      taken_at: p.takenAt,
      created_by: p.createdBy,
    })
    .execute();
}

function onboardings(db: Executor, orgId: string, scope: Scope) {
  return db
    .selectFrom("outlet_onboardings as b")
    .innerJoin("outlets as o", (j) => j.onRef("o.org_id", "=", "b.org_id").onRef("o.id", "=", "b.outlet_id"))
    .innerJoin("users as u", (j) => j.onRef("u.org_id", "=", "b.org_id").onRef("u.id", "=", "b.requested_by"))
    .leftJoin("territories as r", (j) => j.onRef("r.org_id", "=", "b.org_id").onRef("r.id", "=", "b.route_id"))
    .select([
      "b.outlet_id",
      "b.requested_by",
      "b.requested_at",
      "b.route_id",
      "b.status",
      "b.decided_at",
      "b.reject_reason",
      "o.code",
      "o.name",
      "o.name_bn",
      "o.owner_name",
      "o.phone",
      "o.channel",
      "o.address",
      "o.lat",
      "o.lng",
      "r.name as route_name",
      "u.name as requested_by_name",
    ])
    .where("b.org_id", "=", orgId)
    .where(outletScopeFilter(db, orgId, scope));
}

export type OnboardingRow = Awaited<ReturnType<typeof findOnboarding>> & object;

/** The proposals in the actor's scope with this status, oldest first (the queue's order), at most 500. */
export function listOnboardings(db: Executor, orgId: string, scope: Scope, status: OnboardingStatus) {
  return onboardings(db, orgId, scope)
    .where("b.status", "=", status)
    .orderBy("b.requested_at")
    .orderBy("b.outlet_id")
    .limit(500)
    .execute();
}

/** One proposal in the actor's scope; `lock` holds it until the transaction ends (a decision). */
export function findOnboarding(db: Executor, orgId: string, scope: Scope, outletId: string, lock = false) {
  const q = onboardings(db, orgId, scope).where("b.outlet_id", "=", outletId);
  return (lock ? q.forUpdate("b") : q).executeTakeFirst();
}

export async function decideOnboarding(
  db: Executor,
  orgId: string,
  outletId: string,
  d: { status: "approved" | "rejected"; decidedBy: string; rejectReason: string | null },
) {
  await db
    .updateTable("outlet_onboardings")
    .set({ status: d.status, decided_by: d.decidedBy, decided_at: new Date(), reject_reason: d.rejectReason })
    .where("org_id", "=", orgId)
    .where("outlet_id", "=", outletId)
    .execute();
}

/** Photo ids per outlet, in the order they were taken. */
export async function photoIdsOf(db: Executor, orgId: string, outletIds: readonly string[]) {
  const byOutlet = new Map<string, string[]>();
  if (outletIds.length === 0) return byOutlet;
  const rows = await db
    .selectFrom("outlet_photos")
    .select(["id", "outlet_id"])
    .where("org_id", "=", orgId)
    .where("outlet_id", "in", [...outletIds])
    .orderBy("taken_at")
    .orderBy("id")
    .execute();
  for (const r of rows) byOutlet.set(r.outlet_id, [...(byOutlet.get(r.outlet_id) ?? []), r.id]);
  return byOutlet;
}

/** A photo, if its outlet is in the actor's scope. */
export function findPhoto(db: Executor, orgId: string, scope: Scope, id: string) {
  return db
    .selectFrom("outlet_photos as p")
    .innerJoin("outlets as o", (j) => j.onRef("o.org_id", "=", "p.org_id").onRef("o.id", "=", "p.outlet_id"))
    .select(["p.content_type", "p.bytes"])
    .where("p.org_id", "=", orgId)
    .where("p.id", "=", id)
    .where(outletScopeFilter(db, orgId, scope))
    .executeTakeFirst();
}
