// Distributor stock as people see and correct it: balances per SKU, the movement ledger, batches
// (first-expiry-first), manual adjustments with a reason, and physical counts that append the differences.
// Every change goes through stock-ledger.ts, so the balances stay the sums of the ledger.
import type { z } from "zod";
import type {
  StockAdjustmentRequest,
  StockCountRequest,
  StockCountResponse,
  StockListQuery,
  StockMovementQuery,
  StockMovementRow,
  StockRow,
} from "../../shared/contracts/inventory.ts";
import { newId } from "../../shared/ids.ts";
import type { Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { AccessErrors, type Actor, can } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { writeCsv } from "../platform/csv.ts";
import { decodeCursor, decodeIdCursor, encodeCursor, PaginationErrors } from "../platform/pagination.ts";
import { InventoryErrors } from "./inventory.errors.ts";
import * as repo from "./inventory.repository.ts";
import { receiveStock, removeStock } from "./stock-ledger.ts";

type StockListInput = z.output<typeof StockListQuery>;
type StockExportInput = Omit<StockListInput, "cursor" | "limit">;
type MovementInput = z.output<typeof StockMovementQuery>;
type AdjustmentInput = z.output<typeof StockAdjustmentRequest>;
type CountInput = z.output<typeof StockCountRequest>;

const EXPORT_LIMIT = 10_000;

/**
 * The distributor if the actor may see its stock: admins any of the org, a distributor user only its own,
 * managers and reps those based in or covering their territory subtree. Otherwise null (callers answer 404).
 * Secondary orders reuse this check.
 */
export async function distributorInScope(
  db: Executor,
  actor: Actor,
  distributorId: string,
): Promise<{ id: string; code: string; name: string; name_bn: string } | null> {
  const d = await repo.findDistributorInScope(db, actor.orgId, actor.scope, distributorId);
  return d ? { id: d.id, code: d.code, name: d.name, name_bn: d.name_bn } : null;
}

async function requireDistributor(db: Executor, actor: Actor, distributorId: string) {
  const d = await distributorInScope(db, actor, distributorId);
  if (!d) throw InventoryErrors.distributorNotFound();
  return d;
}

type BalanceRead = {
  sku_id: string;
  code: string;
  name: string;
  name_bn: string;
  on_hand: number;
  reserved: number;
  damaged: number;
  next_expiry: string | null;
};

function stockRow(distributorId: string, r: BalanceRead): StockRow {
  return {
    distributorId,
    skuId: r.sku_id,
    skuCode: r.code,
    skuName: r.name,
    skuNameBn: r.name_bn,
    onHand: r.on_hand,
    reserved: r.reserved,
    available: r.on_hand - r.reserved,
    damaged: r.damaged,
    nextExpiry: r.next_expiry ?? null,
  };
}

function decodeCodeCursor(cursor: string): string {
  const [code, ...rest] = decodeCursor(cursor);
  if (typeof code !== "string" || rest.length) throw PaginationErrors.badCursor();
  return code;
}

export async function listStock(ctx: Ctx, query: StockListInput) {
  if (!can(ctx.actor, "stock.read")) throw AccessErrors.forbidden();
  await requireDistributor(ctx.db, ctx.actor, query.distributorId);
  const rows = await repo.listStock(ctx.db, ctx.actor.orgId, query.distributorId, {
    q: query.q,
    outOfStock: query.outOfStock,
    afterCode: query.cursor ? decodeCodeCursor(query.cursor) : undefined,
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => stockRow(query.distributorId, r)),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.code]) : null,
  };
}

export async function exportStockCsv(ctx: Ctx, query: StockExportInput) {
  if (!can(ctx.actor, "stock.read")) throw AccessErrors.forbidden();
  const d = await requireDistributor(ctx.db, ctx.actor, query.distributorId);
  const rows = await repo.listStock(ctx.db, ctx.actor.orgId, query.distributorId, {
    q: query.q,
    outOfStock: query.outOfStock,
    limit: EXPORT_LIMIT - 1,
  });
  return writeCsv(
    [
      "distributor_code",
      "sku_code",
      "sku_name",
      "sku_name_bn",
      "on_hand",
      "reserved",
      "available",
      "damaged",
      "next_expiry",
    ],
    rows.map((r) => [
      d.code,
      r.code,
      r.name,
      r.name_bn,
      r.on_hand,
      r.reserved,
      r.on_hand - r.reserved,
      r.damaged,
      r.next_expiry ?? "",
    ]),
  );
}

export async function listMovements(ctx: Ctx, query: MovementInput) {
  if (!can(ctx.actor, "stock.read")) throw AccessErrors.forbidden();
  await requireDistributor(ctx.db, ctx.actor, query.distributorId);
  const rows = await repo.listMovements(ctx.db, ctx.actor.orgId, query.distributorId, {
    skuId: query.skuId,
    kind: query.kind,
    beforeId: query.cursor ? decodeIdCursor(query.cursor) : undefined,
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const items: z.infer<typeof StockMovementRow>[] = page.map((m) => ({
    id: m.id,
    skuId: m.sku_id,
    skuCode: m.sku_code,
    batchNo: m.batch_no,
    kind: m.kind,
    onHandDelta: m.on_hand_delta,
    reservedDelta: m.reserved_delta,
    damagedDelta: m.damaged_delta,
    reason: m.reason,
    refType: m.ref_type,
    refId: m.ref_id,
    refNumber: m.so_number ?? m.po_number ?? null,
    createdByName: m.created_by_name,
    createdAt: m.created_at.toISOString(),
  }));
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null };
}

/** Batches with stock, per SKU first-expiring first: the order deliveries take them in. */
export async function listBatches(ctx: Ctx, query: { distributorId: string; skuId?: string | undefined }) {
  if (!can(ctx.actor, "stock.read")) throw AccessErrors.forbidden();
  await requireDistributor(ctx.db, ctx.actor, query.distributorId);
  const rows = await repo.listBatches(ctx.db, ctx.actor.orgId, query.distributorId, query.skuId);
  return {
    items: rows.map((b) => ({
      batchId: b.batch_id,
      skuId: b.sku_id,
      batchNo: b.batch_no,
      expiryDate: b.expiry_date,
      onHand: b.on_hand,
      damaged: b.damaged,
    })),
  };
}

async function currentRow(tx: Executor, orgId: string, distributorId: string, skuId: string): Promise<StockRow> {
  const r = await repo.findStockRow(tx, orgId, distributorId, skuId);
  if (!r) throw InventoryErrors.skuNotFound();
  return stockRow(distributorId, r);
}

/** A manual correction with a reason: stock found goes into a batch, stock lost comes out of one (or FEFO). */
export async function adjustStock(ctx: Ctx, input: AdjustmentInput): Promise<StockRow> {
  if (!can(ctx.actor, "stock.write")) throw AccessErrors.forbidden();
  const { orgId } = ctx.actor;
  return withTransaction(ctx.db, async (tx) => {
    await requireDistributor(tx, ctx.actor, input.distributorId);
    const before = await currentRow(tx, orgId, input.distributorId, input.skuId);
    const adjustmentId = newId();
    const ref = { refType: "stock_adjustment", refId: adjustmentId, createdBy: ctx.actor.userId, reason: input.reason };
    if (input.qtyDelta > 0)
      await receiveStock(
        tx,
        orgId,
        input.distributorId,
        [{ skuId: input.skuId, batchNo: input.batchNo, expiryDate: input.expiryDate ?? null, qty: input.qtyDelta }],
        "adjustment",
        ref,
      );
    else
      await removeStock(
        tx,
        orgId,
        input.distributorId,
        { skuId: input.skuId, qty: -input.qtyDelta, batchNo: input.batchNo },
        "adjustment",
        ref,
      );
    const after = await currentRow(tx, orgId, input.distributorId, input.skuId);
    await recordAudit(tx, ctx, {
      entity: "stock_adjustment",
      entityId: adjustmentId,
      action: "create",
      before: { onHand: before.onHand, reserved: before.reserved },
      after: {
        distributorId: input.distributorId,
        sku: after.skuCode,
        batchNo: input.batchNo ?? null,
        qtyDelta: input.qtyDelta,
        reason: input.reason,
        onHand: after.onHand,
        reserved: after.reserved,
      },
    });
    return after;
  });
}

/**
 * A physical count: each line is compared with what the ledger holds (the named batch, or the SKU in total)
 * and the difference is appended as an adjustment. All lines or none: a count that would take away stock
 * reserved for confirmed orders is refused with stock.insufficient and writes nothing.
 */
export async function countStock(ctx: Ctx, input: CountInput): Promise<z.infer<typeof StockCountResponse>> {
  if (!can(ctx.actor, "stock.write")) throw AccessErrors.forbidden();
  const { orgId } = ctx.actor;
  const distributorId = input.distributorId;
  return withTransaction(ctx.db, async (tx) => {
    await requireDistributor(tx, ctx.actor, distributorId);
    const skuIds = [...new Set(input.lines.map((l) => l.skuId))];
    const skus = new Map((await repo.findSkus(tx, orgId, skuIds)).map((s) => [s.id, s]));
    const seen = new Map<string, Set<string | null>>();
    input.lines.forEach((l, i) => {
      const sku = skus.get(l.skuId);
      if (!sku) throw InventoryErrors.skuNotFound({ line: i + 1 });
      const keys = seen.get(l.skuId) ?? new Set<string | null>();
      const batch = l.batchNo ?? null;
      // A SKU counted in total and also by batch (or a batch twice) would count the same goods twice.
      if (keys.has(batch) || (keys.size > 0 && (batch === null || keys.has(null))))
        throw InventoryErrors.countLineRepeated({ line: i + 1, skuCode: sku.code });
      keys.add(batch);
      seen.set(l.skuId, keys);
    });
    const balances = await repo.lockBalances(tx, orgId, distributorId, skuIds);
    const countId = newId();
    const ref = { refType: "stock_count", refId: countId, createdBy: ctx.actor.userId, reason: input.reason };
    const lines: {
      skuId: string;
      batchNo: string | null;
      batchId: string | null;
      systemQty: number;
      countedQty: number;
    }[] = [];
    for (const l of input.lines) {
      let systemQty: number;
      let batchId: string | null = null;
      if (l.batchNo) {
        const batch = await repo.findBatch(tx, orgId, distributorId, l.skuId, l.batchNo);
        systemQty = batch?.on_hand ?? 0;
        batchId = batch?.id ?? null;
      } else systemQty = balances.get(l.skuId)?.on_hand ?? 0;
      const diff = l.countedQty - systemQty;
      if (diff > 0) {
        await receiveStock(
          tx,
          orgId,
          distributorId,
          [{ skuId: l.skuId, batchNo: l.batchNo, qty: diff }],
          "adjustment",
          ref,
        );
        if (l.batchNo && !batchId)
          batchId = (await repo.findBatch(tx, orgId, distributorId, l.skuId, l.batchNo))?.id ?? null;
      } else if (diff < 0)
        await removeStock(
          tx,
          orgId,
          distributorId,
          { skuId: l.skuId, qty: -diff, batchNo: l.batchNo },
          "adjustment",
          ref,
        );
      lines.push({ skuId: l.skuId, batchNo: l.batchNo ?? null, batchId, systemQty, countedQty: l.countedQty });
    }
    await repo.insertStockCount(
      tx,
      { orgId, id: countId, distributorId, reason: input.reason, createdBy: ctx.actor.userId },
      lines,
    );
    const response = {
      id: countId,
      distributorId,
      reason: input.reason,
      createdAt: new Date().toISOString(),
      lines: lines.map((l) => ({
        skuId: l.skuId,
        batchNo: l.batchNo,
        systemQty: l.systemQty,
        countedQty: l.countedQty,
        differenceQty: l.countedQty - l.systemQty,
      })),
    };
    await recordAudit(tx, ctx, {
      entity: "stock_count",
      entityId: countId,
      action: "create",
      after: {
        distributorId,
        reason: input.reason,
        lines: response.lines.map((l) => ({
          sku: skus.get(l.skuId)?.code,
          batchNo: l.batchNo,
          system: l.systemQty,
          counted: l.countedQty,
        })),
      },
    });
    return response;
  });
}

// --- for analytics (the analytics module has already scoped the distributors)

/** Free stock (on hand less reserved) per distributor x SKU: key `${distributorId}|${skuId}`. */
export async function freeStockOf(db: Executor, orgId: string, distributorIds: readonly string[]) {
  const rows = await repo.freeStockOf(db, orgId, [...new Set(distributorIds)]);
  return new Map(rows.map((r) => [`${r.distributor_id}|${r.sku_id}`, Number(r.free)]));
}

/**
 * Primary sales per distributor: the totals of the primary orders the company dispatched on the dates (received
 * since or not). Dispatch is when the company books the sale and the goods leave it.
 */
export async function primaryDispatchedTotals(
  db: Executor,
  orgId: string,
  distributorIds: readonly string[],
  from: string,
  to: string,
) {
  const rows = await repo.primaryDispatchedTotals(db, orgId, { distributorIds, from, to });
  return new Map(rows.map((r) => [r.distributor_id, Number(r.total)]));
}
