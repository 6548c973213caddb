// Orders and collections taken in the field: the orders module's own use cases, run inside the command's
// transaction, so the command is recorded applied exactly when the order or payment is.
import { businessDate, formatMoney } from "../../shared/format.ts";
import { withTransaction } from "../db/transaction.ts";
import { duesOfOutlets, recordPayment } from "../orders/collections.service.ts";
import { createSecondaryOrder } from "../orders/orders.service.ts";
import type { Ctx } from "../platform/context.ts";
import { type CommandOutcome, type FieldMessage, fieldWarning } from "./field.errors.ts";
import { type Command, requireFieldUse } from "./field-scope.ts";
import { linkOrderToVisit } from "./visits.service.ts";

/**
 * A rep's order is confirmed at once: stock is reserved now or the order is refused (the stock conflict the
 * rep sees, with the product and what is available).
 */
export async function placeOrder(ctx: Ctx, command: Command<"order.place">): Promise<CommandOutcome> {
  requireFieldUse(ctx);
  const p = command.payload;
  const orderDate = businessDate(new Date(command.at));
  return withTransaction(ctx.db, async (tx) => {
    const order = await createSecondaryOrder(
      { ...ctx, db: tx },
      { id: p.orderId, outletId: p.outletId, orderDate, lines: p.lines, note: p.note, confirm: true },
    );
    const warnings: FieldMessage[] = [];
    if (p.expectedTotalPoisha !== undefined && p.expectedTotalPoisha !== order.totalPoisha)
      warnings.push(
        fieldWarning(
          "field.price_changed",
          ctx.locale,
          { expected: p.expectedTotalPoisha, actual: order.totalPoisha },
          {
            expectedText: formatMoney(p.expectedTotalPoisha, ctx.locale),
            actualText: formatMoney(order.totalPoisha, ctx.locale),
          },
        ),
      );
    if (
      p.visitId &&
      !(await linkOrderToVisit(tx, ctx, { visitId: p.visitId, outletId: p.outletId, orderId: order.id }))
    )
      warnings.push(fieldWarning("field.visit_not_linked", ctx.locale, { visitId: p.visitId }));
    return {
      data: { orderId: order.id, number: order.number, totalPoisha: order.totalPoisha, status: order.status },
      warnings,
    };
  });
}

export async function collectPayment(ctx: Ctx, command: Command<"payment.collect">): Promise<CommandOutcome> {
  requireFieldUse(ctx);
  const p = command.payload;
  return withTransaction(ctx.db, async (tx) => {
    const payment = await recordPayment(
      { ...ctx, db: tx },
      {
        id: p.paymentId,
        outletId: p.outletId,
        method: p.method,
        reference: p.reference,
        amountPoisha: p.amountPoisha,
        receivedOn: businessDate(new Date(command.at)),
        note: p.note,
      },
    );
    // What the outlet still owes (every distributor together), so the rep can tell the shopkeeper at once.
    const dues = await duesOfOutlets(tx, ctx.actor.orgId, [p.outletId], businessDate());
    return {
      data: {
        paymentId: payment.id,
        number: payment.number,
        amountPoisha: payment.amountPoisha,
        duesAfterPoisha: dues.get(p.outletId)?.duesPoisha ?? 0,
      },
      warnings: [],
    };
  });
}
