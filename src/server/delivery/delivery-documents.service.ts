// A trip's papers as data (the web prints them): the pick list (SKU totals allocated to batches first-expiry-
// first, by the stock ledger's own rule, so what is picked is what delivery will issue), the load sheet (per SKU and
// per stop, in cases and pieces) and one challan (delivery note) per order.
import { businessDate } from "../../shared/format.ts";
import { planIssue } from "../inventory/stock-ledger.ts";
import { duesOfOutlets } from "../orders/collections.service.ts";
import { AccessErrors, can } from "../platform/access.ts";
import type { Ctx } from "../platform/context.ts";
import { DeliveryErrors } from "./delivery.errors.ts";
import * as repo from "./delivery.repository.ts";
import { casesPieces, EMPTY_LOAD } from "./trip-load.ts";
import { carried, loadTrip, type TripBundle, tripDetail } from "./trip-views.ts";

async function tripFor(ctx: Ctx, id: string) {
  if (!can(ctx.actor, "delivery.read")) throw AccessErrors.forbidden();
  const bundle = await loadTrip(ctx.db, ctx.actor, null, id);
  if (!bundle) throw DeliveryErrors.tripNotFound();
  return bundle;
}

function header(b: TripBundle) {
  const s = b.summary;
  return {
    tripId: s.id,
    tripNumber: s.number,
    tripDate: s.trip_date,
    status: s.status,
    distributorId: s.distributor_id,
    distributorName: s.distributor_name,
    distributorNameBn: s.distributor_name_bn,
    vehicleRegNo: s.vehicle_reg_no,
    vehicleName: s.vehicle_name,
    driverName: s.driver_name,
    driverPhone: s.driver_phone,
    routeName: s.route_name,
    routeNameBn: s.route_name_bn,
  };
}

interface SkuTotal {
  line: repo.OrderLineRow;
  qty: number;
}

/** Quantities per SKU over the given lines, in SKU code order. */
function totalsBySku(lines: readonly repo.OrderLineRow[]): SkuTotal[] {
  const bySku = new Map<string, SkuTotal>();
  for (const l of lines) {
    const t = bySku.get(l.sku_id);
    if (t) t.qty += l.qty;
    else bySku.set(l.sku_id, { line: l, qty: l.qty });
  }
  return [...bySku.values()].sort((a, b) => a.line.sku_code.localeCompare(b.line.sku_code));
}

const sheetLine = (l: repo.OrderLineRow, qty: number) => ({
  skuId: l.sku_id,
  skuCode: l.sku_code,
  skuName: l.sku_name,
  skuNameBn: l.sku_name_bn,
  quantity: casesPieces(qty, l.units, l.base_unit),
  weightG: l.weight_g === null ? null : l.weight_g * qty,
  volumeCm3: l.volume_cm3 === null ? null : l.volume_cm3 * qty,
});

/**
 * What to pick for the stops still to deliver, batch by batch: the same batches, in the same order, that issuing
 * the stock at delivery takes (stock-ledger planIssue / issueStock).
 */
export async function pickList(ctx: Ctx, id: string) {
  const b = await tripFor(ctx, id);
  const pending = new Set(b.drops.filter((d) => d.status === "pending").map((d) => d.order_id));
  const totals = totalsBySku(b.lines.filter((l) => pending.has(l.order_id)));
  const plan = await planIssue(
    ctx.db,
    ctx.actor.orgId,
    b.summary.distributor_id,
    totals.map((t) => ({ skuId: t.line.sku_id, qty: t.qty })),
  );
  return {
    ...header(b),
    items: totals.map((t) => ({
      skuId: t.line.sku_id,
      skuCode: t.line.sku_code,
      skuName: t.line.sku_name,
      skuNameBn: t.line.sku_name_bn,
      total: casesPieces(t.qty, t.line.units, t.line.base_unit),
      batches: plan.takes
        .filter((k) => k.batch.sku_id === t.line.sku_id)
        .map((k) => ({
          batchId: k.batch.batch_id,
          batchNo: k.batch.batch_no,
          expiryDate: k.batch.expiry_date,
          qty: k.qty,
        })),
      shortQty: plan.short.find((s) => s.skuId === t.line.sku_id)?.qty ?? 0,
    })),
    totalQty: totals.reduce((s, t) => s + t.qty, 0),
  };
}

/** What goes on the vehicle (stops not failed), per SKU and per stop in visiting order. */
export async function loadSheet(ctx: Ctx, id: string) {
  const b = await tripFor(ctx, id);
  const drops = b.drops.filter((d) => carried(d.status));
  const onBoard = new Set(drops.map((d) => d.order_id));
  const lines = b.lines.filter((l) => onBoard.has(l.order_id));
  const detail = tripDetail(b, ctx.actor);
  return {
    ...header(b),
    load: detail.load,
    skus: totalsBySku(lines).map((t) => sheetLine(t.line, t.qty)),
    drops: drops.map((d) => ({
      dropId: d.id,
      seq: d.seq,
      orderNumber: d.order_number,
      invoiceNumber: d.invoice_number,
      outletCode: d.outlet_code,
      outletName: d.outlet_name,
      outletNameBn: d.outlet_name_bn,
      outletAddress: d.outlet_address,
      totalPoisha: Number(d.order_total_poisha),
      weightG: (b.loads.get(d.order_id) ?? EMPTY_LOAD).weightG,
      lines: lines.filter((l) => l.order_id === d.order_id).map((l) => sheetLine(l, l.qty)),
    })),
    totalQty: lines.reduce((s, l) => s + l.qty, 0),
    orderValuePoisha: drops.reduce((s, d) => s + Number(d.order_total_poisha), 0),
  };
}

/** One delivery note per order on the trip (stops not failed), in visiting order. */
export async function challans(ctx: Ctx, id: string) {
  const b = await tripFor(ctx, id);
  const drops = b.drops.filter((d) => carried(d.status));
  const [parties, dues] = await Promise.all([
    repo.documentParties(ctx.db, ctx.actor.orgId, b.summary.distributor_id),
    duesOfOutlets(ctx.db, ctx.actor.orgId, [...new Set(drops.map((d) => d.outlet_id))], businessDate()),
  ]);
  return {
    ...header(b),
    org: { name: parties.org_name, nameBn: parties.org_name_bn },
    distributor: {
      name: parties.name,
      nameBn: parties.name_bn,
      address: parties.address,
      phone: parties.phone,
      bin: parties.bin,
      tradeLicence: parties.trade_licence,
    },
    challans: drops.map((d) => ({
      dropId: d.id,
      seq: d.seq,
      orderId: d.order_id,
      orderNumber: d.order_number,
      invoiceNumber: d.invoice_number,
      orderDate: d.order_date,
      requestedDeliveryDate: d.requested_delivery_date,
      outlet: {
        code: d.outlet_code,
        name: d.outlet_name,
        nameBn: d.outlet_name_bn,
        ownerName: d.outlet_owner_name,
        address: d.outlet_address,
        phone: d.outlet_phone,
      },
      lines: b.lines
        .filter((l) => l.order_id === d.order_id)
        .map((l) => ({
          lineNo: l.line_no,
          skuCode: l.sku_code,
          skuName: l.sku_name,
          skuNameBn: l.sku_name_bn,
          quantity: casesPieces(l.qty, l.units, l.base_unit),
          unitPricePoisha: Number(l.unit_price_poisha),
          discountPoisha: Number(l.discount_poisha),
          vatPoisha: Number(l.vat_poisha),
          totalPoisha: Number(l.total_poisha),
        })),
      subtotalPoisha: Number(d.subtotal_poisha),
      discountPoisha: Number(d.discount_poisha),
      vatPoisha: Number(d.vat_poisha),
      totalPoisha: Number(d.order_total_poisha),
      duesPoisha: dues.get(d.outlet_id)?.duesPoisha ?? 0,
    })),
  };
}
