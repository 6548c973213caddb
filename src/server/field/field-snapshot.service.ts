// What the field app pulls: the rep's beats, their outlets with what a visit needs (dues, last order, usual
// order, last audit), the catalogue with the price books those outlets use, the trade schemes in force for those
// outlets, the field rules and the day so far.
// Incremental: with the token of the previous snapshot only what changed since comes back, so a phone on a slow
// connection syncs in a few kilobytes. Routes, rules and the day are small and always whole; the schemes come whole
// when they differ from those of the token (a fingerprint of their content), else not at all.
import type { FieldOutlet, FieldSnapshotQuery, FieldSnapshotResponse } from "../../shared/contracts/field.ts";
import { businessDate } from "../../shared/format.ts";
import { fieldSkus, priceBooksFor, pricesChangedSince } from "../catalog/catalog.service.ts";
import { fieldOutletsOfRoutes, outletsLeavingRoutesOf, routesOfRep } from "../network/outlets.service.ts";
import { duesOfOutlets } from "../orders/collections.service.ts";
import { lastOrdersOfOutlets, outletsWithSalesChangesSince, usualLinesOfOutlets } from "../orders/orders.service.ts";
import { AccessErrors, can, territoryInScope } from "../platform/access.ts";
import type { Ctx } from "../platform/context.ts";
import { schemesForSnapshot } from "../promotions/promotions.service.ts";
import { suggestedLinesOfOutlets } from "../replenishment/outlet-suggestions.ts";
import * as kpisRepo from "./field-kpis.repository.ts";
import { schemeSetHash, schemesForOutlets } from "./field-schemes.ts";
import { effectiveFieldSettings } from "./field-settings.service.ts";
import * as repo from "./field-snapshot.repository.ts";
import { idSetHash, readSnapshotToken, writeSnapshotToken } from "./field-snapshot-token.ts";

type BeatOutlet = Awaited<ReturnType<typeof fieldOutletsOfRoutes>>[number];

export async function fieldSnapshot(ctx: Ctx, query: FieldSnapshotQuery): Promise<FieldSnapshotResponse> {
  if (!can(ctx.actor, "field.use")) throw AccessErrors.forbidden();
  const { db } = ctx;
  const { orgId, userId, scope } = ctx.actor;
  const now = await repo.databaseNow(db);
  const today = businessDate(now);
  const token = query.since ? readSnapshotToken(query.since, now) : null;
  const since = token?.since ?? null;

  // A route assigned to the rep but outside their territory is a data mistake; their orders there would be refused.
  const routes = (await routesOfRep(db, orgId, userId, today)).filter((r) => territoryInScope(scope, r.path));
  const routeIds = routes.map((r) => r.id);
  const [outlets, beatDays, stops, settings, attendance, visitsToday, inForce] = await Promise.all([
    fieldOutletsOfRoutes(db, orgId, routeIds),
    kpisRepo.beatDaysOf(db, orgId, routeIds),
    repo.beatStopsOf(db, orgId, routeIds),
    effectiveFieldSettings(db, orgId),
    kpisRepo.attendanceOn(db, orgId, [userId], today),
    kpisRepo.listVisits(db, orgId, { userId, from: today, to: today }),
    schemesForSnapshot(db, orgId, today),
  ]);

  const outletIds = outlets.map((o) => o.id);
  const outletSetHash = idSetHash(outletIds);
  const books = await priceBooksFor(
    db,
    orgId,
    today,
    outlets
      .filter((o) => o.distributor_id !== null)
      .map((o) => ({
        id: o.id,
        distributorId: o.distributor_id,
        channel: o.channel,
        tier: o.class,
        territoryPath: o.route_path,
      })),
  );
  const bookSetHash = idSetHash(books.keys.values());

  // The schemes that could apply to one of the rep's outlets; sent whole when they are not what the phone holds.
  const schemes = schemesForOutlets(
    inForce.schemes,
    outlets.map((o) => ({
      id: o.id,
      distributorId: o.distributor_id,
      channel: o.channel,
      outletClass: o.class,
      territoryPath: o.route_path,
    })),
  );
  const sentSchemeIds = new Set(schemes.map((s) => s.id));
  const exhaustedSchemeIds = inForce.exhausted.filter((id) => sentSchemeIds.has(id)).sort();
  const schemeHash = schemeSetHash(schemes, exhaustedSchemeIds);
  const schemesWanted = token === null || token.schemeSetHash !== schemeHash;

  // The books come again when prices changed or the phone may lack one; outlets then come whole too, as their
  // keys may have changed. A changed outlet set also sends every outlet, so that new ones are never missed.
  const outletSetChanged = token !== null && token.outletSetHash !== outletSetHash;
  const booksWanted =
    token === null || token.bookSetHash !== bookSetHash || (await pricesChangedSince(db, orgId, token.since, today));
  const sendAll = token === null || outletSetChanged || booksWanted;
  const sent = sendAll ? outlets : await changedOutlets(ctx, outlets, since as Date, today);

  const [details, removed, skus, priceBooks] = await Promise.all([
    outletDetails(ctx, sent, today),
    outletSetChanged
      ? outletsLeavingRoutesOf(db, orgId, userId, since as Date, scope.kind === "territory" ? scope.path : null)
      : Promise.resolve([]),
    fieldSkus(db, orgId, since),
    booksWanted ? books.prices() : Promise.resolve([]),
  ]);

  const onBeat = new Set(outletIds);
  const position = new Map(stops.map((s) => [`${s.route_id}|${s.outlet_id}`, s.position]));
  const day = attendance[0];
  return {
    token: writeSnapshotToken(now, outletSetHash, bookSetHash, schemeHash),
    full: token === null,
    serverTime: now.toISOString(),
    today,
    me: { userId, name: ctx.actor.name },
    settings: { checkInRadiusM: settings.checkInRadiusM },
    noOrderReasons: settings.noOrderReasons
      .filter((r) => !r.archived)
      .map((r) => ({ code: r.code, labelEn: r.labelEn, labelBn: r.labelBn })),
    mustSellSkuIds: settings.mustSellSkuIds,
    routes: routes.map((r) => ({
      id: r.id,
      name: r.name,
      nameBn: r.name_bn,
      weekdays: beatDays.filter((d) => d.route_id === r.id).map((d) => d.weekday),
      outletIds: visitOrder(
        outlets.filter((o) => o.route_id === r.id),
        (o) => position.get(`${r.id}|${o.id}`),
      ),
    })),
    outlets: sent.map((o) => fieldOutlet(o, books.keys.get(o.id) ?? null, details)),
    removedOutletIds: [...new Set(removed)].filter((id) => !onBeat.has(id)).sort(),
    skus,
    priceBooks,
    schemes: schemesWanted ? schemes : null,
    exhaustedSchemeIds: schemesWanted ? exhaustedSchemeIds : null,
    day: {
      startedAt: day?.started_at.toISOString() ?? null,
      endedAt: day?.ended_at?.toISOString() ?? null,
      visits: visitsToday.map((v) => ({
        id: v.id,
        outletId: v.outlet_id,
        checkedInAt: v.checked_in_at.toISOString(),
        checkedOutAt: v.checked_out_at?.toISOString() ?? null,
        outcome: v.outcome,
        distanceM: v.distance_m,
        outsideRadius: v.outside_radius,
      })),
    },
  };
}

/** The rep's stops first, in the order the rep set; outlets without a stop after them, by code (as given). */
function visitOrder(outlets: readonly BeatOutlet[], positionOf: (o: BeatOutlet) => number | undefined): string[] {
  const placed = outlets.filter((o) => positionOf(o) !== undefined);
  placed.sort((a, b) => (positionOf(a) as number) - (positionOf(b) as number));
  return [...placed, ...outlets.filter((o) => positionOf(o) === undefined)].map((o) => o.id);
}

/** The beat's outlets whose row, orders, dues, visits or stock audits changed after `since`. */
async function changedOutlets(ctx: Ctx, outlets: readonly BeatOutlet[], since: Date, today: string) {
  const ids = outlets.map((o) => o.id);
  const [sales, field] = await Promise.all([
    outletsWithSalesChangesSince(ctx.db, ctx.actor.orgId, ids, since, today),
    repo.outletsWithFieldActivitySince(ctx.db, ctx.actor.orgId, ids, since),
  ]);
  const changed = new Set([...sales, ...field]);
  return outlets.filter((o) => o.updated_at > since || changed.has(o.id));
}

/** What a visit needs to know about each outlet, one query per kind of data for all of them. */
async function outletDetails(ctx: Ctx, outlets: readonly BeatOutlet[], today: string) {
  const { db } = ctx;
  const { orgId } = ctx.actor;
  const outletIds = outlets.map((o) => o.id);
  const [dues, lastOrders, usual, suggested, lastVisits, outOfStock] = await Promise.all([
    duesOfOutlets(db, orgId, outletIds, today),
    lastOrdersOfOutlets(db, orgId, outletIds),
    usualLinesOfOutlets(db, orgId, outletIds, today),
    suggestedLinesOfOutlets(db, orgId, outlets, today),
    repo.lastVisitDates(db, orgId, outletIds),
    repo.lastAuditOutOfStock(db, orgId, outletIds),
  ]);
  const oos = new Map<string, string[]>();
  for (const r of outOfStock) oos.set(r.outlet_id, [...(oos.get(r.outlet_id) ?? []), r.sku_id]);
  return {
    dues,
    lastOrders,
    usual,
    suggested,
    lastVisits: new Map(lastVisits.map((v) => [v.outlet_id, v.visit_date])),
    outOfStock: oos,
  };
}

function fieldOutlet(
  o: BeatOutlet,
  priceBookKey: string | null,
  d: Awaited<ReturnType<typeof outletDetails>>,
): FieldOutlet {
  const dues = d.dues.get(o.id);
  return {
    id: o.id,
    code: o.code,
    name: o.name,
    nameBn: o.name_bn,
    ownerName: o.owner_name,
    phone: o.phone,
    address: o.address,
    lat: o.lat,
    lng: o.lng,
    channel: o.channel,
    outletClass: o.class,
    status: o.status,
    routeId: o.route_id,
    distributorId: o.distributor_id,
    priceBookKey,
    creditLimitPoisha: o.credit_limit_poisha,
    duesPoisha: dues?.duesPoisha ?? 0,
    overduePoisha: dues?.overduePoisha ?? 0,
    lastOrder: d.lastOrders.get(o.id) ?? null,
    lastVisitDate: d.lastVisits.get(o.id) ?? null,
    usualLines: d.usual.get(o.id) ?? [],
    suggestedLines: d.suggested.get(o.id) ?? [],
    lastAuditOutOfStockSkuIds: d.outOfStock.get(o.id) ?? [],
    territoryPath: o.route_path,
  };
}
