// What an outlet had on its shelf when the rep looked: a count per product, 0 for out of stock.
import { businessDate } from "../../shared/format.ts";
import { loadSkusForOrder } from "../catalog/catalog.service.ts";
import { withTransaction } from "../db/transaction.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { type CommandOutcome, FieldErrors, type FieldMessage, fieldWarning } from "./field.errors.ts";
import * as repo from "./field.repository.ts";
import { type Command, fieldOutlet, placementOn, requireFieldUse } from "./field-scope.ts";
import { ownVisitAt } from "./visits.service.ts";

export async function recordStockAudit(ctx: Ctx, command: Command<"stock_audit.record">): Promise<CommandOutcome> {
  requireFieldUse(ctx);
  const { orgId, userId } = ctx.actor;
  const p = command.payload;
  const at = new Date(command.at);
  const auditDate = businessDate(at);
  const skuIds = p.lines.map((l) => l.skuId);
  if (new Set(skuIds).size !== skuIds.length) throw FieldErrors.duplicateAuditSku();
  return withTransaction(ctx.db, async (tx) => {
    const outlet = await fieldOutlet(tx, ctx, p.outletId);
    const skus = await loadSkusForOrder(tx, orgId, skuIds);
    const unknown = skuIds.filter((id) => {
      const sku = skus.get(id);
      return !sku || sku.archived_at !== null;
    });
    if (unknown.length > 0) throw FieldErrors.unknownSku({ count: unknown.length, skuIds: unknown });
    const place = await placementOn(tx, ctx, outlet, auditDate);
    const warnings: FieldMessage[] = [];
    let visitId: string | null = null;
    if (p.visitId) {
      if (await ownVisitAt(tx, ctx, p.visitId, outlet.id)) visitId = p.visitId;
      else warnings.push(fieldWarning("field.visit_not_linked", ctx.locale, { visitId: p.visitId }));
    }
    const inserted = await repo.insertStockAudit(tx, {
      orgId,
      id: p.auditId,
      outletId: outlet.id,
      visitId,
      userId,
      territoryPath: place.territoryPath,
      auditDate,
      auditedAt: at,
      lines: p.lines,
    });
    if (!inserted) throw FieldErrors.idTaken({ auditId: p.auditId });
    const outOfStock = p.lines.filter((l) => l.qty === 0).length;
    await recordAudit(tx, ctx, {
      entity: "outlet_stock_audit",
      entityId: p.auditId,
      action: "create",
      after: { outletId: outlet.id, visitId, auditDate, products: p.lines.length, outOfStock },
    });
    return { data: { auditId: p.auditId, outOfStock }, warnings };
  });
}
