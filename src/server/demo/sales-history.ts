// Months of trade for the demo company, simulated day by day so that the stock ledger is honest: opening
// stock, weekly receipts from primary orders, weekly beats where some outlets order, reservations at
// confirmation, FEFO issues at delivery, releases on cancellation or short delivery, returns, invoices and
// collections. Balances are what the ledger adds up to, and stock never goes below zero at any moment:
// a memo line asks only for what is free at the distributor that day.
//
// Two passes over the same seeded visits: the first only adds up each distributor's weekly demand per SKU,
// so that the second can plan receipts that cover it (as a distributor who knows their market would),
// except for a few SKUs left to run out and a few over-stocked.
import { type LineInput, type PricedLine, priceLine } from "../../shared/pricing/order-pricing.ts";
import type { Db } from "../db/transaction.ts";
import { setLastOrderNumber } from "../orders/orders.repository.ts";
import { addMonths, dateOf, dayNumber, dhakaAt, eidSeason, weekdayOf } from "./demo-calendar.ts";
import { insertSeedRows, type SeedRow, type SeedTable } from "./sales-seed.repository.ts";
import type { DistributorInfo, OutletInfo, PriceListInfo, RouteInfo, SkuInfo } from "./sales-seed.ts";
import type { Rng } from "./seeded-random.ts";

export interface HistoryInput {
  orgId: string;
  rng: Rng;
  skus: readonly SkuInfo[];
  distributors: readonly DistributorInfo[];
  outlets: readonly OutletInfo[];
  routes: readonly RouteInfo[];
  priceLists: readonly PriceListInfo[];
  startDay: number;
  asOfDay: number;
  orderLines: number;
  onProgress?: (progress: SeedProgress) => void;
}

/** How far the simulation is: days of history written (`day` the last), and what they made so far. */
export interface SeedProgress extends HistorySummary {
  day: string;
  daysDone: number;
  days: number;
}

export interface HistorySummary {
  orders: number;
  orderLines: number;
  stockMovements: number;
  primaryOrders: number;
  payments: number;
  returns: number;
}

type Fate = "confirmed" | "invoiced" | "dispatched" | "delivered" | "partially_delivered" | "returned" | "cancelled";

interface DraftLine {
  sku: number;
  unit: "piece" | "pack" | "case";
  factor: number;
  enteredQty: number;
}

interface Draft {
  outlet: number;
  day: number;
  minute: number;
  lines: DraftLine[];
  fate: Fate;
  deliveryDay: number;
  portal: boolean;
  shortLine: number;
  shortShare: number;
  returnDay: number;
  damaged: boolean[];
  cancelDay: number;
  cancelReason: string;
  payDay: number;
  payShare: number;
  method: "cash" | "cheque" | "bkash" | "nagad" | "rocket" | "bank";
}

interface Issue {
  batch: Batch;
  qty: number;
}

interface SimOrder {
  id: string;
  draft: Draft;
  distributor: number;
  lines: { line: DraftLine; qty: number; priced: PricedLine; deliveredQty: number; issues: Issue[] }[];
  deliveredTotal: number;
  confirmedAt: Date;
  deliveredAt: Date | null;
  repUserId: string;
}

/** What a payment weeks after delivery needs of its order. */
interface DuePayment extends Pick<SimOrder, "id" | "distributor" | "repUserId"> {
  draft: Pick<Draft, "outlet" | "payDay" | "deliveryDay" | "minute" | "method">;
}

interface Batch {
  id: string;
  batchNo: string;
  expiry: number;
  onHand: number;
  damaged: number;
  distributor: number;
  sku: number;
}

const CLASS_STRIKE = { A: 1.6, B: 1.15, C: 0.8 } as const;
const CLASS_LINES = { A: [6, 12], B: [4, 10], C: [3, 7] } as const;
const FLUSH_ROWS = 20_000;
const METHODS = [
  ["cash", 68],
  ["bkash", 12],
  ["nagad", 7],
  ["rocket", 3],
  ["cheque", 6],
  ["bank", 4],
] as const;
const CANCEL_REASONS = [
  "Outlet closed on delivery day",
  "Outlet asked to cancel",
  "Duplicate memo",
  "Over the outlet's credit limit",
];
const REFERENCE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

export async function seedHistory(db: Db, h: HistoryInput): Promise<HistorySummary> {
  const S = h.skus.length;
  const D = h.distributors.length;
  const weeks = Math.ceil((h.asOfDay - h.startDay + 1) / 7) + 2;
  const routesByWeekday = new Map<number, RouteInfo[]>();
  for (const r of h.routes) routesByWeekday.set(r.weekday, [...(routesByWeekday.get(r.weekday) ?? []), r]);
  const lineCap = Math.max(1, Math.floor(S * 0.6));
  const linesRange = (cls: "A" | "B" | "C") => {
    const hi = Math.min(CLASS_LINES[cls][1], lineCap);
    return [Math.min(CLASS_LINES[cls][0], hi), hi] as const;
  };

  // The strike rate that makes about `orderLines` lines over all the visits of the period.
  let expected = 0;
  for (let day = h.startDay; day <= h.asOfDay; day++) {
    const season = eidSeason(day);
    for (const r of routesByWeekday.get(weekdayOf(day)) ?? []) {
      for (const o of r.outlets) {
        const cls = (h.outlets[o] as OutletInfo).cls;
        const [lo, hi] = linesRange(cls);
        expected += CLASS_STRIKE[cls] * season * ((lo + hi) / 2);
      }
    }
  }
  const strike = expected > 0 ? h.orderLines / expected : 0;

  // Skewed popularity: a few SKUs sell most (Zipf-like); wholesale-only packs mostly to wholesalers.
  const rank = h.rng.fork("popularity").shuffle(h.skus.map((_, i) => i));
  const weightOf = (i: number, wholesale: boolean) => {
    const base = 1 / (rank.indexOf(i) + 1) ** 0.9;
    return (h.skus[i] as SkuInfo).cat.sellByUnit ? base * (wholesale ? 3 : 0.3) : base;
  };
  const cumulative = (wholesale: boolean) => {
    let sum = 0;
    return h.skus.map((_, i) => {
      sum += weightOf(i, wholesale);
      return sum;
    });
  };
  const cumRetail = cumulative(false);
  const cumWholesale = cumulative(true);
  const pickSku = (rng: Rng, cum: number[]) => {
    const x = rng.next() * (cum[cum.length - 1] as number);
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cum[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };

  /** The memos of one day, before stock is considered: the same in both passes. */
  const draftsOf = (day: number): Draft[] => {
    const rng = h.rng.fork(`orders/${dateOf(day)}`);
    const season = eidSeason(day);
    const age = h.asOfDay - day;
    const out: Draft[] = [];
    for (const route of routesByWeekday.get(weekdayOf(day)) ?? []) {
      let minute = 9 * 60 + rng.int(0, 20);
      for (const o of route.outlets) {
        minute += rng.int(2, 6);
        const outlet = h.outlets[o] as OutletInfo;
        if (!rng.chance(Math.min(0.95, strike * CLASS_STRIKE[outlet.cls] * season))) continue;
        const wholesale = outlet.channel === "wholesale";
        const [lo, hi] = linesRange(outlet.cls);
        const want = rng.int(lo, hi);
        const picked = new Set<number>();
        for (let tries = 0; picked.size < want && tries < want * 8; tries++) {
          picked.add(pickSku(rng, wholesale ? cumWholesale : cumRetail));
        }
        const qtyBoost = (outlet.cls === "A" ? 2 : outlet.cls === "B" ? 1.3 : 1) * (season > 1 ? 1.25 : 1);
        const lines: DraftLine[] = [...picked].map((s) => {
          const sku = h.skus[s] as SkuInfo;
          if (sku.cat.sellByUnit === "case") {
            return { sku: s, unit: "case", factor: sku.caseFactor, enteredQty: rng.int(1, wholesale ? 4 : 2) };
          }
          if (wholesale && rng.chance(0.6)) {
            return { sku: s, unit: "case", factor: sku.caseFactor, enteredQty: rng.int(1, 3) };
          }
          if (sku.packFactor && rng.chance(0.5)) {
            return {
              sku: s,
              unit: "pack",
              factor: sku.packFactor,
              enteredQty: Math.max(1, Math.round(rng.int(1, 3) * qtyBoost)),
            };
          }
          const mrp = sku.cat.mrpPoisha;
          const pieces = mrp < 3000 ? rng.int(6, 24) : mrp < 15_000 ? rng.int(2, 12) : rng.int(1, 6);
          return { sku: s, unit: "piece", factor: 1, enteredQty: Math.max(1, Math.round(pieces * qtyBoost)) };
        });
        lines.sort((a, b) => a.sku - b.sku);
        const roll = rng.next();
        let fate: Fate;
        let deliveryDay = day + (rng.chance(0.7) ? 1 : 2);
        if (age === 0) fate = "confirmed";
        else if (age === 1) fate = roll < 0.8 ? "invoiced" : "confirmed";
        else if (age === 2) {
          fate = roll < 0.7 ? "dispatched" : "delivered";
          deliveryDay = day + 1;
        } else if (roll < 0.02) fate = "cancelled";
        else if (roll < 0.05) fate = "partially_delivered";
        else if (roll < 0.058) fate = "returned";
        else fate = "delivered";
        const returnDay = deliveryDay + rng.int(1, 3);
        if (fate === "returned" && returnDay > h.asOfDay) fate = "delivered";
        const payLag =
          outlet.payer === "prompt"
            ? rng.chance(0.85)
              ? 0
              : rng.int(1, 7)
            : outlet.payer === "weekly"
              ? rng.int(3, 21)
              : rng.int(15, 75);
        const payShare = outlet.payer === "slow" ? (rng.chance(0.25) ? 0 : rng.float(0.5, 0.9)) : 1;
        out.push({
          outlet: o,
          day,
          minute: Math.min(minute, 13 * 60 + 30),
          lines,
          fate,
          deliveryDay,
          portal: rng.chance(0.05),
          shortLine: rng.int(0, lines.length - 1),
          shortShare: rng.float(0, 0.7),
          returnDay,
          damaged: lines.map(() => rng.chance(0.2)),
          cancelDay: day + (rng.chance(0.5) ? 0 : 1),
          cancelReason: rng.pick(CANCEL_REASONS),
          payDay: deliveryDay + payLag,
          payShare,
          method: wholesale && rng.chance(0.4) ? "cheque" : rng.weightedPick(METHODS),
        });
      }
    }
    return out;
  };

  // --- pass 1: weekly demand per distributor x SKU
  const demand = new Float64Array(D * S * weeks);
  for (let day = h.startDay; day <= h.asOfDay; day++) {
    const w = Math.floor((day - h.startDay) / 7);
    for (const d of draftsOf(day)) {
      const di = (h.outlets[d.outlet] as OutletInfo).distributor;
      for (const l of d.lines) {
        const k = (di * S + l.sku) * weeks + w;
        demand[k] = (demand[k] ?? 0) + l.enteredQty * l.factor;
      }
    }
  }

  // --- pass 2: the ledger, day by day
  const { orgId } = h;
  const ids = h.rng.fork("history-ids");
  const planRng = h.rng.fork("stock-plan");
  const onHand = new Int32Array(D * S);
  const reserved = new Int32Array(D * S);
  const damagedBal = new Int32Array(D * S);
  const batches: Batch[][] = Array.from({ length: D * S }, () => []);
  const allBatches: Batch[] = [];
  const lastWeek = Math.floor((h.asOfDay - h.startDay) / 7);
  // A few SKUs stop arriving at a few distributors five weeks before today and run out; a few are overstocked.
  const stopWeek = new Int32Array(D * S).fill(1_000_000);
  const overstock = new Uint8Array(D * S);
  for (let c = 0; c < D * S; c++) {
    const roll = planRng.next();
    if (roll < 0.012) stopWeek[c] = Math.max(1, lastWeek - 5);
    else if (roll < 0.024) overstock[c] = 1;
  }
  if (D * S > 1) stopWeek[planRng.int(0, D * S - 1)] = Math.max(1, lastWeek - 5);
  const batchSerial = new Int32Array(D);
  const summary: HistorySummary = {
    orders: 0,
    orderLines: 0,
    stockMovements: 0,
    primaryOrders: 0,
    payments: 0,
    returns: 0,
  };
  const counters = { so: 0, po: 0, ret: 0, rcpt: 0, inv: new Int32Array(D) };
  const references = new Set<string>();
  // What each outlet owes, so that slow payers settle before they run past their credit limit (the order
  // service refuses new memos beyond it, and a demo where many outlets are blocked would mislead).
  const owed = new Float64Array(h.outlets.length);

  const buffers = new Map<SeedTable, unknown[]>();
  let buffered = 0;
  const FLUSH_ORDER: SeedTable[] = [
    "stock_batches",
    "primary_orders",
    "primary_order_lines",
    "secondary_orders",
    "secondary_order_lines",
    "secondary_order_events",
    "order_returns",
    "order_return_lines",
    "stock_movements",
    "payments",
    "receivable_entries",
  ];
  // The database writes one batch of days while the next days are simulated: on a server that is two cores
  // busy instead of one taking turns with the other. At most one batch is being written (memory stays
  // bounded), rows go in in the same order as when awaited one by one, and the simulation yields to the event
  // loop every few milliseconds (`breathe`) so that the driver can send the next statement of the batch.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    await writing;
    const batch = FLUSH_ORDER.map((table) => [table, buffers.get(table) ?? []] as const);
    for (const table of FLUSH_ORDER) buffers.set(table, []);
    buffered = 0;
    writing = (async () => {
      for (const [table, rows] of batch) if (rows.length) await insertSeedRows(db, table, rows as never);
    })();
    // Awaited by the next flush; until then this keeps a failed write from counting as an unhandled rejection.
    writing.catch(() => {});
  };
  let lastBreath = performance.now();
  const breathe = async () => {
    if (performance.now() - lastBreath < 5) return;
    await new Promise((resolve) => setImmediate(resolve));
    lastBreath = performance.now();
  };
  const push = <T extends SeedTable>(table: T, row: SeedRow<T>) => {
    let rows = buffers.get(table);
    if (!rows) {
      rows = [];
      buffers.set(table, rows);
    }
    rows.push(row);
    buffered++;
  };
  const movement = (m: Omit<SeedRow<"stock_movements">, "org_id" | "id"> & { created_at: Date }) => {
    push("stock_movements", { org_id: orgId, id: ids.uuidv7At(m.created_at), ...m });
    summary.stockMovements++;
  };

  const distributorPrice = (di: number, s: number) => {
    const own = h.priceLists.find((p) => p.distributorId === h.distributors[di]?.id)?.prices.get(s);
    const national = h.priceLists.find((p) => !p.channel && !p.territoryPath && !p.distributorId)?.prices.get(s);
    return (own ?? national)?.distributor ?? 0;
  };

  /** Stock arrives: a batch, its movement, and (for receipts) the primary order line it came on. */
  const receive = (
    di: number,
    s: number,
    qty: number,
    day: number,
    at: Date,
    kind: "opening" | "receipt",
    poId: string | null,
  ) => {
    const c = di * S + s;
    const sku = h.skus[s] as SkuInfo;
    const expiryTarget = overstock[c] && kind === "opening" ? h.asOfDay + planRng.int(10, 40) : null;
    const shelf = sku.cat.shelfLifeMonths;
    const made =
      expiryTarget !== null
        ? Math.min(day, dayNumber(addMonths(dateOf(expiryTarget), -shelf)))
        : day - (kind === "opening" ? planRng.int(20, 90) : planRng.int(7, 45));
    const expiry = expiryTarget ?? dayNumber(addMonths(dateOf(made), shelf));
    batchSerial[di] = (batchSerial[di] ?? 0) + 1;
    const madeDate = dateOf(made);
    const batch: Batch = {
      id: ids.uuidv7At(at),
      batchNo: `B${madeDate.slice(2, 4)}${madeDate.slice(5, 7)}-${String(batchSerial[di]).padStart(3, "0")}`,
      expiry,
      onHand: qty,
      damaged: 0,
      distributor: di,
      sku: s,
    };
    const list = batches[c] as Batch[];
    list.push(batch);
    list.sort((a, b) => a.expiry - b.expiry || (a.batchNo < b.batchNo ? -1 : 1));
    allBatches.push(batch);
    onHand[c] = (onHand[c] ?? 0) + qty;
    push("stock_batches", {
      org_id: orgId,
      id: batch.id,
      distributor_id: (h.distributors[di] as DistributorInfo).id,
      sku_id: sku.id,
      batch_no: batch.batchNo,
      expiry_date: dateOf(expiry),
      created_at: at,
    });
    movement({
      distributor_id: (h.distributors[di] as DistributorInfo).id,
      sku_id: sku.id,
      batch_id: batch.id,
      kind,
      on_hand_delta: qty,
      reserved_delta: 0,
      damaged_delta: 0,
      reason: kind === "opening" ? "Opening stock" : null,
      ref_type: poId ? "primary_order" : null,
      ref_id: poId,
      created_by: null,
      created_at: at,
    });
  };

  const weekNeed = (c: number, w: number) =>
    (demand[c * weeks + w] ?? 0) + (w + 1 < weeks ? (demand[c * weeks + w + 1] ?? 0) : 0);

  const openingStock = (day: number) => {
    const at = dhakaAt(day, 7 * 60);
    for (let di = 0; di < D; di++) {
      for (let s = 0; s < S; s++) {
        const c = di * S + s;
        const caseF = (h.skus[s] as SkuInfo).caseFactor;
        const need = weekNeed(c, 0) * (overstock[c] ? 6 : 1.5);
        receive(di, s, Math.max(1, Math.ceil(need / caseF)) * caseF, day, at, "opening", null);
      }
    }
  };

  const weeklyReceipts = (day: number, w: number) => {
    for (let di = 0; di < D; di++) {
      const poLines: { s: number; qty: number }[] = [];
      for (let s = 0; s < S; s++) {
        const c = di * S + s;
        if (w >= (stopWeek[c] ?? 0)) continue;
        const need = weekNeed(c, w);
        if (need <= 0) continue;
        const target = Math.ceil(need * (overstock[c] ? 5 : 1.3));
        const free = (onHand[c] ?? 0) - (reserved[c] ?? 0);
        if (free >= target) continue;
        const caseF = (h.skus[s] as SkuInfo).caseFactor;
        poLines.push({ s, qty: Math.ceil((target - free) / caseF) * caseF });
      }
      if (poLines.length === 0) continue;
      const received = dhakaAt(day, 8 * 60);
      const poId = ids.uuidv7At(dhakaAt(day - 4, 10 * 60));
      counters.po++;
      summary.primaryOrders++;
      const priced = poLines.map((l) =>
        priceLine({
          skuId: (h.skus[l.s] as SkuInfo).id,
          qty: l.qty,
          unitPricePoisha: distributorPrice(di, l.s),
          vatRateBp: (h.skus[l.s] as SkuInfo).cat.vatBp,
          pricesIncludeVat: false,
        }),
      );
      const sum = (f: (p: PricedLine) => number) => priced.reduce((a, p) => a + f(p), 0);
      push("primary_orders", {
        org_id: orgId,
        id: poId,
        number: `PO-${String(counters.po).padStart(7, "0")}`,
        distributor_id: (h.distributors[di] as DistributorInfo).id,
        status: "received",
        order_date: dateOf(day - 4),
        subtotal_poisha: sum((p) => p.grossPoisha),
        vat_poisha: sum((p) => p.vatPoisha),
        total_poisha: sum((p) => p.totalPoisha),
        line_count: priced.length,
        submitted_at: dhakaAt(day - 4, 10 * 60),
        approved_at: dhakaAt(day - 3, 11 * 60),
        dispatched_at: dhakaAt(day - 1, 15 * 60),
        received_at: received,
        created_at: dhakaAt(day - 4, 10 * 60),
        updated_at: received,
      });
      for (const [i, l] of poLines.entries()) {
        const p = priced[i] as PricedLine;
        const caseF = (h.skus[l.s] as SkuInfo).caseFactor;
        push("primary_order_lines", {
          org_id: orgId,
          order_id: poId,
          line_no: i + 1,
          sku_id: p.skuId,
          entered_qty: l.qty / caseF,
          entered_unit: "case",
          qty: l.qty,
          unit_price_poisha: p.unitPricePoisha,
          gross_poisha: p.grossPoisha,
          vat_rate_bp: p.vatRateBp,
          vat_poisha: p.vatPoisha,
          total_poisha: p.totalPoisha,
          received_qty: l.qty,
        });
        receive(di, l.s, l.qty, day, received, "receipt", poId);
      }
    }
  };

  // Retail prices per outlet profile: which lists match an outlet does not change during the history.
  const priceCache = new Map<string, { listId: string; price: number }[]>();
  const retailPrices = (outlet: OutletInfo, day: number) => {
    const route = h.routes[outlet.route] as RouteInfo;
    const distributorId = (h.distributors[outlet.distributor] as DistributorInfo).id;
    const matching = h.priceLists
      .filter(
        (p) =>
          p.validFrom <= day &&
          (p.channel === null || p.channel === outlet.channel) &&
          (p.tier === null || p.tier === outlet.cls) &&
          (p.territoryPath === null || route.path.startsWith(p.territoryPath)) &&
          (p.distributorId === null || p.distributorId === distributorId),
      )
      .sort(
        (a, b) =>
          Number(b.distributorId !== null) - Number(a.distributorId !== null) ||
          (b.territoryPath?.length ?? 0) - (a.territoryPath?.length ?? 0) ||
          Number(b.channel !== null && b.tier !== null) - Number(a.channel !== null && a.tier !== null) ||
          Number(b.channel !== null) - Number(a.channel !== null) ||
          Number(b.tier !== null) - Number(a.tier !== null) ||
          b.validFrom - a.validFrom ||
          (b.id > a.id ? 1 : -1),
      );
    const key = matching.map((p) => p.id).join(",");
    let prices = priceCache.get(key);
    if (!prices) {
      prices = h.skus.map((_, s) => {
        const list = matching.find((p) => p.prices.has(s));
        return { listId: list?.id ?? "", price: list?.prices.get(s)?.retailer ?? 0 };
      });
      priceCache.set(key, prices);
    }
    return prices;
  };

  const actions = new Map<number, (() => void)[]>();
  const schedule = (day: number, act: () => void) => {
    const list = actions.get(day) ?? [];
    list.push(act);
    actions.set(day, list);
  };

  const event = (
    orderId: string,
    from: string | null,
    to: string,
    actor: string | null,
    at: Date,
    note: string | null = null,
  ) =>
    push("secondary_order_events", {
      org_id: orgId,
      id: ids.uuidv7At(at),
      order_id: orderId,
      from_status: from,
      to_status: to,
      actor_user_id: actor,
      note,
      at,
    });

  const placeOrder = (d: Draft) => {
    const outlet = h.outlets[d.outlet] as OutletInfo;
    const di = outlet.distributor;
    const distributor = h.distributors[di] as DistributorInfo;
    const route = h.routes[outlet.route] as RouteInfo;
    const prices = retailPrices(outlet, d.day);
    // Ask only for what is free now, in whole entered units.
    const lines: SimOrder["lines"] = [];
    for (const line of d.lines) {
      const c = di * S + line.sku;
      const free = (onHand[c] ?? 0) - (reserved[c] ?? 0);
      const entered = Math.min(line.enteredQty, Math.floor(free / line.factor));
      const price = prices[line.sku];
      if (entered <= 0 || !price || price.price <= 0) continue;
      const qty = entered * line.factor;
      reserved[c] = (reserved[c] ?? 0) + qty;
      const sku = h.skus[line.sku] as SkuInfo;
      lines.push({
        line: { ...line, enteredQty: entered },
        qty,
        priced: priceLine({
          skuId: sku.id,
          qty,
          unitPricePoisha: price.price,
          vatRateBp: sku.cat.vatBp,
          pricesIncludeVat: false,
        }),
        deliveredQty: 0,
        issues: [],
      });
    }
    if (lines.length === 0) return;
    const confirmedAt = dhakaAt(d.day, d.minute);
    const order: SimOrder = {
      id: ids.uuidv7At(confirmedAt),
      draft: d,
      distributor: di,
      lines,
      deliveredTotal: 0,
      confirmedAt,
      deliveredAt: null,
      repUserId: route.repUserId,
    };
    counters.so++;
    summary.orders++;
    summary.orderLines += lines.length;
    const creator = d.portal ? null : route.repUserId;
    for (const l of lines) {
      movement({
        distributor_id: distributor.id,
        sku_id: l.priced.skuId,
        batch_id: null,
        kind: "reservation",
        on_hand_delta: 0,
        reserved_delta: l.qty,
        damaged_delta: 0,
        reason: null,
        ref_type: "secondary_order",
        ref_id: order.id,
        created_by: creator,
        created_at: confirmedAt,
      });
    }
    // Delivered short: one line gets only part of what was ordered (in whole entered units).
    if (d.fate === "partially_delivered") {
      for (const l of lines) l.deliveredQty = l.qty;
      const short = lines[d.shortLine % lines.length] as SimOrder["lines"][number];
      short.deliveredQty = Math.floor(short.line.enteredQty * d.shortShare) * short.line.factor;
    } else if (d.fate === "delivered" || d.fate === "returned") {
      for (const l of lines) l.deliveredQty = l.qty;
    }
    const deliveredPriced = lines.map((l) =>
      l.deliveredQty === l.qty ? l.priced : priceLine({ ...(l.priced as LineInput), qty: l.deliveredQty }),
    );
    const delivering = d.fate === "delivered" || d.fate === "partially_delivered" || d.fate === "returned";
    order.deliveredTotal = delivering ? deliveredPriced.reduce((a, p) => a + (p.qty > 0 ? p.totalPoisha : 0), 0) : 0;

    const invoiced = d.fate !== "confirmed" && d.fate !== "cancelled";
    const invoicedAt = dhakaAt(d.day + 1, 8 * 60 + (d.minute % 60));
    const dispatchedAt = dhakaAt(d.day + 1, 10 * 60 + (d.minute % 60));
    const deliveredAt = dhakaAt(d.deliveryDay, 13 * 60 + (d.minute % 300));
    const cancelledAt = dhakaAt(d.cancelDay, d.cancelDay === d.day ? 17 * 60 : 10 * 60);
    const returnedAt = dhakaAt(d.returnDay, 11 * 60);
    const dispatched = d.fate !== "confirmed" && d.fate !== "cancelled" && d.fate !== "invoiced";
    if (delivering) order.deliveredAt = deliveredAt;
    let invoiceNumber: string | null = null;
    if (invoiced) {
      counters.inv[di] = (counters.inv[di] ?? 0) + 1;
      invoiceNumber = `${distributor.code}-${String(counters.inv[di]).padStart(6, "0")}`;
    }
    const last =
      d.fate === "returned"
        ? returnedAt
        : d.fate === "cancelled"
          ? cancelledAt
          : delivering
            ? deliveredAt
            : dispatched
              ? dispatchedAt
              : invoiced
                ? invoicedAt
                : confirmedAt;
    const totals = lines.reduce(
      (t, l) => ({
        sub: t.sub + l.priced.grossPoisha,
        vat: t.vat + l.priced.vatPoisha,
        total: t.total + l.priced.totalPoisha,
      }),
      { sub: 0, vat: 0, total: 0 },
    );
    push("secondary_orders", {
      org_id: orgId,
      id: order.id,
      number: `SO-${String(counters.so).padStart(7, "0")}`,
      outlet_id: outlet.id,
      distributor_id: distributor.id,
      route_id: route.id,
      territory_path: route.path,
      rep_user_id: route.repUserId,
      created_by: creator,
      source: d.portal ? "portal" : "rep",
      status: d.fate,
      order_date: dateOf(d.day),
      price_list_id: prices[lines[0]?.line.sku ?? 0]?.listId || null,
      subtotal_poisha: totals.sub,
      vat_poisha: totals.vat,
      total_poisha: totals.total,
      delivered_total_poisha: order.deliveredTotal,
      returned_total_poisha: d.fate === "returned" ? order.deliveredTotal : 0,
      line_count: lines.length,
      cancel_reason: d.fate === "cancelled" ? d.cancelReason : null,
      invoice_number: invoiceNumber,
      confirmed_at: confirmedAt,
      invoiced_at: invoiced ? invoicedAt : null,
      dispatched_at: dispatched ? dispatchedAt : null,
      delivered_at: delivering ? deliveredAt : null,
      cancelled_at: d.fate === "cancelled" ? cancelledAt : null,
      created_at: confirmedAt,
      updated_at: last,
    });
    for (const [i, l] of lines.entries()) {
      push("secondary_order_lines", {
        org_id: orgId,
        order_id: order.id,
        line_no: i + 1,
        sku_id: l.priced.skuId,
        entered_qty: l.line.enteredQty,
        entered_unit: l.line.unit,
        qty: l.qty,
        unit_price_poisha: l.priced.unitPricePoisha,
        gross_poisha: l.priced.grossPoisha,
        vat_rate_bp: l.priced.vatRateBp,
        vat_poisha: l.priced.vatPoisha,
        total_poisha: l.priced.totalPoisha,
        delivered_qty: l.deliveredQty,
        returned_qty: d.fate === "returned" ? l.deliveredQty : 0,
      });
    }
    event(order.id, null, "confirmed", creator, confirmedAt);
    if (d.fate === "cancelled") {
      event(order.id, "confirmed", "cancelled", null, cancelledAt, d.cancelReason);
      schedule(d.cancelDay, () => release(order, cancelledAt, true));
      return;
    }
    if (invoiced) event(order.id, "confirmed", "invoiced", null, invoicedAt);
    if (dispatched) event(order.id, "invoiced", "dispatched", null, dispatchedAt);
    if (delivering) {
      event(
        order.id,
        "dispatched",
        d.fate === "partially_delivered" ? "partially_delivered" : "delivered",
        null,
        deliveredAt,
      );
      schedule(d.deliveryDay, () => deliver(order));
    }
    if (d.fate === "returned") {
      event(order.id, "delivered", "returned", null, returnedAt);
      schedule(d.returnDay, () => giveBack(order, returnedAt));
    }
  };

  /** Reservations given back: the whole order on cancellation, the undelivered rest on a short delivery. */
  const release = (order: SimOrder, at: Date, all: boolean) => {
    const distributorId = (h.distributors[order.distributor] as DistributorInfo).id;
    for (const l of order.lines) {
      const q = all ? l.qty : l.qty - l.deliveredQty;
      if (q <= 0) continue;
      const c = order.distributor * S + l.line.sku;
      reserved[c] = (reserved[c] ?? 0) - q;
      movement({
        distributor_id: distributorId,
        sku_id: l.priced.skuId,
        batch_id: null,
        kind: "release",
        on_hand_delta: 0,
        reserved_delta: -q,
        damaged_delta: 0,
        reason: all ? order.draft.cancelReason : "Delivered short",
        ref_type: "secondary_order",
        ref_id: order.id,
        created_by: null,
        created_at: at,
      });
    }
  };

  /** Delivery issues stock batch by batch, earliest expiry first, and invoices the outlet. */
  const deliver = (order: SimOrder) => {
    const at = order.deliveredAt as Date;
    const distributor = h.distributors[order.distributor] as DistributorInfo;
    for (const l of order.lines) {
      const c = order.distributor * S + l.line.sku;
      let left = l.deliveredQty;
      for (const b of batches[c] as Batch[]) {
        if (left === 0) break;
        const q = Math.min(left, b.onHand);
        if (q === 0) continue;
        b.onHand -= q;
        left -= q;
        l.issues.push({ batch: b, qty: q });
        movement({
          distributor_id: distributor.id,
          sku_id: l.priced.skuId,
          batch_id: b.id,
          kind: "issue",
          on_hand_delta: -q,
          reserved_delta: -q,
          damaged_delta: 0,
          reason: null,
          ref_type: "secondary_order",
          ref_id: order.id,
          created_by: null,
          created_at: at,
        });
      }
      if (left !== 0) throw new Error("demo history: a delivery found less stock than was reserved");
      onHand[c] = (onHand[c] ?? 0) - l.deliveredQty;
      reserved[c] = (reserved[c] ?? 0) - l.deliveredQty;
    }
    if (order.draft.fate === "partially_delivered") release(order, at, false);
    const outlet = h.outlets[order.draft.outlet] as OutletInfo;
    const deliveryDay = order.draft.deliveryDay;
    push("receivable_entries", {
      org_id: orgId,
      id: ids.uuidv7At(at),
      outlet_id: outlet.id,
      distributor_id: distributor.id,
      order_id: order.id,
      payment_id: null,
      return_id: null,
      kind: "invoice",
      amount_poisha: order.deliveredTotal,
      entry_date: dateOf(deliveryDay),
      due_date: dateOf(deliveryDay + distributor.creditDays),
      created_at: at,
    });
    const o = order.draft.outlet;
    if (order.draft.fate === "returned") return;
    owed[o] = (owed[o] ?? 0) + order.deliveredTotal;
    let amount = Math.round(order.deliveredTotal * order.draft.payShare);
    if ((owed[o] ?? 0) - amount > outlet.creditLimit * 0.4) amount = order.deliveredTotal;
    if (amount > 0 && order.draft.payDay <= h.asOfDay) {
      // Slow payers settle weeks later: keep only what the payment needs, not the lines and their batches,
      // or a year of history holds tens of thousands of whole orders at any moment.
      const { outlet: payer, payDay, deliveryDay: deliveredOn, minute, method } = order.draft;
      const due: DuePayment = {
        id: order.id,
        distributor: order.distributor,
        repUserId: order.repUserId,
        draft: { outlet: payer, payDay, deliveryDay: deliveredOn, minute, method },
      };
      schedule(payDay, () => pay(due, amount));
    }
  };

  const pay = (order: DuePayment, amount: number) => {
    const d = order.draft;
    const at = dhakaAt(d.payDay, d.payDay === d.deliveryDay ? 13 * 60 + (d.minute % 300) + 5 : 16 * 60);
    const outlet = h.outlets[d.outlet] as OutletInfo;
    const distributorId = (h.distributors[order.distributor] as DistributorInfo).id;
    let reference: string | null = null;
    if (d.method === "bkash" || d.method === "nagad" || d.method === "rocket") {
      do {
        reference = Array.from({ length: 10 }, () => REFERENCE_CHARS[ids.int(0, REFERENCE_CHARS.length - 1)]).join("");
      } while (references.has(reference));
      references.add(reference);
    } else if (d.method === "cheque") reference = String(ids.int(100_000, 999_999));
    else if (d.method === "bank") reference = `TRX${ids.int(10_000_000, 99_999_999)}`;
    const id = ids.uuidv7At(at);
    counters.rcpt++;
    summary.payments++;
    owed[d.outlet] = (owed[d.outlet] ?? 0) - amount;
    push("payments", {
      org_id: orgId,
      id,
      number: `RCPT-${String(counters.rcpt).padStart(7, "0")}`,
      outlet_id: outlet.id,
      distributor_id: distributorId,
      order_id: order.id,
      method: d.method,
      reference,
      amount_poisha: amount,
      received_on: dateOf(d.payDay),
      received_by: d.method === "cash" ? order.repUserId : null,
      created_at: at,
    });
    push("receivable_entries", {
      org_id: orgId,
      id: ids.uuidv7At(at),
      outlet_id: outlet.id,
      distributor_id: distributorId,
      order_id: order.id,
      payment_id: id,
      return_id: null,
      kind: "payment",
      amount_poisha: -amount,
      entry_date: dateOf(d.payDay),
      due_date: null,
      created_at: at,
    });
  };

  /** The outlet sends the whole delivery back: saleable goods to their batches, damaged ones apart. */
  const giveBack = (order: SimOrder, at: Date) => {
    const distributor = h.distributors[order.distributor] as DistributorInfo;
    const returnId = ids.uuidv7At(at);
    counters.ret++;
    summary.returns++;
    push("order_returns", {
      org_id: orgId,
      id: returnId,
      number: `RET-${String(counters.ret).padStart(7, "0")}`,
      order_id: order.id,
      reason: "Outlet returned the delivery",
      total_poisha: order.deliveredTotal,
      created_by: order.repUserId,
      created_at: at,
    });
    for (const [i, l] of order.lines.entries()) {
      const damaged = order.draft.damaged[i] === true;
      const c = order.distributor * S + l.line.sku;
      push("order_return_lines", {
        org_id: orgId,
        return_id: returnId,
        line_no: i + 1,
        sku_id: l.priced.skuId,
        qty: l.deliveredQty,
        condition: damaged ? "damaged" : "saleable",
        amount_poisha: l.priced.totalPoisha,
      });
      for (const issue of l.issues) {
        if (damaged) {
          issue.batch.damaged += issue.qty;
          damagedBal[c] = (damagedBal[c] ?? 0) + issue.qty;
        } else {
          issue.batch.onHand += issue.qty;
          onHand[c] = (onHand[c] ?? 0) + issue.qty;
        }
        movement({
          distributor_id: distributor.id,
          sku_id: l.priced.skuId,
          batch_id: issue.batch.id,
          kind: "return",
          on_hand_delta: damaged ? 0 : issue.qty,
          reserved_delta: 0,
          damaged_delta: damaged ? issue.qty : 0,
          reason: damaged ? "Returned damaged" : "Returned saleable",
          ref_type: "order_return",
          ref_id: returnId,
          created_by: order.repUserId,
          created_at: at,
        });
      }
    }
    push("receivable_entries", {
      org_id: orgId,
      id: ids.uuidv7At(at),
      outlet_id: (h.outlets[order.draft.outlet] as OutletInfo).id,
      distributor_id: distributor.id,
      order_id: order.id,
      payment_id: null,
      return_id: returnId,
      kind: "return",
      amount_poisha: -order.deliveredTotal,
      entry_date: dateOf(order.draft.returnDay),
      due_date: null,
      created_at: at,
    });
  };

  for (let day = h.startDay; day <= h.asOfDay; day++) {
    if (day === h.startDay) openingStock(day);
    else if ((day - h.startDay) % 7 === 0) weeklyReceipts(day, (day - h.startDay) / 7);
    for (const d of draftsOf(day)) {
      placeOrder(d);
      await breathe();
    }
    for (const act of actions.get(day) ?? []) {
      act();
      await breathe();
    }
    actions.delete(day);
    if (buffered >= FLUSH_ROWS) await flush();
    h.onProgress?.({ ...summary, day: dateOf(day), daysDone: day - h.startDay + 1, days: h.asOfDay - h.startDay + 1 });
  }
  await flush();
  await writing;

  // The caches of the ledger, and the counters that new documents continue from.
  const balanceRows: SeedRow<"stock_balances">[] = [];
  for (let di = 0; di < D; di++) {
    for (let s = 0; s < S; s++) {
      const c = di * S + s;
      balanceRows.push({
        org_id: orgId,
        distributor_id: (h.distributors[di] as DistributorInfo).id,
        sku_id: (h.skus[s] as SkuInfo).id,
        on_hand: onHand[c] ?? 0,
        reserved: reserved[c] ?? 0,
        damaged: damagedBal[c] ?? 0,
      });
    }
  }
  await insertSeedRows(db, "stock_balances", balanceRows);
  await insertSeedRows(
    db,
    "stock_batch_balances",
    allBatches.map((b) => ({
      org_id: orgId,
      batch_id: b.id,
      distributor_id: (h.distributors[b.distributor] as DistributorInfo).id,
      sku_id: (h.skus[b.sku] as SkuInfo).id,
      on_hand: b.onHand,
      damaged: b.damaged,
    })),
  );
  await insertSeedRows(db, "document_counters", [
    { org_id: orgId, series: "PO", next_value: counters.po + 1 },
    { org_id: orgId, series: "RET", next_value: counters.ret + 1 },
    { org_id: orgId, series: "RCPT", next_value: counters.rcpt + 1 },
    ...h.distributors.map((d, di) => ({
      org_id: orgId,
      series: `INV:${d.id}`,
      next_value: (counters.inv[di] ?? 0) + 1,
    })),
  ]);
  await setLastOrderNumber(db, orgId, counters.so);
  return summary;
}
