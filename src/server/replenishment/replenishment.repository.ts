// Reads and writes of the replenishment module: the policy, demand events, forecasts and their runs, the inputs
// of a stock plan (stock, forecast, stock on order, case size), proposals and stock alerts.
import { sql } from "kysely";
import type { Executor } from "../db/transaction.ts";
import { distributorScopeFilter } from "../network/distributors.repository.ts";
import type { Scope } from "../platform/access.ts";

// --- policy

export async function findSettings(db: Executor, orgId: string) {
  return db.selectFrom("replenishment_settings").selectAll().where("org_id", "=", orgId).executeTakeFirst();
}

export async function upsertSettings(
  db: Executor,
  orgId: string,
  set: {
    service_level?: string;
    review_days?: number;
    lead_time_days?: number;
    max_cover_days?: number;
    near_expiry_days?: number;
    history_days?: number;
    auto_submit?: boolean;
    updated_by: string | null;
  },
) {
  await db
    .insertInto("replenishment_settings")
    .values({ org_id: orgId, ...set })
    .onConflict((oc) => oc.column("org_id").doUpdateSet({ ...set, updated_at: new Date() }))
    .execute();
}

export async function findPolicies(db: Executor, orgId: string, distributorIds: readonly string[]) {
  if (distributorIds.length === 0) return [];
  return db
    .selectFrom("distributor_replenishment")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("distributor_id", "in", [...distributorIds])
    .execute();
}

export async function upsertPolicy(
  db: Executor,
  orgId: string,
  distributorId: string,
  set: { lead_time_days?: number | null; review_days?: number | null; paused?: boolean },
) {
  await db
    .insertInto("distributor_replenishment")
    .values({ org_id: orgId, distributor_id: distributorId, ...set })
    .onConflict((oc) => oc.columns(["org_id", "distributor_id"]).doUpdateSet({ ...set, updated_at: new Date() }))
    .execute();
}

/**
 * Each distributor's median days from submitting a primary order to receiving it, over its last ten received
 * orders: the lead time the company actually delivers, rounded up to whole days.
 */
export async function measuredLeadTimes(db: Executor, orgId: string, distributorIds: readonly string[]) {
  if (distributorIds.length === 0) return new Map<string, number>();
  const r = await sql<{ distributor_id: string; days: number }>`
    select distributor_id,
           percentile_cont(0.5) within group (order by extract(epoch from received_at - submitted_at) / 86400)::float8 as days
    from (
      select distributor_id, received_at, submitted_at,
             row_number() over (partition by distributor_id order by received_at desc) as n
      from primary_orders
      where org_id = ${orgId} and distributor_id in (${sql.join([...distributorIds])})
        and status = 'received' and submitted_at is not null and received_at is not null
    ) recent
    where n <= 10
    group by distributor_id`.execute(db);
  return new Map(r.rows.map((row) => [row.distributor_id, Number(row.days)]));
}

// --- distributors

export interface DistributorRow {
  id: string;
  code: string;
  name: string;
  name_bn: string;
  territory_path: string;
  archived_at: Date | null;
}

/** The org's distributors the scope covers (all of them for the system), active ones unless asked otherwise. */
export async function distributorsInScope(
  db: Executor,
  orgId: string,
  scope: Scope,
  opts: { ids?: readonly string[]; includeArchived?: boolean } = {},
): Promise<DistributorRow[]> {
  let q = db
    .selectFrom("distributors as d")
    .innerJoin("territories as t", (j) => j.onRef("t.org_id", "=", "d.org_id").onRef("t.id", "=", "d.territory_id"))
    .select(["d.id", "d.code", "d.name", "d.name_bn", "d.archived_at", "t.path as territory_path"])
    .where("d.org_id", "=", orgId)
    .where(distributorScopeFilter(db, orgId, scope));
  if (!opts.includeArchived) q = q.where("d.archived_at", "is", null);
  if (opts.ids) {
    if (opts.ids.length === 0) return [];
    q = q.where("d.id", "in", [...opts.ids]);
  }
  return q.orderBy("d.code").execute();
}

// --- demand events

export function listEvents(db: Executor, orgId: string) {
  return db
    .selectFrom("demand_events")
    .select(["id", "name", "name_bn", "starts_on", "ends_on"])
    .where("org_id", "=", orgId)
    .orderBy("starts_on", "desc")
    .execute();
}

export async function insertEvent(
  db: Executor,
  row: { org_id: string; id: string; name: string; name_bn: string; starts_on: string; ends_on: string },
) {
  await db.insertInto("demand_events").values(row).execute();
}

export async function deleteEvent(db: Executor, orgId: string, id: string) {
  const r = await db.deleteFrom("demand_events").where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Events overlapping [from, to]. */
export function eventsBetween(db: Executor, orgId: string, from: string, to: string) {
  return db
    .selectFrom("demand_events")
    .select(["starts_on", "ends_on"])
    .where("org_id", "=", orgId)
    .where("ends_on", ">=", from)
    .where("starts_on", "<=", to)
    .execute();
}

// --- demand history and forecasts

/**
 * A distributor's secondary sell-out per SKU and day (ordered quantity in base units, cancellations netted out by
 * the rollups), active SKUs only, ordered by SKU then day.
 */
export async function dailyDemand(db: Executor, orgId: string, distributorId: string, from: string, to: string) {
  const r = await sql<{ sku_id: string; day: string; qty: number }>`
    select d.sku_id, d.day, sum(d.ordered_qty)::bigint as qty
    from sales_daily d
    join skus s on s.org_id = d.org_id and s.id = d.sku_id and s.archived_at is null
    where d.org_id = ${orgId} and d.distributor_id = ${distributorId} and d.day between ${from}::date and ${to}::date
    group by d.sku_id, d.day
    order by d.sku_id, d.day`.execute(db);
  return r.rows;
}

/** One series' sell-out per day (for the forecast chart). */
export async function dailyDemandOfSku(
  db: Executor,
  orgId: string,
  distributorId: string,
  skuId: string,
  from: string,
  to: string,
) {
  const r = await sql<{ day: string; qty: number }>`
    select day, sum(ordered_qty)::bigint as qty from sales_daily
    where org_id = ${orgId} and distributor_id = ${distributorId} and sku_id = ${skuId}
      and day between ${from}::date and ${to}::date
    group by day order by day`.execute(db);
  return r.rows;
}

export interface ForecastRow {
  sku_id: string;
  forecast_from: string;
  daily: number[];
  method: string;
  demand_kind: string;
  avg_daily: number;
  sigma_daily: number;
  history_days: number;
  demand_days: number;
  mase: number | null;
  naive_mase: number | null;
  relative_mae: number | null;
  params: Record<string, number>;
}

/** Replaces a distributor's forecasts with these (series no longer sold lose theirs). */
export async function replaceForecasts(
  tx: Executor,
  orgId: string,
  distributorId: string,
  rows: readonly ForecastRow[],
  computedAt: Date,
) {
  await tx
    .deleteFrom("demand_forecasts")
    .where("org_id", "=", orgId)
    .where("distributor_id", "=", distributorId)
    .execute();
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await tx
      .insertInto("demand_forecasts")
      .values(
        chunk.map((r) => ({
          org_id: orgId,
          distributor_id: distributorId,
          sku_id: r.sku_id,
          forecast_from: r.forecast_from,
          daily: sql<number[]>`${`{${r.daily.map((v) => Math.round(v * 1000) / 1000).join(",")}}`}::real[]`,
          method: r.method as never,
          demand_kind: r.demand_kind as never,
          avg_daily: r.avg_daily,
          sigma_daily: r.sigma_daily,
          history_days: r.history_days,
          demand_days: r.demand_days,
          mase: r.mase,
          naive_mase: r.naive_mase,
          relative_mae: r.relative_mae,
          params: JSON.stringify(r.params),
          computed_at: computedAt,
        })) as never,
      )
      .execute();
  }
}

export async function insertRun(
  db: Executor,
  row: {
    org_id: string;
    id: string;
    started_at: Date;
    finished_at: Date;
    series: number;
    backtested: number;
    median_mase: number | null;
    median_naive_mase: number | null;
    median_relative_mae: number | null;
    methods: Record<string, number>;
  },
) {
  await db
    .insertInto("forecast_runs")
    .values({ ...row, methods: JSON.stringify(row.methods) })
    .execute();
}

export function latestRun(db: Executor, orgId: string) {
  return db
    .selectFrom("forecast_runs")
    .selectAll()
    .where("org_id", "=", orgId)
    .orderBy("started_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

export function findForecast(db: Executor, orgId: string, distributorId: string, skuId: string) {
  return db
    .selectFrom("demand_forecasts")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("distributor_id", "=", distributorId)
    .where("sku_id", "=", skuId)
    .executeTakeFirst();
}

/** The forecasts of the distributors among these ids, with names, for the accuracy table. */
export async function forecastAccuracy(
  db: Executor,
  orgId: string,
  distributorIds: readonly string[],
  method: string | undefined,
) {
  if (distributorIds.length === 0) return [];
  let q = db
    .selectFrom("demand_forecasts as f")
    .innerJoin("skus as s", (j) => j.onRef("s.org_id", "=", "f.org_id").onRef("s.id", "=", "f.sku_id"))
    .innerJoin("distributors as d", (j) => j.onRef("d.org_id", "=", "f.org_id").onRef("d.id", "=", "f.distributor_id"))
    .select([
      "f.distributor_id",
      "d.name as distributor_name",
      "d.name_bn as distributor_name_bn",
      "f.sku_id",
      "s.code as sku_code",
      "s.name as sku_name",
      "s.name_bn as sku_name_bn",
      "f.method",
      "f.demand_kind",
      "f.avg_daily",
      "f.mase",
      "f.naive_mase",
      "f.relative_mae",
    ])
    .where("f.org_id", "=", orgId)
    .where("f.distributor_id", "in", [...distributorIds]);
  if (method) q = q.where("f.method", "=", method as never);
  return q.execute();
}

// --- plan inputs

export interface PlanInputRow {
  sku_id: string;
  code: string;
  name: string;
  name_bn: string;
  on_hand: number;
  reserved: number;
  on_order: number;
  unit: string | null;
  unit_factor: number | null;
  forecast_from: string | null;
  daily: number[] | null;
  method: string | null;
  demand_kind: string | null;
  avg_daily: number | null;
  sigma_daily: number | null;
  mase: number | null;
  relative_mae: number | null;
  computed_at: Date | null;
}

/**
 * Every active SKU a distributor stocks, sells or has on order: its balance, its forecast, what is on open primary
 * orders (submitted, approved or dispatched, less what was received), and its biggest pack (the case a distributor
 * orders in).
 */
export async function planInputs(db: Executor, orgId: string, distributorId: string): Promise<PlanInputRow[]> {
  const r = await sql<PlanInputRow>`
    with on_order as (
      select l.sku_id, sum(l.qty - l.received_qty)::bigint as qty
      from primary_orders o
      join primary_order_lines l on l.org_id = o.org_id and l.order_id = o.id
      where o.org_id = ${orgId} and o.distributor_id = ${distributorId}
        and o.status in ('submitted', 'approved', 'dispatched')
      group by l.sku_id
    )
    select s.id as sku_id, s.code, s.name, s.name_bn,
           coalesce(b.on_hand, 0) as on_hand, coalesce(b.reserved, 0) as reserved,
           coalesce(oo.qty, 0)::bigint as on_order,
           u.unit, u.factor as unit_factor,
           f.forecast_from, f.daily, f.method, f.demand_kind, f.avg_daily, f.sigma_daily, f.mase, f.relative_mae,
           f.computed_at
    from skus s
    left join stock_balances b on b.org_id = s.org_id and b.sku_id = s.id and b.distributor_id = ${distributorId}
    left join demand_forecasts f on f.org_id = s.org_id and f.sku_id = s.id and f.distributor_id = ${distributorId}
    left join on_order oo on oo.sku_id = s.id
    left join lateral (
      select su.unit, su.factor from sku_units su
      where su.org_id = s.org_id and su.sku_id = s.id order by su.factor desc, su.unit limit 1
    ) u on true
    where s.org_id = ${orgId} and s.archived_at is null
      and (b.sku_id is not null or f.sku_id is not null or oo.sku_id is not null)
    order by s.code`.execute(db);
  return r.rows.map((row) => ({
    ...row,
    on_hand: Number(row.on_hand),
    reserved: Number(row.reserved),
    on_order: Number(row.on_order),
    daily: row.daily ? row.daily.map(Number) : null,
  }));
}

// --- proposals

export async function findOpenProposal(tx: Executor, orgId: string, distributorId: string, lock = false) {
  let q = tx
    .selectFrom("replenishment_proposals")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("distributor_id", "=", distributorId)
    .where("status", "=", "open");
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function insertProposal(
  tx: Executor,
  row: {
    org_id: string;
    id: string;
    distributor_id: string;
    proposed_on: string;
    status: "open" | "approved";
    line_count: number;
    total_poisha: number;
  },
  lines: readonly {
    sku_id: string;
    qty: number;
    unit: string;
    unit_factor: number;
    unit_price_poisha: number;
    on_hand: number;
    reserved: number;
    on_order: number;
    avg_daily: number;
    safety_stock: number;
    reorder_point: number;
    order_up_to: number;
    days_of_cover: number | null;
    lead_time_days: number;
  }[],
) {
  await tx.insertInto("replenishment_proposals").values(row).execute();
  if (lines.length)
    await tx
      .insertInto("replenishment_proposal_lines")
      .values(lines.map((l) => ({ org_id: row.org_id, proposal_id: row.id, ...l })))
      .execute();
}

export async function updateProposal(
  tx: Executor,
  orgId: string,
  id: string,
  set: {
    status?: "open" | "approved" | "dismissed" | "superseded";
    primary_order_id?: string | null;
    decided_by?: string | null;
    decided_at?: Date | null;
    decision_note?: string | null;
  },
) {
  await tx.updateTable("replenishment_proposals").set(set).where("org_id", "=", orgId).where("id", "=", id).execute();
}

function proposalsQuery(db: Executor, orgId: string) {
  return db
    .selectFrom("replenishment_proposals as p")
    .innerJoin("distributors as d", (j) => j.onRef("d.org_id", "=", "p.org_id").onRef("d.id", "=", "p.distributor_id"))
    .leftJoin("primary_orders as po", (j) =>
      j.onRef("po.org_id", "=", "p.org_id").onRef("po.id", "=", "p.primary_order_id"),
    )
    .select([
      "p.id",
      "p.distributor_id",
      "d.name as distributor_name",
      "d.name_bn as distributor_name_bn",
      "p.proposed_on",
      "p.status",
      "p.line_count",
      "p.total_poisha",
      "p.primary_order_id",
      "po.number as primary_order_number",
      "p.decided_at",
      "p.decision_note",
      "p.created_at",
    ])
    .where("p.org_id", "=", orgId);
}

export function listProposals(
  db: Executor,
  orgId: string,
  distributorIds: readonly string[],
  f: { status?: string | undefined; limit: number },
) {
  if (distributorIds.length === 0) return Promise.resolve([]);
  let q = proposalsQuery(db, orgId).where("p.distributor_id", "in", [...distributorIds]);
  if (f.status) q = q.where("p.status", "=", f.status as never);
  return q.orderBy("p.created_at", "desc").orderBy("p.id", "desc").limit(f.limit).execute();
}

export function findProposal(db: Executor, orgId: string, id: string) {
  return proposalsQuery(db, orgId).where("p.id", "=", id).executeTakeFirst();
}

export function proposalLines(db: Executor, orgId: string, proposalId: string) {
  return db
    .selectFrom("replenishment_proposal_lines as l")
    .innerJoin("skus as s", (j) => j.onRef("s.org_id", "=", "l.org_id").onRef("s.id", "=", "l.sku_id"))
    .selectAll("l")
    .select(["s.code as sku_code", "s.name as sku_name", "s.name_bn as sku_name_bn"])
    .where("l.org_id", "=", orgId)
    .where("l.proposal_id", "=", proposalId)
    .orderBy("s.code")
    .execute();
}

// --- alerts

/** Batches with stock that expire on or before `until` (already expired ones included). */
export async function expiringBatches(db: Executor, orgId: string, until: string) {
  const r = await sql<{
    distributor_id: string;
    sku_id: string;
    batch_id: string;
    batch_no: string;
    expiry_date: string;
    on_hand: number;
  }>`
    select bb.distributor_id, bb.sku_id, bb.batch_id, b.batch_no, b.expiry_date, bb.on_hand
    from stock_batch_balances bb
    join stock_batches b on b.org_id = bb.org_id and b.id = bb.batch_id
    join distributors d on d.org_id = bb.org_id and d.id = bb.distributor_id and d.archived_at is null
    where bb.org_id = ${orgId} and bb.on_hand > 0 and b.expiry_date is not null and b.expiry_date <= ${until}::date
    order by b.expiry_date`.execute(db);
  return r.rows.map((row) => ({ ...row, on_hand: Number(row.on_hand) }));
}

export interface NewAlert {
  id: string;
  distributor_id: string;
  sku_id: string;
  kind: "stock_out" | "at_risk" | "over_stock" | "near_expiry";
  batch_id: string | null;
  severity: number;
  detail: Record<string, string | number | null>;
}

/** Replaces the org's alerts with this run's (a reader sees one run or the other, never half of each). */
export async function replaceAlerts(tx: Executor, orgId: string, detectedOn: string, rows: readonly NewAlert[]) {
  await tx.deleteFrom("stock_alerts").where("org_id", "=", orgId).execute();
  for (let i = 0; i < rows.length; i += 500)
    await tx
      .insertInto("stock_alerts")
      .values(
        rows.slice(i, i + 500).map((a) => ({
          org_id: orgId,
          ...a,
          detail: JSON.stringify(a.detail),
          detected_on: detectedOn,
        })),
      )
      .execute();
  await tx
    .insertInto("stock_alert_runs")
    .values({ org_id: orgId, generated_at: new Date(), detected_on: detectedOn })
    .onConflict((oc) => oc.column("org_id").doUpdateSet({ generated_at: new Date(), detected_on: detectedOn }))
    .execute();
}

export function alertRun(db: Executor, orgId: string) {
  return db.selectFrom("stock_alert_runs").selectAll().where("org_id", "=", orgId).executeTakeFirst();
}

export async function countAlerts(db: Executor, orgId: string, distributorIds: readonly string[]) {
  if (distributorIds.length === 0) return new Map<string, number>();
  const r = await db
    .selectFrom("stock_alerts")
    .select(["kind", (eb) => eb.fn.countAll<number>().as("n")])
    .where("org_id", "=", orgId)
    .where("distributor_id", "in", [...distributorIds])
    .groupBy("kind")
    .execute();
  return new Map(r.map((row) => [row.kind as string, Number(row.n)]));
}

export function listAlerts(
  db: Executor,
  orgId: string,
  distributorIds: readonly string[],
  f: { kind?: string | undefined; limit: number },
) {
  if (distributorIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom("stock_alerts as a")
    .innerJoin("skus as s", (j) => j.onRef("s.org_id", "=", "a.org_id").onRef("s.id", "=", "a.sku_id"))
    .innerJoin("distributors as d", (j) => j.onRef("d.org_id", "=", "a.org_id").onRef("d.id", "=", "a.distributor_id"))
    .leftJoin("stock_batches as b", (j) => j.onRef("b.org_id", "=", "a.org_id").onRef("b.id", "=", "a.batch_id"))
    .select([
      "a.id",
      "a.kind",
      "a.distributor_id",
      "d.name as distributor_name",
      "d.name_bn as distributor_name_bn",
      "a.sku_id",
      "s.code as sku_code",
      "s.name as sku_name",
      "s.name_bn as sku_name_bn",
      "b.batch_no",
      "a.severity",
      "a.detail",
      "a.detected_on",
    ])
    .where("a.org_id", "=", orgId)
    .where("a.distributor_id", "in", [...distributorIds]);
  if (f.kind) q = q.where("a.kind", "=", f.kind as never);
  return q.orderBy("a.kind").orderBy("a.severity", "desc").orderBy("s.code").limit(f.limit).execute();
}

/** Who hears of a distributor's alerts: its own users, the managers whose subtree holds it, and the admins. */
export async function alertRecipients(db: Executor, orgId: string) {
  const r = await sql<{
    id: string;
    email: string;
    role: string;
    locale: "bn" | "en";
    distributor_id: string | null;
    path: string | null;
  }>`
    select u.id, u.email, u.role, u.locale, u.distributor_id, t.path
    from users u
    left join territories t on t.org_id = u.org_id and t.id = u.territory_id and t.archived_at is null
    where u.org_id = ${orgId} and u.deactivated_at is null and u.role in ('admin', 'manager', 'distributor')
    order by u.id`.execute(db);
  return r.rows;
}

// --- the outlet's suggested order

/** Each outlet's base quantity per SKU and order day (memos past draft, not cancelled), with the pack it was ordered in. */
export async function outletDailySales(
  db: Executor,
  orgId: string,
  outletIds: readonly string[],
  from: string,
  before: string,
) {
  const r = await sql<{
    outlet_id: string;
    sku_id: string;
    order_date: string;
    qty: number;
    unit: string;
    factor: number;
  }>`
    select so.outlet_id, l.sku_id, so.order_date, sum(l.qty)::bigint as qty,
           mode() within group (order by l.entered_unit) as unit,
           max(coalesce(u.factor, 1)) as factor
    from secondary_orders so
    join secondary_order_lines l on l.org_id = so.org_id and l.order_id = so.id
    join skus s on s.org_id = l.org_id and s.id = l.sku_id and s.archived_at is null
    left join sku_units u on u.org_id = l.org_id and u.sku_id = l.sku_id and u.unit = l.entered_unit
    where so.org_id = ${orgId} and so.outlet_id in (${sql.join([...outletIds])})
      and so.order_date >= ${from}::date and so.order_date < ${before}::date and so.status not in ('draft', 'cancelled')
    group by so.outlet_id, l.sku_id, so.order_date
    order by so.outlet_id, l.sku_id, so.order_date`.execute(db);
  return r.rows;
}

/** Each outlet's latest stock audit on or after `since`, line by line. */
export async function latestOutletAudits(db: Executor, orgId: string, outletIds: readonly string[], since: string) {
  const r = await sql<{ outlet_id: string; audit_date: string; sku_id: string; qty: number }>`
    with latest as (
      select distinct on (outlet_id) outlet_id, id, audit_date
      from outlet_stock_audits
      where org_id = ${orgId} and outlet_id in (${sql.join([...outletIds])}) and audit_date >= ${since}::date
      order by outlet_id, audited_at desc, id desc
    )
    select latest.outlet_id, latest.audit_date, l.sku_id, l.qty
    from latest join outlet_stock_audit_lines l on l.org_id = ${orgId} and l.audit_id = latest.id`.execute(db);
  return r.rows;
}

/** The weekdays each of these routes is walked. */
export function beatWeekdays(db: Executor, orgId: string, routeIds: readonly string[]) {
  if (routeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("beat_days")
    .select(["route_id", "weekday"])
    .where("org_id", "=", orgId)
    .where("route_id", "in", [...routeIds])
    .execute();
}
