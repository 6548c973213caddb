// The one access-check mechanism. Every API route declares `config.access`: "public", "signed-in" or a
// permission below; app.ts refuses to start if a route has none. The permission decides by role; the
// actor's scope (territory subtree, distributor, outlet) then narrows what data a service returns.
import type { Locale } from "../../shared/locale.ts";
import type { Role } from "../../shared/roles.ts";
import { defineErrors } from "./errors.ts";

export const PERMISSIONS = {
  "users.read": ["admin", "manager"],
  "users.write": ["admin", "manager"],
  "territories.read": ["admin", "manager", "rep", "distributor", "marketing", "service"],
  "audit.read": ["admin"],
  "tokens.manage": ["admin"],
  // Sign-in security of the org: which roles must use two-step sign-in; resetting a user's second factor.
  "security.manage": ["admin"],
  "notifications.send": ["admin"],
  // Distribution network (S1): managers administer their own subtree.
  "network.read": ["admin", "manager", "rep", "distributor", "marketing", "service"],
  "network.write": ["admin", "manager"],
  // Catalog and prices (S2): everyone who orders can read; head office sets them.
  "catalog.read": ["admin", "manager", "rep", "distributor", "retailer", "marketing", "service"],
  "catalog.write": ["admin"],
  // Secondary orders (S3): taking orders; fulfilling them (invoice, dispatch, deliver, return) at the distributor.
  "orders.read": ["admin", "manager", "rep", "distributor", "retailer", "service"],
  "orders.write": ["admin", "manager", "rep", "distributor", "retailer"],
  "orders.fulfil": ["admin", "manager", "distributor"],
  "payments.read": ["admin", "manager", "rep", "distributor", "retailer"],
  "payments.write": ["admin", "manager", "rep", "distributor"],
  // Distributor stock (S5) and primary orders (S4): the company approves and dispatches.
  "stock.read": ["admin", "manager", "rep", "distributor"],
  "stock.write": ["admin", "distributor"],
  "primary.read": ["admin", "manager", "distributor"],
  "primary.write": ["admin", "distributor"],
  "primary.approve": ["admin", "manager"],
  // Webhooks (issue 4): outbound integrations carry the org's data, so only admins set them up.
  "webhooks.manage": ["admin"],
  // Field force (S6, S7): reps and their supervisors work beats from the field app; managers watch the day
  // and approve outlets proposed from the field; the admin sets the check-in radius, reasons and must-sell list.
  "field.use": ["rep", "manager"],
  "field.monitor": ["admin", "manager"],
  "field.approve": ["admin", "manager"],
  "field.settings": ["admin"],
  // Analytics (A1, A2, A4): managers see their subtree, a distributor its own sales, head office and marketing the
  // whole market; each user schedules their own reports. Rebuilding the rollups is the admin's.
  "analytics.read": ["admin", "manager", "distributor", "marketing"],
  "analytics.manage": ["admin"],
  // Forecasting and replenishment (A3, S5): plans, forecasts and alerts within one's scope; approving a proposed
  // order is placing a primary order (the distributor's, or head office's for it); the policy is head office's.
  "replenishment.read": ["admin", "manager", "distributor"],
  "replenishment.approve": ["admin", "distributor"],
  "replenishment.manage": ["admin"],
  // Delivery and logistics (S8): the distributor runs its vehicles and trips (head office may too); managers watch
  // their subtree's trips; a driver sees and records only the trips given to them.
  "delivery.read": ["admin", "manager", "distributor"],
  "delivery.manage": ["admin", "distributor"],
  "delivery.drive": ["driver"],
  // Incentive and commission plans (issue 8): the plans are head office's; a manager reads their team's statements,
  // a rep or a distributor its own. Approving and paying commits the company's money: head office only.
  "incentives.read": ["admin", "manager", "rep", "distributor"],
  "incentives.manage": ["admin"],
  "incentives.approve": ["admin"],
  // Trade promotions (S10): head office and marketing run schemes and campaigns; managers, reps and distributors read
  // the schemes that concern their area (a rep the active ones, a distributor those that target it).
  "promotions.read": ["admin", "manager", "rep", "distributor", "marketing"],
  "promotions.manage": ["admin", "marketing"],
  // The schemes on offer to one outlet, for pricing a memo as it is typed: whoever takes orders for it, and the
  // retailer for its own shop (its re-order page shows what the order will really cost).
  "promotions.offers": ["admin", "manager", "rep", "distributor", "marketing", "retailer"],
  // Scheme claims (issue 8): a distributor claims back the claimable schemes it funded (head office may build one for
  // it); marketing, which runs the schemes, reviews with head office; paying out is head office's alone. Managers
  // read their subtree's claims.
  "claims.read": ["admin", "manager", "marketing", "distributor"],
  "claims.submit": ["admin", "distributor"],
  "claims.review": ["admin", "marketing"],
  "claims.settle": ["admin"],
  // Targets (S9): managers set them within their subtree (head office everywhere); a rep sees their own, a
  // distributor its own and its outlets', marketing the whole market.
  "targets.read": ["admin", "manager", "rep", "distributor", "marketing"],
  "targets.manage": ["admin", "manager"],
  // CRM (C1-C4): account executives (reps), their managers, marketing (leads from campaigns) and service (the
  // customer's history) work leads, contacts, accounts, deals and activities; a rep sees what they own or what lies
  // in their territory, a manager their subtree. Configuring pipelines, custom fields and assignment rules is the
  // admin's; marketing builds the web forms and lead magnets that feed the inbox.
  "crm.read": ["admin", "manager", "rep", "marketing", "service"],
  "crm.write": ["admin", "manager", "rep", "marketing", "service"],
  "crm.forms": ["admin", "marketing"],
  "crm.manage": ["admin"],
  // Service desk (C5): service agents work tickets; managers and reps read the tickets of their area; SLA policies
  // and business hours are the admin's; service and marketing write the knowledge base.
  "service.read": ["admin", "manager", "rep", "service"],
  "service.write": ["admin", "manager", "service"],
  "service.manage": ["admin"],
  "kb.write": ["admin", "service", "marketing"],
  // Loyalty and feedback (C7): marketing runs programs, rewards and surveys; service redeems for a member; a
  // retailer reads its own statement and redeems its own points.
  "loyalty.read": ["admin", "manager", "marketing", "service", "retailer"],
  "loyalty.redeem": ["admin", "marketing", "service", "retailer"],
  "loyalty.manage": ["admin", "marketing"],
  "surveys.read": ["admin", "manager", "marketing", "service"],
  "surveys.manage": ["admin", "marketing"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;
export type Access = "public" | "signed-in" | Permission;

/** What part of the org's data an actor may see. */
export type Scope =
  | { kind: "org" }
  | { kind: "territory"; territoryId: string; path: string }
  | { kind: "distributor"; distributorId: string }
  | { kind: "outlet"; outletId: string }
  | { kind: "none" };

export interface Actor {
  orgId: string;
  userId: string;
  role: Role;
  name: string;
  email: string;
  locale: Locale;
  scope: Scope;
  via: "session" | "token";
}

export function can(actor: Pick<Actor, "role">, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}

/** Roles that work across the whole org unless given a territory. */
const ORG_WIDE_ROLES: readonly Role[] = ["admin", "marketing", "service"];

export function scopeFor(
  role: Role,
  user: { territory_id: string | null; distributor_id: string | null; outlet_id: string | null },
  territoryPath: string | null,
): Scope {
  if (role === "admin") return { kind: "org" };
  // A driver works for one distributor: its trips are that distributor's (and, within them, only their own).
  if (role === "distributor" || role === "driver")
    return user.distributor_id ? { kind: "distributor", distributorId: user.distributor_id } : { kind: "none" };
  if (role === "retailer") return user.outlet_id ? { kind: "outlet", outletId: user.outlet_id } : { kind: "none" };
  if (user.territory_id && territoryPath)
    return { kind: "territory", territoryId: user.territory_id, path: territoryPath };
  return ORG_WIDE_ROLES.includes(role) ? { kind: "org" } : { kind: "none" };
}

/** Does a territory (by its path) fall inside the actor's scope? */
export function territoryInScope(scope: Scope, territoryPath: string | null): boolean {
  if (scope.kind === "org") return true;
  if (scope.kind === "territory") return territoryPath?.startsWith(scope.path) ?? false;
  return false;
}

export const AccessErrors = defineErrors({
  unauthenticated: {
    code: "auth.required",
    status: 401,
    en: "Please sign in first.",
    bn: "অনুগ্রহ করে আগে সাইন ইন করুন।",
  },
  forbidden: {
    code: "access.forbidden",
    status: 403,
    en: "Your role does not allow this.",
    bn: "আপনার ভূমিকায় এটি করার অনুমতি নেই।",
  },
  outOfScope: {
    code: "access.out_of_scope",
    status: 403,
    en: "This is outside the territory, distributor or outlet you are assigned to.",
    bn: "এটি আপনার নির্ধারিত এলাকা, ডিস্ট্রিবিউটর বা আউটলেটের বাইরে।",
  },
});
