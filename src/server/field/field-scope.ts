// Which outlets and routes a field user may work on, and where an outlet stood on the day of the work. A rep
// syncs only for outlets in their territory subtree (as everywhere else: the network module's rule); the beat
// that counts is the outlet's route on that business date, as orders credit it.
import type { FieldCommand } from "../../shared/contracts/field.ts";
import type { Executor } from "../db/transaction.ts";
import { assignmentOn, outletVisible, routesOfRep } from "../network/outlets.service.ts";
import { AccessErrors, can, territoryInScope } from "../platform/access.ts";
import type { Ctx } from "../platform/context.ts";
import { findTerritory } from "../platform/territories/territories.repository.ts";
import { FieldErrors } from "./field.errors.ts";
import * as repo from "./field.repository.ts";
import { weekdayOf } from "./field-command-rules.ts";

export type Command<K extends FieldCommand["kind"]> = Extract<FieldCommand, { kind: K }>;

export function requireFieldUse(ctx: Ctx) {
  if (!can(ctx.actor, "field.use")) throw AccessErrors.forbidden();
}

export type FieldOutlet = NonNullable<Awaited<ReturnType<typeof repo.findOutletForVisit>>>;

/** An outlet the caller may work on (in scope, not archived); otherwise it does not exist for them. */
export async function fieldOutlet(db: Executor, ctx: Ctx, outletId: string): Promise<FieldOutlet> {
  const outlet = await repo.findOutletForVisit(db, ctx.actor.orgId, outletId);
  if (!outlet || outlet.status === "archived" || !outletVisible(ctx, outlet)) throw FieldErrors.outletNotFound();
  return outlet;
}

export interface Placement {
  /** The outlet's route on the date (its assignment then), and that route's path and name. */
  routeId: string | null;
  routeName: string | null;
  territoryPath: string;
  /** The route is one of the caller's beats on that date. */
  onMyRoutes: boolean;
  /** …and it is walked on that weekday. */
  planned: boolean;
}

/** Where the outlet stood on a business date, and whether calling on it was the caller's plan that day. */
export async function placementOn(db: Executor, ctx: Ctx, outlet: FieldOutlet, date: string): Promise<Placement> {
  const { orgId, userId } = ctx.actor;
  const assigned = await assignmentOn(db, orgId, outlet.id, date);
  const routeId = assigned?.routeId ?? outlet.route_id;
  const route = routeId ? await findTerritory(db, orgId, routeId) : undefined;
  const myRoutes = routeId ? await routesOfRep(db, orgId, userId, date) : [];
  const onMyRoutes = routeId !== null && myRoutes.some((r) => r.id === routeId);
  const planned = onMyRoutes && routeId !== null && (await repo.beatWalkedOn(db, orgId, routeId, weekdayOf(date)));
  // Outlets without a route are seen only org-wide; their work is then filed under the caller's own territory.
  const fallbackPath = ctx.actor.scope.kind === "territory" ? ctx.actor.scope.path : "/";
  return {
    routeId,
    routeName: route?.name ?? null,
    territoryPath: route?.path ?? outlet.route_path ?? fallbackPath,
    onMyRoutes,
    planned,
  };
}

/**
 * A route the caller may plan on: for a rep, one of their beats on that date; for a supervisor (no beats of
 * their own), any route in their subtree.
 */
export async function callerRoute(db: Executor, ctx: Ctx, routeId: string, date: string) {
  const { orgId, userId } = ctx.actor;
  if (ctx.actor.role === "rep") {
    const mine = (await routesOfRep(db, orgId, userId, date)).find((r) => r.id === routeId);
    if (!mine) throw FieldErrors.routeNotYours();
    return mine;
  }
  const route = await findTerritory(db, orgId, routeId);
  if (route?.level !== "route" || !territoryInScope(ctx.actor.scope, route.path)) throw FieldErrors.routeNotYours();
  return { id: route.id, name: route.name, path: route.path };
}
