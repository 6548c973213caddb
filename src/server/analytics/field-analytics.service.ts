// The field dashboard (A1): how the field force did over a period, per rep or per child territory of the chosen
// node, inside the caller's slice. The KPIs are field-kpis.ts's own definitions (countsByRep, kpisOf), fed with
// the same facts as "my performance" and the live view; on top of them:
// - ECO: of the active outlets on the routes (a rep's: the routes they owned on any day of the period; a
//   territory's: the routes under it), those that ordered in the period (a memo confirmed and not cancelled).
//   With a distributor in the slice, only its outlets and its memos.
// - minutes in outlets: check-in to check-out of the visits counted (a visit not checked out adds nothing).
// - working minutes: start to end of the working days that belong to the slice: a rep's day belongs where the
//   rep visited outlets that day (in the territory view, the child with most of that day's visits, the earlier
//   on a tie) or, without visits, to the first route (by path) the rep owned that day; with a distributor in the
//   slice, only days with visits at its outlets count. A day not ended adds nothing.
// - productive time: minutes in outlets / working minutes.
// Totals are the slice's: the KPIs and minutes of every row summed, ECO over every route of the slice.
import type {
  FieldAnalyticsQuery,
  FieldAnalyticsResponse,
  FieldAnalyticsRow,
} from "../../shared/contracts/analytics.ts";
import { formatDate, formatMoney, formatNumber } from "../../shared/format.ts";
import type { Locale } from "../../shared/locale.ts";
import { fieldFactsBetween, workingMinutesBetween } from "../field/field-kpis.service.ts";
import {
  addCounts,
  countsByRep,
  type KpiCounts,
  kpisOf,
  NO_COUNTS,
  ratio,
  routeOwnersOn,
} from "../field/field-kpis.ts";
import type { Ctx } from "../platform/context.ts";
import { fieldForce } from "../users/users.service.ts";
import { periodOf, type Slice, sliceOf } from "./analytics-scope.ts";
import * as repo from "./field-analytics.repository.ts";
import type { ReportColumn, ReportTable } from "./report-table.ts";

type Facts = Awaited<ReturnType<typeof fieldFactsBetween>>;
type Visit = Facts["visits"][number];

interface Coverage {
  outlets: number;
  ordered: number;
}

function rowOf(
  key: string,
  label: string,
  labelBn: string | null,
  counts: KpiCounts,
  coverage: Coverage,
  minutesInOutlets: number,
  workingMinutes: number,
): FieldAnalyticsRow {
  return {
    key,
    label,
    labelBn,
    kpis: kpisOf(counts),
    ecoBp: ratio(coverage.ordered, coverage.outlets, 10_000),
    outlets: coverage.outlets,
    outletsOrdered: coverage.ordered,
    minutesInOutlets,
    workingMinutes,
    productiveTimeBp: ratio(minutesInOutlets, workingMinutes, 10_000),
  };
}

const sumCoverage = (rows: readonly repo.RouteCoverageRow[]): Coverage =>
  rows.reduce((s, r) => ({ outlets: s.outlets + r.outlets, ordered: s.ordered + r.ordered }), {
    outlets: 0,
    ordered: 0,
  });

const add = (m: Map<string, number>, key: string, n: number) => m.set(key, (m.get(key) ?? 0) + n);

/** Whether counts hold any work: a visit, a memo or a planned outlet. */
const workedFor = (c: KpiCounts | undefined) => !!c && (c.visits > 0 || c.orders > 0 || c.plannedOutlets > 0);

interface Group {
  key: string;
  label: string;
  labelBn: string | null;
  path: string;
}

/** The rows of the territory view: the node's children; a route (no children) is its own only row. */
async function territoryGroups(ctx: Ctx, slice: Slice): Promise<Group[]> {
  const orgId = slice.orgId;
  const nodes = slice.node
    ? await repo.childTerritories(ctx.db, orgId, slice.node.id)
    : (
        await Promise.all(
          (await repo.rootTerritories(ctx.db, orgId)).map((r) => repo.childTerritories(ctx.db, orgId, r.id)),
        )
      ).flat();
  if (nodes.length > 0) return nodes.map((t) => ({ key: t.id, label: t.name, labelBn: t.name_bn, path: t.path }));
  const last = slice.breadcrumb[slice.breadcrumb.length - 1];
  return slice.node && last
    ? [{ key: slice.node.id, label: last.name, labelBn: last.nameBn, path: slice.node.path }]
    : [];
}

export async function getFieldAnalytics(ctx: Ctx, query: FieldAnalyticsQuery): Promise<FieldAnalyticsResponse> {
  const period = periodOf(query);
  const slice = await sliceOf(ctx.db, ctx, query);
  const { db } = ctx;
  const orgId = slice.orgId;
  const scan = { path: slice.path, distributorId: slice.distributorId, from: period.from, to: period.to };
  const [facts, orderRows, coverage, own] = await Promise.all([
    fieldFactsBetween(db, orgId, slice.path, period.from, period.to),
    repo.repOrders(db, orgId, scan),
    repo.routeCoverage(db, orgId, scan),
    slice.distributorId ? repo.distributorOutlets(db, orgId, slice.distributorId) : Promise.resolve(null),
  ]);

  // A distributor's slice: visits at its outlets, and only its active outlets planned on the beats.
  let { plan, visits } = facts;
  if (own) {
    const served = new Set(own.map((o) => o.id));
    const active = new Set(own.filter((o) => o.status === "active").map((o) => o.id));
    visits = visits.filter((v) => served.has(v.outletId));
    plan = {
      ...plan,
      outlets: new Map([...plan.outlets].map(([routeId, ids]) => [routeId, ids.filter((id) => active.has(id))])),
    };
  }
  const orders = orderRows.map((o) => ({
    repUserId: o.rep_user_id,
    date: o.order_date,
    salesPoisha: Number(o.sales),
    orders: Number(o.orders),
    lines: Number(o.lines),
    path: o.territory_path,
  }));
  const routePath = new Map(coverage.map((c) => [c.route_id, c.path]));
  const ownersOn = new Map(facts.dates.map((d) => [d, routeOwnersOn(plan.assignments, d)]));

  /** Which group a rep's working day belongs to (see the header), or undefined when it is not the slice's. */
  const dayGroup = (groupOfPath: (path: string) => string | undefined) => {
    const out = new Map<string, string>();
    const tally = new Map<string, Map<string, number>>();
    for (const v of visits) {
      const g = groupOfPath(v.territoryPath);
      if (g === undefined) continue;
      const day = `${v.userId}|${v.date}`;
      const t = tally.get(day) ?? new Map<string, number>();
      t.set(g, (t.get(g) ?? 0) + 1);
      tally.set(day, t);
    }
    for (const [day, t] of tally) {
      // Map order is first-seen order (visits come by check-in time), so a tie goes to the earlier visit.
      let best: [string, number] | null = null;
      for (const e of t) if (!best || e[1] > best[1]) best = e;
      if (best) out.set(day, best[0]);
    }
    if (!own)
      for (const [date, owners] of ownersOn) {
        const routes = [...owners].map(([routeId, userId]) => ({ userId, path: routePath.get(routeId) }));
        routes.sort((a, b) => (a.path ?? "").localeCompare(b.path ?? ""));
        for (const r of routes) {
          if (r.path === undefined || out.has(`${r.userId}|${date}`)) continue;
          const g = groupOfPath(r.path);
          if (g !== undefined) out.set(`${r.userId}|${date}`, g);
        }
      }
    return out;
  };
  const workingByGroup = async (days: Map<string, string>) => {
    const userIds = [...new Set([...days.keys()].map((k) => k.slice(0, k.indexOf("|"))))];
    const out = new Map<string, number>();
    for (const d of await workingMinutesBetween(db, orgId, userIds, period.from, period.to)) {
      const g = days.get(`${d.userId}|${d.date}`);
      if (g !== undefined) add(out, g, d.minutes);
    }
    return out;
  };

  // Each row with its counts: the totals add counts (a ratio of sums), never the rows' ratios.
  let counted: { row: FieldAnalyticsRow; counts: KpiCounts }[];
  if (query.by === "rep") {
    const counts = countsByRep(facts.dates, plan, visits, orders);
    const people = await fieldForce(db, orgId, slice.path, [...counts.keys()]);
    // A distributor's view lists the reps who worked its outlets (visited them, took its memos, or had them on their
    // beat), not every rep of the org: countsByRep has a row for every rep who owned any route.
    const reps = own ? people.filter((p) => workedFor(counts.get(p.id))) : people;
    const routesOf = new Map<string, Set<string>>();
    for (const owners of ownersOn.values())
      for (const [routeId, userId] of owners) {
        const set = routesOf.get(userId) ?? new Set<string>();
        set.add(routeId);
        routesOf.set(userId, set);
      }
    const coverageOf = new Map(coverage.map((c) => [c.route_id, c]));
    const minutes = new Map<string, number>();
    for (const v of visits) add(minutes, v.userId, v.minutesInOutlet);
    // Every day in the slice belongs to the rep who worked it.
    const days = dayGroup(() => "");
    const working = await workingByGroup(new Map([...days.keys()].map((k) => [k, k.slice(0, k.indexOf("|"))])));
    counted = reps.map((p) => {
      const c = counts.get(p.id) ?? NO_COUNTS;
      const routes = [...(routesOf.get(p.id) ?? [])].flatMap((r) => coverageOf.get(r) ?? []);
      return {
        counts: c,
        row: rowOf(p.id, p.name, null, c, sumCoverage(routes), minutes.get(p.id) ?? 0, working.get(p.id) ?? 0),
      };
    });
  } else {
    const groups = await territoryGroups(ctx, slice);
    const groupOfPath = (path: string) => groups.find((g) => path.startsWith(g.path))?.key;
    const working = await workingByGroup(dayGroup(groupOfPath));
    counted = groups.map((g) => {
      const inside = (path: string | undefined) => path?.startsWith(g.path) ?? false;
      const gPlan = { ...plan, assignments: plan.assignments.filter((a) => inside(routePath.get(a.routeId))) };
      const gVisits = visits.filter((v) => inside(v.territoryPath));
      const gOrders = orders.filter((o) => inside(o.path));
      const c = [...countsByRep(facts.dates, gPlan, gVisits, gOrders).values()].reduce(addCounts, NO_COUNTS);
      const minutes = gVisits.reduce((s, v: Visit) => s + v.minutesInOutlet, 0);
      const cov = sumCoverage(coverage.filter((r) => inside(r.path)));
      return { counts: c, row: rowOf(g.key, g.label, g.labelBn, c, cov, minutes, working.get(g.key) ?? 0) };
    });
    // A distributor's view names only the territories where it has outlets or work, not the org's whole tree
    // (distributor users browse no part of it).
    if (own) counted = counted.filter((c) => workedFor(c.counts) || c.row.outlets > 0);
  }

  const rows = counted.map((c) => c.row);
  const totals = rowOf(
    "",
    "Total",
    "মোট",
    counted.reduce((s, c) => addCounts(s, c.counts), NO_COUNTS),
    sumCoverage(coverage),
    rows.reduce((s, r) => s + r.minutesInOutlets, 0),
    rows.reduce((s, r) => s + r.workingMinutes, 0),
  );
  return { period, by: query.by, breadcrumb: slice.breadcrumb, totals, rows };
}

type Text = Record<Locale, string>;

const FIELD_COLUMNS: [key: string, kind: ReportColumn["kind"], label: Text][] = [
  ["name", "text", { en: "Name", bn: "নাম" }],
  ["visits", "integer", { en: "Visits", bn: "ভিজিট" }],
  ["productiveVisits", "integer", { en: "Productive visits", bn: "সফল ভিজিট" }],
  ["strikeRateBp", "basis_points", { en: "Strike rate", bn: "স্ট্রাইক রেট" }],
  ["orders", "integer", { en: "Memos", bn: "মেমো" }],
  ["salesPoisha", "money", { en: "Sales", bn: "বিক্রি" }],
  ["linesPerCall", "decimal", { en: "Lines per call", bn: "কল প্রতি লাইন" }],
  ["dropSizePoisha", "money", { en: "Drop size", bn: "গড় মেমো" }],
  ["plannedOutlets", "integer", { en: "Planned outlets", bn: "পরিকল্পিত আউটলেট" }],
  ["plannedVisited", "integer", { en: "Planned and visited", bn: "পরিকল্পিত ও ভিজিট করা" }],
  ["beatComplianceBp", "basis_points", { en: "Beat compliance", bn: "বিট মেনে চলা" }],
  ["outsideRadiusVisits", "integer", { en: "Visits outside radius", bn: "সীমার বাইরে ভিজিট" }],
  ["outlets", "integer", { en: "Outlets on routes", bn: "রুটের আউটলেট" }],
  ["outletsOrdered", "integer", { en: "Outlets ordered", bn: "অর্ডার করা আউটলেট" }],
  ["ecoBp", "basis_points", { en: "ECO", bn: "ইসিও" }],
  ["minutesInOutlets", "integer", { en: "Minutes in outlets", bn: "আউটলেটে মিনিট" }],
  ["workingMinutes", "integer", { en: "Working minutes", bn: "কাজের মিনিট" }],
  ["productiveTimeBp", "basis_points", { en: "Productive time", bn: "উৎপাদনশীল সময়" }],
];

function fieldCells(r: FieldAnalyticsRow, name: string) {
  const k = r.kpis;
  return {
    name,
    visits: k.visits,
    productiveVisits: k.productiveVisits,
    strikeRateBp: k.strikeRateBp,
    orders: k.orders,
    salesPoisha: k.salesPoisha,
    // Two decimals exactly (the KPI is kept ×100); not money, so a decimal cell is fine.
    linesPerCall: k.linesPerCallX100 === null ? null : k.linesPerCallX100 / 100,
    dropSizePoisha: k.dropSizePoisha,
    plannedOutlets: k.plannedOutlets,
    plannedVisited: k.plannedVisited,
    beatComplianceBp: k.beatComplianceBp,
    outsideRadiusVisits: k.outsideRadiusVisits,
    outlets: r.outlets,
    outletsOrdered: r.outletsOrdered,
    ecoBp: r.ecoBp,
    minutesInOutlets: r.minutesInOutlets,
    workingMinutes: r.workingMinutes,
    productiveTimeBp: r.productiveTimeBp,
  };
}

const pct = (bp: number | null, locale: Locale) => (bp === null ? "–" : `${formatNumber(bp / 100, locale)}%`);

/** Where a report's numbers are from, in words: the breadcrumb of the slice. */
export const sliceText = (breadcrumb: FieldAnalyticsResponse["breadcrumb"], locale: Locale) =>
  breadcrumb.map((b) => (locale === "bn" ? b.nameBn : b.name)).join(" › ") || null;

export const periodText = (p: { from: string; to: string }, locale: Locale) =>
  `${formatDate(p.from, locale)} – ${formatDate(p.to, locale)}`;

/** The field dashboard as a report (export, scheduled email): every row, in the reader's language. */
export async function fieldReport(
  ctx: Ctx,
  query: FieldAnalyticsQuery,
): Promise<{ table: ReportTable; summary: string[] }> {
  const l = ctx.locale;
  const res = await getFieldAnalytics(ctx, query);
  const by = query.by === "rep" ? { en: "rep", bn: "প্রতিনিধি" } : { en: "territory", bn: "এলাকা" };
  const title =
    l === "bn"
      ? `মাঠকর্মী, ${by.bn} অনুযায়ী, ${periodText(res.period, l)}`
      : `Field force by ${by.en}, ${periodText(res.period, l)}`;
  const name = (r: FieldAnalyticsRow) => (l === "bn" ? (r.labelBn ?? r.label) : r.label);
  const t = res.totals;
  const summary =
    l === "bn"
      ? [
          title,
          `ভিজিট: ${formatNumber(t.kpis.visits, l)}, স্ট্রাইক রেট: ${pct(t.kpis.strikeRateBp, l)}, ইসিও: ${pct(t.ecoBp, l)}`,
          `বিক্রি: ${formatMoney(t.kpis.salesPoisha, l)}, মেমো: ${formatNumber(t.kpis.orders, l)}`,
          `উৎপাদনশীল সময়: ${pct(t.productiveTimeBp, l)}`,
        ]
      : [
          title,
          `Visits: ${formatNumber(t.kpis.visits, l)}, strike rate: ${pct(t.kpis.strikeRateBp, l)}, ECO: ${pct(t.ecoBp, l)}`,
          `Sales: ${formatMoney(t.kpis.salesPoisha, l)}, memos: ${formatNumber(t.kpis.orders, l)}`,
          `Productive time: ${pct(t.productiveTimeBp, l)}`,
        ];
  return {
    table: {
      title,
      subtitle: sliceText(res.breadcrumb, l),
      locale: l,
      columns: FIELD_COLUMNS.map(([key, kind, label]) => ({ key, kind, label: label[l] })),
      rows: res.rows.map((r) => fieldCells(r, name(r))),
      totals: fieldCells(t, name(t)),
    },
    summary,
  };
}
