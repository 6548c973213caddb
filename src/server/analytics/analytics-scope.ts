// What part of the market one dashboard query looks at: the period (and the one before it) and the slice of the
// network (a territory subtree and/or one distributor), narrowed to the caller's own scope. Every analytics query
// starts here, so a manager can never ask for numbers outside their subtree, nor a distributor for another's.
import type { AnalyticsFilter, Period } from "../../shared/contracts/analytics.ts";
import { MAX_PERIOD_DAYS } from "../../shared/contracts/analytics.ts";
import { addDays, businessDate, daysBetween } from "../../shared/format.ts";
import { type PeriodPreset, presetRange } from "../../shared/period-presets.ts";
import type { TerritoryLevel } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";
import { visibleDistributor } from "../network/distributors.service.ts";
import { AccessErrors, can } from "../platform/access.ts";
import type { Ctx } from "../platform/context.ts";
import {
  findTerritoriesOnPath,
  findTerritory,
  listTerritories,
} from "../platform/territories/territories.repository.ts";
import { TerritoryErrors } from "../platform/territories/territories.service.ts";
import { AnalyticsErrors } from "./analytics.errors.ts";

export interface Slice {
  orgId: string;
  /** Only rows whose territory_path starts with this; null for the whole org. */
  path: string | null;
  /** The node the numbers are inside: breaks down into its children. Null for a distributor's own view. */
  node: { id: string; level: TerritoryLevel; path: string } | null;
  /** Only this distributor's rows; null for all. */
  distributorId: string | null;
  breadcrumb: { id: string; name: string; nameBn: string; level: TerritoryLevel }[];
}

/** The period asked for (this month so far by default) and the same number of days just before it. */
export function periodOf(
  filter: { from?: string | undefined; to?: string | undefined; period?: PeriodPreset | undefined },
  today = businessDate(),
): Period {
  if (filter.period && !filter.from && !filter.to) return periodOf(presetRange(filter.period, today), today);
  const to = filter.to ?? (filter.from && filter.from > today ? filter.from : today);
  const from = filter.from ?? (to.slice(0, 8) === today.slice(0, 8) ? `${today.slice(0, 8)}01` : `${to.slice(0, 8)}01`);
  if (to < from) throw AnalyticsErrors.periodReversed({ from, to });
  const days = daysBetween(from, to) + 1;
  if (days > MAX_PERIOD_DAYS) throw AnalyticsErrors.periodTooLong({ max: MAX_PERIOD_DAYS, days });
  return { from, to, days, previousFrom: addDays(from, -days), previousTo: addDays(from, -1) };
}

/** The caller's slice of the network for this filter; anything outside their scope is "not found". */
export async function sliceOf(db: Executor, ctx: Ctx, filter: AnalyticsFilter): Promise<Slice> {
  if (!can(ctx.actor, "analytics.read")) throw AccessErrors.forbidden();
  const { orgId, scope } = ctx.actor;
  if (scope.kind === "outlet" || scope.kind === "none") throw AccessErrors.forbidden();

  let distributorId: string | null = null;
  if (scope.kind === "distributor") {
    if (filter.distributorId && filter.distributorId !== scope.distributorId)
      throw AnalyticsErrors.distributorNotFound();
    distributorId = scope.distributorId;
  } else if (filter.distributorId) {
    if (!(await visibleDistributor(db, ctx, filter.distributorId))) throw AnalyticsErrors.distributorNotFound();
    distributorId = filter.distributorId;
  }

  let node: Slice["node"] = null;
  if (filter.territoryId) {
    const t = await findTerritory(db, orgId, filter.territoryId);
    if (!t || (scope.kind === "territory" && !t.path.startsWith(scope.path))) throw TerritoryErrors.notFound();
    node = { id: t.id, level: t.level, path: t.path };
  } else if (scope.kind === "territory") {
    const own = await findTerritory(db, orgId, scope.territoryId);
    node = { id: scope.territoryId, level: own?.level ?? "territory", path: scope.path };
  } else if (scope.kind === "org") {
    const root = await findRoot(db, orgId);
    if (root) node = root;
  }
  // A distributor sees its own sales wherever they were booked, so its view has no territory node unless asked.
  // Distributor users browse no part of the tree: their slice may narrow by a territory, but names none.
  const breadcrumb =
    node && scope.kind !== "distributor"
      ? await breadcrumbOf(db, orgId, node.path, scope.kind === "territory" ? scope.path : null)
      : [];
  // The national node holds the whole org: no path filter to evaluate on every row.
  const path = node && node.level !== "national" ? node.path : null;
  return { orgId, path, node, distributorId, breadcrumb };
}

async function findRoot(db: Executor, orgId: string) {
  const [root] = await listTerritories(db, orgId, { rootsOnly: true, limit: 1 });
  return root ? { id: root.id, level: root.level, path: root.path } : null;
}

/** The chain from the caller's own root down to the node: a manager's breadcrumb starts at their territory. */
async function breadcrumbOf(db: Executor, orgId: string, path: string, from: string | null) {
  const chain = await findTerritoriesOnPath(db, orgId, path);
  return chain
    .filter((t) => from === null || t.path.startsWith(from))
    .map((t) => ({ id: t.id, name: t.name, nameBn: t.name_bn, level: t.level }));
}
