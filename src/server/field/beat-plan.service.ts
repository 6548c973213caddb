// The order a rep walks a beat in, as they arrange it on the phone. Outlets that are not on the route (moved
// away since the phone last synced) are left out rather than refused: the rest of the order still holds.
import { businessDate } from "../../shared/format.ts";
import { withTransaction } from "../db/transaction.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import type { CommandOutcome } from "./field.errors.ts";
import * as repo from "./field.repository.ts";
import { type Command, callerRoute, requireFieldUse } from "./field-scope.ts";

export async function reorderBeat(ctx: Ctx, command: Command<"beat.reorder">): Promise<CommandOutcome> {
  requireFieldUse(ctx);
  const { orgId } = ctx.actor;
  const { routeId, outletIds } = command.payload;
  return withTransaction(ctx.db, async (tx) => {
    await callerRoute(tx, ctx, routeId, businessDate(new Date(command.at)));
    const onRoute = await repo.outletIdsOnRoute(tx, orgId, routeId);
    const ordered = [...new Set(outletIds)].filter((id) => onRoute.has(id));
    const before = await repo.listBeatStops(tx, orgId, routeId);
    await repo.replaceBeatStops(tx, orgId, routeId, ordered);
    await recordAudit(tx, ctx, {
      entity: "beat_plan",
      entityId: routeId,
      action: "reorder",
      before: { outletIds: before.map((s) => s.outlet_id) },
      after: { outletIds: ordered },
    });
    return { data: { routeId, positioned: ordered.length, ignored: outletIds.length - ordered.length }, warnings: [] };
  });
}
