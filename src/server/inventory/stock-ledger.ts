// The stock ledger's use inside other use cases: each function runs in the caller's transaction, appends
// movements and moves the cached balances with them. Orders reserve on confirmation, release on cancel or
// short delivery, issue (first-expiry-first) on delivery, and take returns back; primary orders receive.
import type { Executor } from "../db/transaction.ts";
import { InventoryErrors } from "./inventory.errors.ts";
import type { SkuQty, StockRef } from "./inventory.repository.ts";
import * as repo from "./inventory.repository.ts";

export type { SkuQty, StockRef };

const UNBATCHED = "UNBATCHED";

/** Reserves stock for a confirmed order; throws stock.insufficient naming the first SKU that cannot be covered. */
export async function reserveStock(
  tx: Executor,
  orgId: string,
  distributorId: string,
  items: readonly SkuQty[],
  ref: StockRef,
): Promise<void> {
  const wanted = repo.bySku(items);
  const balances = await repo.lockBalances(
    tx,
    orgId,
    distributorId,
    wanted.map((w) => w.skuId),
    { create: false },
  );
  for (const w of wanted) {
    const b = balances.get(w.skuId);
    const available = b ? b.on_hand - b.reserved : 0;
    if (available < w.qty) {
      const codes = await repo.skuCodes(tx, orgId, [w.skuId]);
      throw InventoryErrors.insufficient({
        skuId: w.skuId,
        skuCode: codes.get(w.skuId) ?? w.skuId,
        requested: w.qty,
        available: Math.max(available, 0),
      });
    }
  }
  await repo.addToBalances(
    tx,
    orgId,
    distributorId,
    wanted.map((w) => ({ skuId: w.skuId, onHand: 0, reserved: w.qty, damaged: 0 })),
  );
  await repo.appendMovements(
    tx,
    orgId,
    distributorId,
    ref,
    wanted.map((w) => ({ skuId: w.skuId, batchId: null, kind: "reservation", reserved: w.qty })),
  );
}

/** Gives back reservations (cancellation, or what a short delivery left undelivered). */
export async function releaseStock(
  tx: Executor,
  orgId: string,
  distributorId: string,
  items: readonly SkuQty[],
  ref: StockRef,
): Promise<void> {
  const wanted = repo.bySku(items).filter((w) => w.qty > 0);
  if (wanted.length === 0) return;
  await repo.lockBalances(
    tx,
    orgId,
    distributorId,
    wanted.map((w) => w.skuId),
  );
  await repo.addToBalances(
    tx,
    orgId,
    distributorId,
    wanted.map((w) => ({ skuId: w.skuId, onHand: 0, reserved: -w.qty, damaged: 0 })),
  );
  await repo.appendMovements(
    tx,
    orgId,
    distributorId,
    ref,
    wanted.map((w) => ({ skuId: w.skuId, batchId: null, kind: "release", reserved: -w.qty })),
  );
}

/** Issues reserved stock on delivery, taking from the batches that expire first. */
export async function issueStock(
  tx: Executor,
  orgId: string,
  distributorId: string,
  items: readonly SkuQty[],
  ref: StockRef,
): Promise<void> {
  const wanted = repo.bySku(items).filter((w) => w.qty > 0);
  if (wanted.length === 0) return;
  await repo.lockBalances(
    tx,
    orgId,
    distributorId,
    wanted.map((w) => w.skuId),
  );
  const batches = await repo.lockBatchesFefo(
    tx,
    orgId,
    distributorId,
    wanted.map((w) => w.skuId),
  );
  const { takes, short } = allocateFefo(batches, wanted);
  // The batch balances sum to on-hand, so this only happens if the ledger was broken.
  if (short.length > 0) throw new Error(`batches of ${short[0]?.skuId} hold less than its reserved stock`);
  const batchDeltas = takes.map((t) => ({ batchId: t.batch.batch_id, onHand: -t.qty, damaged: 0 }));
  const movements: Parameters<typeof repo.appendMovements>[4][number][] = takes.map((t) => ({
    skuId: t.batch.sku_id,
    batchId: t.batch.batch_id,
    kind: "issue",
    onHand: -t.qty,
    reserved: -t.qty,
  }));
  await repo.addToBatches(tx, orgId, batchDeltas);
  await repo.addToBalances(
    tx,
    orgId,
    distributorId,
    wanted.map((w) => ({ skuId: w.skuId, onHand: -w.qty, reserved: -w.qty, damaged: 0 })),
  );
  await repo.appendMovements(tx, orgId, distributorId, ref, movements);
}

/**
 * First-expiry-first: each SKU's quantity taken from its batches in the order given (repo.batchesFefo's), whole
 * batches before the next. What a batch cannot cover is `short`.
 */
export function allocateFefo<B extends Pick<repo.BatchStock, "batch_id" | "sku_id" | "on_hand">>(
  batches: readonly B[],
  wanted: readonly SkuQty[],
): { takes: { batch: B; qty: number }[]; short: SkuQty[] } {
  const takes: { batch: B; qty: number }[] = [];
  const short: SkuQty[] = [];
  for (const w of wanted) {
    let left = w.qty;
    for (const b of batches) {
      if (left === 0) break;
      if (b.sku_id !== w.skuId || b.on_hand <= 0) continue;
      const take = Math.min(left, b.on_hand);
      left -= take;
      takes.push({ batch: b, qty: take });
    }
    if (left > 0) short.push({ skuId: w.skuId, qty: left });
  }
  return { takes, short };
}

/**
 * What issuing these quantities now would take from which batch, without taking it (a delivery trip's pick list):
 * the same batches, order and rule as issueStock.
 */
export async function planIssue(db: Executor, orgId: string, distributorId: string, items: readonly SkuQty[]) {
  const wanted = repo.bySku(items).filter((w) => w.qty > 0);
  const batches = await repo.batchesFefo(
    db,
    orgId,
    distributorId,
    wanted.map((w) => w.skuId),
  );
  return allocateFefo(batches, wanted);
}

export interface Receipt {
  skuId: string;
  batchNo?: string | undefined;
  expiryDate?: string | null | undefined;
  qty: number;
}

/** Receives stock into batches: goods from the company, opening stock, or a positive count adjustment. */
export async function receiveStock(
  tx: Executor,
  orgId: string,
  distributorId: string,
  receipts: readonly Receipt[],
  kind: "receipt" | "opening" | "adjustment" | "transfer_in",
  ref: StockRef,
): Promise<void> {
  if (receipts.length === 0) return;
  await repo.lockBalances(
    tx,
    orgId,
    distributorId,
    receipts.map((r) => r.skuId),
  );
  const movements: Parameters<typeof repo.appendMovements>[4][number][] = [];
  const batchDeltas: { batchId: string; onHand: number; damaged: number }[] = [];
  for (const r of receipts) {
    const batch = await repo.ensureBatch(
      tx,
      orgId,
      distributorId,
      r.skuId,
      r.batchNo ?? UNBATCHED,
      r.expiryDate ?? null,
    );
    batchDeltas.push({ batchId: batch.id, onHand: r.qty, damaged: 0 });
    movements.push({ skuId: r.skuId, batchId: batch.id, kind, onHand: r.qty });
  }
  await repo.addToBatches(tx, orgId, batchDeltas);
  await repo.addToBalances(
    tx,
    orgId,
    distributorId,
    repo.bySku(receipts).map((w) => ({ skuId: w.skuId, onHand: w.qty, reserved: 0, damaged: 0 })),
  );
  await repo.appendMovements(tx, orgId, distributorId, ref, movements);
}

/**
 * Takes saleable stock away (a count that found less, a write-off), from a named batch or first-expiry-first.
 * Reserved stock cannot be taken: that would leave a confirmed order uncovered.
 */
export async function removeStock(
  tx: Executor,
  orgId: string,
  distributorId: string,
  item: { skuId: string; qty: number; batchNo?: string | undefined },
  kind: "adjustment" | "transfer_out",
  ref: StockRef,
): Promise<void> {
  const balances = await repo.lockBalances(tx, orgId, distributorId, [item.skuId]);
  const b = balances.get(item.skuId);
  const available = b ? b.on_hand - b.reserved : 0;
  const codes = async () => (await repo.skuCodes(tx, orgId, [item.skuId])).get(item.skuId) ?? item.skuId;
  if (available < item.qty)
    throw InventoryErrors.insufficient({
      skuId: item.skuId,
      skuCode: await codes(),
      requested: item.qty,
      available: Math.max(available, 0),
    });
  let takes: { batchId: string; qty: number }[];
  if (item.batchNo) {
    const batch = await repo.findBatch(tx, orgId, distributorId, item.skuId, item.batchNo);
    if (!batch) throw InventoryErrors.batchNotFound({ batchNo: item.batchNo });
    if (batch.on_hand < item.qty)
      throw InventoryErrors.insufficient({
        skuId: item.skuId,
        skuCode: await codes(),
        requested: item.qty,
        available: batch.on_hand,
      });
    takes = [{ batchId: batch.id, qty: item.qty }];
  } else {
    takes = [];
    let left = item.qty;
    for (const batch of await repo.lockBatchesFefo(tx, orgId, distributorId, [item.skuId])) {
      if (left === 0) break;
      const take = Math.min(left, batch.on_hand);
      left -= take;
      takes.push({ batchId: batch.batch_id, qty: take });
    }
  }
  await repo.addToBatches(
    tx,
    orgId,
    takes.map((t) => ({ batchId: t.batchId, onHand: -t.qty, damaged: 0 })),
  );
  await repo.addToBalances(tx, orgId, distributorId, [
    { skuId: item.skuId, onHand: -item.qty, reserved: 0, damaged: 0 },
  ]);
  await repo.appendMovements(
    tx,
    orgId,
    distributorId,
    ref,
    takes.map((t) => ({ skuId: item.skuId, batchId: t.batchId, kind, onHand: -t.qty })),
  );
}

/** Takes returned goods back into the batch they were issued from: saleable to on-hand, damaged apart. */
export async function returnStock(
  tx: Executor,
  orgId: string,
  distributorId: string,
  items: readonly { skuId: string; qty: number; condition: "saleable" | "damaged" }[],
  issuedRef: { refType: string; refId: string },
  ref: StockRef,
): Promise<void> {
  if (items.length === 0) return;
  const issued = await repo.issuedBatches(tx, orgId, issuedRef.refType, issuedRef.refId);
  await repo.lockBalances(
    tx,
    orgId,
    distributorId,
    items.map((i) => i.skuId),
  );
  const movements: Parameters<typeof repo.appendMovements>[4][number][] = [];
  const batchDeltas: { batchId: string; onHand: number; damaged: number }[] = [];
  const balanceDeltas: { skuId: string; onHand: number; reserved: number; damaged: number }[] = [];
  for (const i of items) {
    const batchId =
      issued.find((m) => m.sku_id === i.skuId)?.batch_id ??
      (await repo.ensureBatch(tx, orgId, distributorId, i.skuId, UNBATCHED, null)).id;
    const saleable = i.condition === "saleable";
    batchDeltas.push({ batchId, onHand: saleable ? i.qty : 0, damaged: saleable ? 0 : i.qty });
    balanceDeltas.push({ skuId: i.skuId, onHand: saleable ? i.qty : 0, reserved: 0, damaged: saleable ? 0 : i.qty });
    movements.push(
      saleable
        ? { skuId: i.skuId, batchId, kind: "return", onHand: i.qty }
        : { skuId: i.skuId, batchId, kind: "return", damaged: i.qty },
    );
  }
  await repo.addToBatches(tx, orgId, batchDeltas);
  await repo.addToBalances(tx, orgId, distributorId, balanceDeltas);
  await repo.appendMovements(tx, orgId, distributorId, ref, movements);
}
