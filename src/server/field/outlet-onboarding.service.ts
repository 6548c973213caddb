// New outlets found in the field: a rep proposes one on their beat (with a photo), it waits as a pending outlet
// in the managers' queue, and a manager of its territory approves it (active, served by a distributor) or
// rejects it (archived, with the reason the rep sees). The outlet itself is the network module's to write.
import type { OnboardingDecisionRequest, OnboardingResponse } from "../../shared/contracts/field.ts";
import { businessDate } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import { withTransaction } from "../db/transaction.ts";
import { approveProposedOutlet, proposeOutlet, rejectProposedOutlet } from "../network/outlets.service.ts";
import { AccessErrors, can } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { type CommandOutcome, FieldErrors } from "./field.errors.ts";
import { decodeFieldPhoto } from "./field-command-rules.ts";
import { type Command, callerRoute, requireFieldUse } from "./field-scope.ts";
import * as repo from "./outlet-onboarding.repository.ts";

export async function proposeOutletFromField(ctx: Ctx, command: Command<"outlet.propose">): Promise<CommandOutcome> {
  requireFieldUse(ctx);
  const { orgId, userId } = ctx.actor;
  const p = command.payload;
  const at = new Date(command.at);
  const photo = p.photo ? { contentType: p.photo.contentType, bytes: decodeFieldPhoto(p.photo) } : null;
  return withTransaction(ctx.db, async (tx) => {
    await callerRoute(tx, ctx, p.routeId, businessDate(at));
    const outlet = await proposeOutlet(
      { ...ctx, db: tx },
      {
        id: p.outletId,
        name: p.name,
        nameBn: p.nameBn,
        ownerName: p.ownerName,
        phone: p.phone,
        channel: p.channel,
        class: p.outletClass,
        address: p.address,
        lat: p.gps?.lat ?? null,
        lng: p.gps?.lng ?? null,
        routeId: p.routeId,
      },
    );
    await repo.insertOnboarding(tx, {
      orgId,
      outletId: outlet.id,
      requestedBy: userId,
      requestedAt: at,
      routeId: p.routeId,
    });
    const photoIds: string[] = [];
    if (photo) {
      const id = newId();
      await repo.insertPhoto(tx, { orgId, id, outletId: outlet.id, ...photo, takenAt: at, createdBy: userId });
      photoIds.push(id);
    }
    await recordAudit(tx, ctx, {
      entity: "outlet_onboarding",
      entityId: outlet.id,
      action: "create",
      after: { outletId: outlet.id, code: outlet.code, routeId: p.routeId, photos: photoIds.length },
    });
    return { data: { outletId: outlet.id, code: outlet.code, status: "pending", photoIds }, warnings: [] };
  });
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function onboardingResponse(row: repo.OnboardingRow, photoIds: string[]): OnboardingResponse {
  return {
    outletId: row.outlet_id,
    code: row.code,
    name: row.name,
    nameBn: row.name_bn,
    ownerName: row.owner_name,
    phone: row.phone,
    channel: row.channel,
    address: row.address,
    lat: row.lat,
    lng: row.lng,
    routeId: row.route_id,
    routeName: row.route_name,
    requestedById: row.requested_by,
    requestedByName: row.requested_by_name,
    requestedAt: row.requested_at.toISOString(),
    status: row.status,
    decidedAt: iso(row.decided_at),
    rejectReason: row.reject_reason,
    photoIds,
  };
}

function requireApprover(ctx: Ctx) {
  if (!can(ctx.actor, "field.approve")) throw AccessErrors.forbidden();
}

/** The proposals of the caller's territory subtree with one status, oldest first. */
export async function listOnboardings(ctx: Ctx, query: { status: "pending" | "approved" | "rejected" }) {
  requireApprover(ctx);
  const { orgId, scope } = ctx.actor;
  const rows = await repo.listOnboardings(ctx.db, orgId, scope, query.status);
  const photos = await repo.photoIdsOf(
    ctx.db,
    orgId,
    rows.map((r) => r.outlet_id),
  );
  return { items: rows.map((r) => onboardingResponse(r, photos.get(r.outlet_id) ?? [])) };
}

export async function decideOnboarding(
  ctx: Ctx,
  outletId: string,
  input: OnboardingDecisionRequest,
): Promise<OnboardingResponse> {
  requireApprover(ctx);
  const { orgId, scope, userId } = ctx.actor;
  return withTransaction(ctx.db, async (tx) => {
    // Locked: two managers deciding at once get one decision and one "already decided".
    const row = await repo.findOnboarding(tx, orgId, scope, outletId, true);
    if (!row) throw FieldErrors.onboardingNotFound();
    if (row.status !== "pending") throw FieldErrors.onboardingDecided({ status: row.status });
    const txCtx = { ...ctx, db: tx };
    const approve = input.decision === "approve";
    // The contract requires a reason to reject.
    const rejectReason = approve ? null : (input.reason ?? "");
    const outlet =
      rejectReason === null
        ? await approveProposedOutlet(txCtx, outletId, { distributorId: input.distributorId })
        : await rejectProposedOutlet(txCtx, outletId, rejectReason);
    await repo.decideOnboarding(tx, orgId, outletId, {
      status: approve ? "approved" : "rejected",
      decidedBy: userId,
      rejectReason,
    });
    await recordAudit(tx, ctx, {
      entity: "outlet_onboarding",
      entityId: outletId,
      action: approve ? "approve" : "reject",
      before: { status: row.status },
      after: { status: approve ? "approved" : "rejected", distributorId: outlet.distributorId, reason: rejectReason },
    });
    const decided = await repo.findOnboarding(tx, orgId, scope, outletId);
    if (!decided) throw FieldErrors.onboardingNotFound();
    const photos = await repo.photoIdsOf(tx, orgId, [outletId]);
    return onboardingResponse(decided, photos.get(outletId) ?? []);
  });
}

/** A field photo's bytes, if its outlet is in the caller's scope. */
export async function getOutletPhoto(ctx: Ctx, id: string) {
  if (!can(ctx.actor, "network.read")) throw AccessErrors.forbidden();
  const photo = await repo.findPhoto(ctx.db, ctx.actor.orgId, ctx.actor.scope, id);
  if (!photo) throw FieldErrors.photoNotFound();
  // PostgreSQL's driver answers a Buffer, PGlite a Uint8Array: one shape for the route.
  return { contentType: photo.content_type, bytes: Buffer.from(photo.bytes) };
}
