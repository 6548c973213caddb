// The access decision of every API operation, for every role and for an anonymous caller. The table is
// the reviewed statement of who may do what; access-matrix.db.test.ts executes it against the running app
// (every operation x role, plus attempts on other territories', distributors', outlets' and organisations'
// records) and fails when /api/openapi.json has an operation this table does not decide, so no endpoint
// ships without a decision. It deliberately does not import PERMISSIONS: a change there that this table
// does not also make is a failing test, not a silent widening.
//
// Decisions, per role (the demo users of test-app.ts; admin, marketing and service work org-wide because
// they have no territory):
//   allow      the whole organisation
//   scoped     only inside the caller's own territory subtree, distributor or outlet (or, for notifications,
//              the caller's own): anything outside is "not found" (404), lists leave it out
//   empty      the role is admitted, but its scope holds none of these records: lists are empty, ids are 404
//   forbidden  403, whatever the record
// Anonymous callers get 401 everywhere except the public operations.
import { ROLES, type Role } from "../../shared/roles.ts";

export type Who = Role | "anonymous";
export type Decision = "public" | "allow" | "scoped" | "empty" | "forbidden" | "unauthenticated";

export interface AccessRule {
  /** Anyone, signed in or not. */
  public?: true;
  allow?: readonly Role[];
  scoped?: readonly Role[];
  empty?: readonly Role[];
  /** Why, where the rule is not obvious from its name. */
  note?: string;
}

/** Public by contract, outside the table: the load balancer's probe and the API description itself. */
export const PUBLIC_BY_CONTRACT = ["GET /api/health", "GET /api/openapi.json"] as const;

const EVERYONE: readonly Role[] = ROLES;
const ORG_WIDE_READERS = ["admin", "marketing", "service"] as const;

const PUBLIC: AccessRule = { public: true };
const SIGNED_IN: AccessRule = { allow: EVERYONE, note: "any signed-in user, on their own account" };
const OWN_RECORDS: AccessRule = { scoped: EVERYONE, note: "each user's own notifications only" };
const ADMIN_ONLY: AccessRule = { allow: ["admin"] };
/** Managers administer field users (rep, distributor, retailer, driver) inside their own subtree. */
const USER_ADMIN: AccessRule = { allow: ["admin"], scoped: ["manager"] };
/** The territory tree: distributor users browse no part of it yet. */
const TREE_READ: AccessRule = { allow: ORG_WIDE_READERS, scoped: ["manager", "rep"], empty: ["distributor"] };
const NETWORK_READ: AccessRule = { allow: ORG_WIDE_READERS, scoped: ["manager", "rep", "distributor"] };
const ROUTE_READ: AccessRule = { allow: ORG_WIDE_READERS, scoped: ["manager", "rep"], empty: ["distributor"] };
const NETWORK_WRITE: AccessRule = { allow: ["admin"], scoped: ["manager"] };
/**
 * The catalogue is one for the whole org: everyone who orders reads it, head office writes it. A driver does not
 * browse it: their stops carry the names of what they deliver.
 */
const CATALOG_READ: AccessRule = { allow: EVERYONE.filter((r) => r !== "driver") };
/**
 * Price lists carry distributor prices and margins: never shown to retailers, and a distributor sees the
 * org-wide lists and its own, not another distributor's negotiated prices.
 */
const PRICE_READ: AccessRule = {
  allow: ["admin", "manager", "rep", "marketing", "service"],
  scoped: ["distributor"],
};
const ORDER_BOOK: AccessRule = {
  allow: ORG_WIDE_READERS,
  scoped: ["manager", "rep", "distributor", "retailer"],
  note: "prices for an outlet the caller may order for",
};
const STOCK_READ: AccessRule = { allow: ["admin"], scoped: ["manager", "rep", "distributor"] };
const STOCK_WRITE: AccessRule = { allow: ["admin"], scoped: ["distributor"] };
const PRIMARY_READ: AccessRule = { allow: ["admin"], scoped: ["manager", "distributor"] };
/** A distributor orders from the company and receives; the company approves, rejects and dispatches. */
const PRIMARY_WRITE: AccessRule = { allow: ["admin"], scoped: ["distributor"] };
const PRIMARY_APPROVE: AccessRule = { allow: ["admin"], scoped: ["manager"] };
const ORDERS_READ: AccessRule = { allow: ["admin", "service"], scoped: ["manager", "rep", "distributor", "retailer"] };
const ORDERS_TAKE: AccessRule = { allow: ["admin"], scoped: ["manager", "rep", "distributor", "retailer"] };
/** Invoice, dispatch, deliver, take back: the distributor's work (and its managers'), never the order taker's. */
const ORDERS_FULFIL: AccessRule = { allow: ["admin"], scoped: ["manager", "distributor"] };
const PAYMENTS_READ: AccessRule = { allow: ["admin"], scoped: ["manager", "rep", "distributor", "retailer"] };
const PAYMENTS_WRITE: AccessRule = { allow: ["admin"], scoped: ["manager", "rep", "distributor"] };
/** The field app: reps on their own beats, supervisors in their subtree. */
const FIELD_USE: AccessRule = { scoped: ["manager", "rep"], note: "the caller's own beats, visits and outlets" };
/** The day as it happens, and outlets proposed from the field: managers in their subtree. */
const FIELD_MONITOR: AccessRule = { allow: ["admin"], scoped: ["manager"] };
/** The org's field rules are one for the org: managers read them, the admin sets them. */
const FIELD_SETTINGS_READ: AccessRule = { allow: ["admin", "manager"] };
/**
 * Analytics is for those who steer sales: head office reads the whole market, a manager their subtree, a distributor
 * its own sales (wherever booked). Reps, retailers and service staff have their own screens instead.
 */
const ANALYTICS_READERS = ["admin", "manager", "distributor", "marketing"] as const;
const ANALYTICS_READ: AccessRule = { allow: ["admin", "marketing"], scoped: ["manager", "distributor"] };
/** How fresh the rollups are is a fact about the org, not a record of anyone's. */
const ANALYTICS_STATE: AccessRule = { allow: ANALYTICS_READERS, note: "the org's rollup state, no records" };
/** A scheduled report is its owner's: built with their access when sent, stopped with their account. */
const REPORT_SCHEDULE_CREATE: AccessRule = { allow: ANALYTICS_READERS, note: "a schedule of the caller's own" };
const REPORT_SCHEDULES: AccessRule = {
  allow: ["admin"],
  scoped: ["manager", "distributor", "marketing"],
  note: "each person's own schedules; the admin's, the org's",
};
/**
 * Replenishment: plans, forecasts, proposals and alerts are per distributor, read by head office (all), a manager (the
 * distributors of their subtree) and a distributor (itself); the distributor approves or dismisses its own proposals
 * (the admin any). The policy and the demand calendar are the org's, one for all who read plans; the admin sets them
 * and runs the forecast, the proposals and the alerts on demand.
 */
const REPLENISHMENT_READ: AccessRule = { allow: ["admin"], scoped: ["manager", "distributor"] };
const REPLENISHMENT_APPROVE: AccessRule = { allow: ["admin"], scoped: ["distributor"] };
const REPLENISHMENT_ORG_READ: AccessRule = {
  allow: ["admin", "manager", "distributor"],
  note: "the org's policy and demand calendar, no distributor's records",
};
/**
 * Delivery trips (S8): the distributor runs its vehicles, trips and their papers (head office may too); managers
 * watch their subtree's trips and metrics; a driver works only the trips given to them, in the driver's app.
 */
const DELIVERY_READ: AccessRule = { allow: ["admin"], scoped: ["manager", "distributor"] };
const DELIVERY_MANAGE: AccessRule = { allow: ["admin"], scoped: ["distributor"] };
const DELIVERY_DRIVE: AccessRule = { scoped: ["driver"], note: "the driver's own trips only" };
/**
 * Incentive and commission plans: the plans are the org's, read by everyone they may pay (and their managers); a
 * statement is its person's: a rep's or a distributor's own, a manager's team (by the person's territory), all for
 * the admin. Plans, computing, approving, paying and the payout file are head office's.
 */
const INCENTIVE_PLANS_READ: AccessRule = {
  allow: ["admin", "manager", "rep", "distributor"],
  note: "the org's plans, no person's figures",
};
const INCENTIVE_STATEMENTS_READ: AccessRule = { allow: ["admin"], scoped: ["manager", "rep", "distributor"] };
/**
 * Scheme claims (issue 8): a distributor claims back the claimable schemes it funded, for itself only (head office may
 * build and answer one for it); managers read their subtree's distributors' claims; marketing and head office review;
 * paying out is head office's.
 */
const CLAIMS_READ: AccessRule = { allow: ["admin", "marketing"], scoped: ["manager", "distributor"] };
const CLAIMS_SUBMIT: AccessRule = { allow: ["admin"], scoped: ["distributor"] };
const CLAIMS_REVIEW: AccessRule = { allow: ["admin", "marketing"] };
/**
 * Targets (S9): head office and marketing read every target; a manager reads and sets those of their subtree; a rep
 * reads only their own, a distributor its own and its outlets'. Setting, importing, splitting and deleting are head
 * office's and the managers'.
 */
const TARGETS_READ: AccessRule = { allow: ["admin", "marketing"], scoped: ["manager", "rep", "distributor"] };
const TARGETS_MANAGE: AccessRule = { allow: ["admin"], scoped: ["manager"] };
/**
 * Loyalty and feedback (C7): marketing runs programs, rewards and surveys; the service desk reads members and redeems
 * for them; a manager reads the members of its subtree (the CRM rule: account territory or owner); a retailer reads
 * and redeems its own outlet's membership only. Survey results are the org's: every reader sees them whole. A survey
 * invitation's public page answers to its token alone.
 */
const LOYALTY_READ: AccessRule = { allow: ["admin", "marketing", "service"], scoped: ["manager", "retailer"] };
const LOYALTY_REDEEM: AccessRule = { allow: ["admin", "marketing", "service"], scoped: ["retailer"] };
const LOYALTY_MANAGE: AccessRule = { allow: ["admin", "marketing"] };
const SURVEYS_READ: AccessRule = { allow: ["admin", "manager", "marketing", "service"] };
const SURVEYS_MANAGE: AccessRule = { allow: ["admin", "marketing"] };
/**
 * Trade promotions (S10): head office and marketing run schemes and campaigns; a manager reads the schemes that meet
 * its subtree, a rep the active ones for its area, a distributor those that target it (and outlets and orders of
 * their own scope only).
 */
const PROMO_READ: AccessRule = { allow: ["admin", "marketing"], scoped: ["manager", "rep", "distributor"] };
const PROMO_MANAGE: AccessRule = { allow: ["admin", "marketing"] };
/** The schemes on offer to one outlet: whoever takes its orders, and the retailer for its own shop. */
const PROMO_OFFERS: AccessRule = {
  allow: ["admin", "marketing"],
  scoped: ["manager", "rep", "distributor", "retailer"],
};

/**
 * Leads (C1), by the CRM scope rule: org-wide roles see every lead; a manager or rep those in their territory
 * subtree or owned by them. Distributors, retailers and drivers have no CRM.
 */
const LEADS: AccessRule = { allow: ORG_WIDE_READERS, scoped: ["manager", "rep"] };
/** Lead forms and lead magnets: head office and marketing. */
const LEAD_FORMS: AccessRule = { allow: ["admin", "marketing"] };
/**
 * CRM records (C2): accounts and contacts follow the CRM scope rule (territory subtree or owner); custom field
 * definitions and saved segments are the org's (a private segment its owner's), so every CRM user reaches them; the
 * fields are set by the admin. Opening an outlet's or distributor's account follows the network scope.
 */
const CRM_RECORDS: AccessRule = { allow: ORG_WIDE_READERS, scoped: ["manager", "rep"] };
const CRM_ORG: AccessRule = {
  allow: ["admin", "manager", "rep", "marketing", "service"],
  note: "the org's custom fields and segments (shared, or the caller's own); members within the caller's CRM scope",
};

/**
 * Sales path and activities (C3, C4): deals and activities follow the CRM scope rule (territory subtree or owner), and
 * so does the forecast built from the deals; pipelines, their playbooks and the lost reasons are the org's, read by
 * every CRM user and set by the admin; "my day" is each user's own.
 */
const CRM_CONFIG_READ: AccessRule = {
  allow: ["admin", "manager", "rep", "marketing", "service"],
  note: "the org's pipelines, stages and lost reasons, no deal",
};
const MY_DAY: AccessRule = {
  allow: ["admin", "manager", "rep", "marketing", "service"],
  note: "the caller's own tasks, meetings, calls and deals",
};

/**
 * Service desk (C5): tickets follow the CRM scope (crm/crm-scope.repository.ts): head office and service agents see
 * every ticket; a manager those of their subtree and those given to them, a rep the same but read-only. SLA settings
 * are the admin's; the knowledge base is written by service and marketing; the help page is public.
 */
const SERVICE_READ: AccessRule = { allow: ["admin", "service"], scoped: ["manager", "rep"] };
const SERVICE_WRITE: AccessRule = { allow: ["admin", "service"], scoped: ["manager"] };
const SERVICE_ORG_READ: AccessRule = {
  allow: ["admin", "manager", "rep", "service"],
  note: "the org's agents and SLA settings, no ticket",
};
const KB_WRITE: AccessRule = { allow: ["admin", "service", "marketing"] };

export const ACCESS_MATRIX: Record<string, AccessRule> = {
  // --- auth: own account
  "POST /api/v1/auth/sign-in": PUBLIC,
  "POST /api/v1/auth/invites/accept": PUBLIC,
  "GET /api/v1/auth/session": SIGNED_IN,
  "POST /api/v1/auth/sign-out": SIGNED_IN,
  "PATCH /api/v1/auth/me": SIGNED_IN,
  "POST /api/v1/auth/password": SIGNED_IN,
  // Two-step sign-in: the second step is public (it carries the first step's challenge); each user sets up
  // their own; the org's policy and resetting someone else's second factor are the admin's.
  "POST /api/v1/auth/sign-in/totp": PUBLIC,
  "GET /api/v1/auth/totp": SIGNED_IN,
  "POST /api/v1/auth/totp/setup": SIGNED_IN,
  "POST /api/v1/auth/totp/enable": SIGNED_IN,
  "POST /api/v1/auth/totp/disable": SIGNED_IN,
  "POST /api/v1/auth/totp/recovery-codes": SIGNED_IN,
  "GET /api/v1/orgs/current/mfa-policy": ADMIN_ONLY,
  "PUT /api/v1/orgs/current/mfa-policy": ADMIN_ONLY,
  "POST /api/v1/users/{id}/totp/reset": ADMIN_ONLY,

  // --- users and API tokens
  "GET /api/v1/users": USER_ADMIN,
  "POST /api/v1/users": USER_ADMIN,
  "GET /api/v1/users/{id}": USER_ADMIN,
  "PATCH /api/v1/users/{id}": USER_ADMIN,
  "POST /api/v1/users/{id}/deactivate": USER_ADMIN,
  "POST /api/v1/users/{id}/reactivate": USER_ADMIN,
  "POST /api/v1/users/{id}/invite": USER_ADMIN,
  "GET /api/v1/api-tokens": ADMIN_ONLY,
  "POST /api/v1/api-tokens": ADMIN_ONLY,
  "POST /api/v1/api-tokens/{id}/revoke": ADMIN_ONLY,

  // --- platform: territory tree, audit, notifications
  "GET /api/v1/territories": TREE_READ,
  "GET /api/v1/territories/{id}": TREE_READ,
  "POST /api/v1/territories": NETWORK_WRITE,
  "PATCH /api/v1/territories/{id}": NETWORK_WRITE,
  "POST /api/v1/territories/{id}/move": NETWORK_WRITE,
  "POST /api/v1/territories/{id}/archive": NETWORK_WRITE,
  "POST /api/v1/territories/import": NETWORK_WRITE,
  "GET /api/v1/audit": ADMIN_ONLY,
  "GET /api/v1/notifications": OWN_RECORDS,
  "GET /api/v1/notifications/unread-count": OWN_RECORDS,
  "POST /api/v1/notifications/{id}/read": OWN_RECORDS,
  "POST /api/v1/notifications/read-all": OWN_RECORDS,
  "POST /api/v1/notifications": ADMIN_ONLY,

  // --- distribution network
  "GET /api/v1/distributors": NETWORK_READ,
  "GET /api/v1/distributors.csv": NETWORK_READ,
  "GET /api/v1/distributors/{id}": NETWORK_READ,
  "POST /api/v1/distributors": NETWORK_WRITE,
  "PATCH /api/v1/distributors/{id}": NETWORK_WRITE,
  "POST /api/v1/distributors/{id}/archive": NETWORK_WRITE,
  "GET /api/v1/outlets": NETWORK_READ,
  "GET /api/v1/outlets.csv": NETWORK_READ,
  "GET /api/v1/outlets/map": NETWORK_READ,
  "GET /api/v1/outlets/{id}": NETWORK_READ,
  "GET /api/v1/outlets/{id}/timeline": NETWORK_READ,
  "POST /api/v1/outlets": NETWORK_WRITE,
  "POST /api/v1/outlets/import": NETWORK_WRITE,
  "PATCH /api/v1/outlets/{id}": NETWORK_WRITE,
  "POST /api/v1/outlets/{id}/archive": NETWORK_WRITE,
  "POST /api/v1/outlets/{id}/assign": NETWORK_WRITE,
  "GET /api/v1/routes/{id}/reps": ROUTE_READ,
  "POST /api/v1/routes/{id}/assign-rep": NETWORK_WRITE,

  // --- catalogue and prices
  "GET /api/v1/brands": CATALOG_READ,
  "GET /api/v1/brands/{id}": CATALOG_READ,
  "POST /api/v1/brands": ADMIN_ONLY,
  "PATCH /api/v1/brands/{id}": ADMIN_ONLY,
  "POST /api/v1/brands/{id}/archive": ADMIN_ONLY,
  "POST /api/v1/brands/{id}/restore": ADMIN_ONLY,
  "GET /api/v1/categories": CATALOG_READ,
  "GET /api/v1/categories/{id}": CATALOG_READ,
  "POST /api/v1/categories": ADMIN_ONLY,
  "PATCH /api/v1/categories/{id}": ADMIN_ONLY,
  "POST /api/v1/categories/{id}/archive": ADMIN_ONLY,
  "POST /api/v1/categories/{id}/restore": ADMIN_ONLY,
  "GET /api/v1/skus": CATALOG_READ,
  "GET /api/v1/skus.csv": CATALOG_READ,
  "GET /api/v1/skus/{id}": CATALOG_READ,
  "POST /api/v1/skus": ADMIN_ONLY,
  "PATCH /api/v1/skus/{id}": ADMIN_ONLY,
  "POST /api/v1/skus/{id}/archive": ADMIN_ONLY,
  "POST /api/v1/skus/{id}/restore": ADMIN_ONLY,
  "GET /api/v1/catalog/order-book": ORDER_BOOK,
  "GET /api/v1/price-lists": PRICE_READ,
  "GET /api/v1/price-lists/{id}": PRICE_READ,
  "GET /api/v1/price-lists/{id}/items": PRICE_READ,
  "GET /api/v1/price-lists/{id}/items.csv": PRICE_READ,
  "POST /api/v1/price-lists": ADMIN_ONLY,
  "PATCH /api/v1/price-lists/{id}": ADMIN_ONLY,
  "POST /api/v1/price-lists/{id}/archive": ADMIN_ONLY,
  "POST /api/v1/price-lists/{id}/restore": ADMIN_ONLY,
  "PUT /api/v1/price-lists/{id}/items": ADMIN_ONLY,
  "POST /api/v1/price-lists/{id}/items/import": ADMIN_ONLY,

  // --- distributor stock and primary orders
  "GET /api/v1/stock": STOCK_READ,
  "GET /api/v1/stock.csv": STOCK_READ,
  "GET /api/v1/stock/movements": STOCK_READ,
  "GET /api/v1/stock/batches": STOCK_READ,
  "POST /api/v1/stock/adjustments": STOCK_WRITE,
  "POST /api/v1/stock/counts": STOCK_WRITE,
  "GET /api/v1/primary-orders": PRIMARY_READ,
  "GET /api/v1/primary-orders/{id}": PRIMARY_READ,
  "POST /api/v1/primary-orders": PRIMARY_WRITE,
  "POST /api/v1/primary-orders/{id}/submit": PRIMARY_WRITE,
  "POST /api/v1/primary-orders/{id}/cancel": PRIMARY_WRITE,
  "POST /api/v1/primary-orders/{id}/receive": PRIMARY_WRITE,
  "POST /api/v1/primary-orders/{id}/approve": PRIMARY_APPROVE,
  "POST /api/v1/primary-orders/{id}/reject": PRIMARY_APPROVE,
  "POST /api/v1/primary-orders/{id}/dispatch": PRIMARY_APPROVE,

  // --- secondary orders and collections
  "GET /api/v1/secondary-orders": ORDERS_READ,
  "GET /api/v1/secondary-orders.csv": ORDERS_READ,
  "GET /api/v1/secondary-orders/{id}": ORDERS_READ,
  "GET /api/v1/secondary-orders/{id}/document": ORDERS_READ,
  "POST /api/v1/secondary-orders": ORDERS_TAKE,
  "PATCH /api/v1/secondary-orders/{id}": ORDERS_TAKE,
  "POST /api/v1/secondary-orders/{id}/confirm": ORDERS_TAKE,
  "POST /api/v1/secondary-orders/{id}/cancel": { ...ORDERS_TAKE, note: "reps and retailers only before invoicing" },
  "POST /api/v1/secondary-orders/{id}/invoice": ORDERS_FULFIL,
  "POST /api/v1/secondary-orders/{id}/dispatch": ORDERS_FULFIL,
  "POST /api/v1/secondary-orders/{id}/deliver": ORDERS_FULFIL,
  "POST /api/v1/secondary-orders/{id}/returns": ORDERS_FULFIL,
  "POST /api/v1/secondary-orders/bulk": { ...ORDERS_FULFIL, note: "ids outside the scope fail one by one" },
  "GET /api/v1/payments": PAYMENTS_READ,
  "POST /api/v1/payments": PAYMENTS_WRITE,
  "GET /api/v1/outlets/{id}/dues": PAYMENTS_READ,
  "GET /api/v1/dues": PAYMENTS_READ,
  "GET /api/v1/dues.csv": PAYMENTS_READ,

  // --- field force
  "POST /api/v1/field/sync": FIELD_USE,
  "GET /api/v1/field/snapshot": FIELD_USE,
  "GET /api/v1/field/performance": FIELD_USE,
  "GET /api/v1/field/live": FIELD_MONITOR,
  "GET /api/v1/field/onboarding": FIELD_MONITOR,
  "POST /api/v1/field/onboarding/{outletId}/decision": FIELD_MONITOR,
  "GET /api/v1/field/outlet-photos/{id}": NETWORK_READ,
  "GET /api/v1/field/settings": FIELD_SETTINGS_READ,
  "PUT /api/v1/field/settings": ADMIN_ONLY,

  // --- webhooks: outbound integrations carry the org's data
  "GET /api/v1/webhooks": ADMIN_ONLY,
  "POST /api/v1/webhooks": ADMIN_ONLY,
  "GET /api/v1/webhooks/{id}": ADMIN_ONLY,
  "PATCH /api/v1/webhooks/{id}": ADMIN_ONLY,
  "DELETE /api/v1/webhooks/{id}": ADMIN_ONLY,
  "POST /api/v1/webhooks/{id}/rotate-secret": ADMIN_ONLY,
  "POST /api/v1/webhooks/{id}/test": ADMIN_ONLY,
  "GET /api/v1/webhooks/deliveries": ADMIN_ONLY,
  "GET /api/v1/webhooks/deliveries/{id}": ADMIN_ONLY,
  "POST /api/v1/webhooks/deliveries/{id}/replay": ADMIN_ONLY,

  // --- analytics: dashboards, their exports, the rollups' upkeep, scheduled reports
  "GET /api/v1/analytics/sales": ANALYTICS_READ,
  "GET /api/v1/analytics/sales/movers": ANALYTICS_READ,
  "GET /api/v1/analytics/sales/export": ANALYTICS_READ,
  "GET /api/v1/analytics/outlets/{id}": ANALYTICS_READ,
  "GET /api/v1/analytics/field": ANALYTICS_READ,
  "GET /api/v1/analytics/field/export": ANALYTICS_READ,
  "GET /api/v1/analytics/availability": ANALYTICS_READ,
  "GET /api/v1/analytics/availability/export": ANALYTICS_READ,
  "GET /api/v1/analytics/distributors": ANALYTICS_READ,
  "GET /api/v1/analytics/distributors/export": ANALYTICS_READ,
  "GET /api/v1/analytics/warnings": ANALYTICS_READ,
  "GET /api/v1/analytics/warnings/export": ANALYTICS_READ,
  "POST /api/v1/analytics/warnings/refresh": ADMIN_ONLY,
  "GET /api/v1/analytics/freshness": ANALYTICS_STATE,
  "POST /api/v1/analytics/rebuild": ADMIN_ONLY,
  "GET /api/v1/analytics/report-schedules": REPORT_SCHEDULES,
  "POST /api/v1/analytics/report-schedules": REPORT_SCHEDULE_CREATE,
  "GET /api/v1/analytics/report-schedules/{id}": REPORT_SCHEDULES,
  "DELETE /api/v1/analytics/report-schedules/{id}": REPORT_SCHEDULES,
  "POST /api/v1/analytics/report-schedules/{id}/send": REPORT_SCHEDULES,

  // --- replenishment: stock plans, forecasts, proposed primary orders, stock alerts
  "GET /api/v1/replenishment/settings": REPLENISHMENT_ORG_READ,
  "PUT /api/v1/replenishment/settings": ADMIN_ONLY,
  "GET /api/v1/replenishment/distributors/{id}/policy": REPLENISHMENT_READ,
  "PUT /api/v1/replenishment/distributors/{id}/policy": ADMIN_ONLY,
  "GET /api/v1/replenishment/events": REPLENISHMENT_ORG_READ,
  "POST /api/v1/replenishment/events": ADMIN_ONLY,
  "DELETE /api/v1/replenishment/events/{id}": ADMIN_ONLY,
  "GET /api/v1/replenishment/plan": REPLENISHMENT_READ,
  "GET /api/v1/replenishment/plan/export": REPLENISHMENT_READ,
  "GET /api/v1/replenishment/forecast": REPLENISHMENT_READ,
  "GET /api/v1/replenishment/backtest": REPLENISHMENT_READ,
  "POST /api/v1/replenishment/forecast/run": ADMIN_ONLY,
  "GET /api/v1/replenishment/proposals": REPLENISHMENT_READ,
  "POST /api/v1/replenishment/proposals/generate": ADMIN_ONLY,
  "GET /api/v1/replenishment/proposals/{id}": REPLENISHMENT_READ,
  "POST /api/v1/replenishment/proposals/{id}/approve": REPLENISHMENT_APPROVE,
  "POST /api/v1/replenishment/proposals/{id}/dismiss": REPLENISHMENT_APPROVE,
  "GET /api/v1/replenishment/alerts": REPLENISHMENT_READ,
  "POST /api/v1/replenishment/alerts/refresh": ADMIN_ONLY,

  // --- delivery: vehicles, trips and their stops, papers, outcomes, the driver's app, metrics
  "GET /api/v1/delivery/vehicles": DELIVERY_READ,
  "POST /api/v1/delivery/vehicles": DELIVERY_MANAGE,
  "PATCH /api/v1/delivery/vehicles/{id}": DELIVERY_MANAGE,
  "GET /api/v1/delivery/drivers": DELIVERY_READ,
  "GET /api/v1/delivery/trips": DELIVERY_READ,
  "POST /api/v1/delivery/trips": DELIVERY_MANAGE,
  "GET /api/v1/delivery/trips/{id}": DELIVERY_READ,
  "PATCH /api/v1/delivery/trips/{id}": DELIVERY_MANAGE,
  "GET /api/v1/delivery/trips/{id}/assignable-orders": DELIVERY_READ,
  "POST /api/v1/delivery/trips/{id}/drops": DELIVERY_MANAGE,
  "DELETE /api/v1/delivery/trips/{id}/drops/{dropId}": DELIVERY_MANAGE,
  "POST /api/v1/delivery/trips/{id}/drops/reorder": DELIVERY_MANAGE,
  "GET /api/v1/delivery/trips/{id}/pick-list": DELIVERY_READ,
  "GET /api/v1/delivery/trips/{id}/load-sheet": DELIVERY_READ,
  "GET /api/v1/delivery/trips/{id}/challans": DELIVERY_READ,
  "POST /api/v1/delivery/trips/{id}/dispatch": DELIVERY_MANAGE,
  "POST /api/v1/delivery/trips/{id}/complete": DELIVERY_MANAGE,
  "POST /api/v1/delivery/trips/{id}/cancel": DELIVERY_MANAGE,
  "POST /api/v1/delivery/drops/{id}/deliver": DELIVERY_MANAGE,
  "POST /api/v1/delivery/drops/{id}/fail": DELIVERY_MANAGE,
  "GET /api/v1/delivery/drops/{id}/pod": DELIVERY_READ,
  "GET /api/v1/delivery/metrics": DELIVERY_READ,
  "GET /api/v1/delivery/driver/trips": DELIVERY_DRIVE,
  "GET /api/v1/delivery/driver/trips/{id}": DELIVERY_DRIVE,
  "POST /api/v1/delivery/driver/drops/{id}/deliver": DELIVERY_DRIVE,
  "POST /api/v1/delivery/driver/drops/{id}/fail": DELIVERY_DRIVE,
  "POST /api/v1/delivery/driver/trips/{id}/location": DELIVERY_DRIVE,

  // --- incentives: plans, statements, approval, payout
  "GET /api/v1/incentives/plans": INCENTIVE_PLANS_READ,
  "POST /api/v1/incentives/plans": ADMIN_ONLY,
  "GET /api/v1/incentives/plans/{id}": INCENTIVE_PLANS_READ,
  "PUT /api/v1/incentives/plans/{id}": ADMIN_ONLY,
  "POST /api/v1/incentives/statements/compute": ADMIN_ONLY,
  "GET /api/v1/incentives/statements": INCENTIVE_STATEMENTS_READ,
  "GET /api/v1/incentives/statements/export": ADMIN_ONLY,
  "GET /api/v1/incentives/statements/{id}": INCENTIVE_STATEMENTS_READ,
  "POST /api/v1/incentives/statements/{id}/approve": ADMIN_ONLY,
  "POST /api/v1/incentives/statements/{id}/pay": ADMIN_ONLY,

  // --- scheme claims: claimable now, claims built for a period, their review and settlement
  "GET /api/v1/claims/claimable": CLAIMS_READ,
  "GET /api/v1/claims": CLAIMS_READ,
  "POST /api/v1/claims": CLAIMS_SUBMIT,
  "GET /api/v1/claims/{id}": CLAIMS_READ,
  "GET /api/v1/claims/{id}/export": CLAIMS_READ,
  "POST /api/v1/claims/{id}/submit": CLAIMS_SUBMIT,
  "POST /api/v1/claims/{id}/withdraw": CLAIMS_SUBMIT,
  "POST /api/v1/claims/{id}/approve": CLAIMS_REVIEW,
  "POST /api/v1/claims/{id}/dispute": CLAIMS_REVIEW,
  "POST /api/v1/claims/{id}/settle": ADMIN_ONLY,

  // --- targets: set by hand, by CSV, split top-down; achievement and run-rate
  "GET /api/v1/targets": TARGETS_READ,
  "PUT /api/v1/targets": TARGETS_MANAGE,
  "DELETE /api/v1/targets/{id}": TARGETS_MANAGE,
  "POST /api/v1/targets/import": TARGETS_MANAGE,
  "POST /api/v1/targets/split": TARGETS_MANAGE,

  // --- promotions: schemes, the schemes in force, explanations, campaigns
  "GET /api/v1/promotions/schemes": PROMO_READ,
  "POST /api/v1/promotions/schemes": PROMO_MANAGE,
  "GET /api/v1/promotions/schemes/in-force": PROMO_OFFERS,
  "GET /api/v1/promotions/schemes/{id}": PROMO_READ,
  "PATCH /api/v1/promotions/schemes/{id}": PROMO_MANAGE,
  "POST /api/v1/promotions/schemes/{id}/activate": PROMO_MANAGE,
  "POST /api/v1/promotions/schemes/{id}/pause": PROMO_MANAGE,
  "POST /api/v1/promotions/schemes/{id}/end": PROMO_MANAGE,
  "POST /api/v1/promotions/explain": PROMO_READ,
  "GET /api/v1/orders/{id}/schemes": PROMO_READ,
  "GET /api/v1/promotions/campaigns": PROMO_MANAGE,
  "POST /api/v1/promotions/campaigns": PROMO_MANAGE,
  "GET /api/v1/promotions/campaigns/{id}": PROMO_MANAGE,
  "PATCH /api/v1/promotions/campaigns/{id}": PROMO_MANAGE,
  "GET /api/v1/promotions/campaigns/{id}/results": PROMO_MANAGE,

  // --- service desk: tickets, inbound email, SLA settings, knowledge base, the public help page
  "GET /api/v1/service/tickets": SERVICE_READ,
  "POST /api/v1/service/tickets": SERVICE_WRITE,
  "GET /api/v1/service/tickets/{id}": SERVICE_READ,
  "PATCH /api/v1/service/tickets/{id}": SERVICE_WRITE,
  "POST /api/v1/service/tickets/{id}/messages": SERVICE_WRITE,
  "POST /api/v1/service/tickets/{id}/status": SERVICE_WRITE,
  "POST /api/v1/service/tickets/{id}/article": {
    allow: ["admin", "service"],
    note: "writers of the knowledge base who also read tickets (marketing writes articles, never reads tickets)",
  },
  "POST /api/v1/service/inbound-email": {
    allow: ["admin", "manager", "service"],
    note: "a mail bridge's token files the org's mailbox; names no record",
  },
  "GET /api/v1/service/agents": SERVICE_ORG_READ,
  "GET /api/v1/service/settings": SERVICE_ORG_READ,
  "PUT /api/v1/service/settings": ADMIN_ONLY,
  "GET /api/v1/kb/articles": KB_WRITE,
  "POST /api/v1/kb/articles": KB_WRITE,
  "GET /api/v1/kb/articles/{id}": KB_WRITE,
  "PATCH /api/v1/kb/articles/{id}": KB_WRITE,
  "POST /api/v1/kb/articles/{id}/publish": KB_WRITE,
  "POST /api/v1/kb/articles/{id}/unpublish": KB_WRITE,
  "GET /api/v1/public/orgs/{orgSlug}/faq": PUBLIC,
  "GET /api/v1/public/orgs/{orgSlug}/faq/{id}": PUBLIC,
  "POST /api/v1/public/orgs/{orgSlug}/faq/{id}/vote": PUBLIC,
  "POST /api/v1/public/orgs/{orgSlug}/tickets": PUBLIC,

  // --- leads (C1): the inbox, merge and conversion; forms and assignment rules; the public form a web site posts to
  "GET /api/v1/crm/leads": LEADS,
  "POST /api/v1/crm/leads": LEADS,
  "POST /api/v1/crm/leads/import": LEADS,
  "GET /api/v1/crm/leads/{id}": LEADS,
  "PATCH /api/v1/crm/leads/{id}": LEADS,
  "GET /api/v1/crm/leads/{id}/duplicates": LEADS,
  "POST /api/v1/crm/leads/{id}/merge": LEADS,
  "POST /api/v1/crm/leads/{id}/convert": LEADS,
  "GET /api/v1/crm/lead-forms": LEAD_FORMS,
  "POST /api/v1/crm/lead-forms": LEAD_FORMS,
  "GET /api/v1/crm/lead-forms/{id}": LEAD_FORMS,
  "PATCH /api/v1/crm/lead-forms/{id}": LEAD_FORMS,
  "GET /api/v1/crm/assignment-rules": ADMIN_ONLY,
  "PUT /api/v1/crm/assignment-rules": ADMIN_ONLY,
  "GET /api/v1/public/forms/{key}": PUBLIC,
  "POST /api/v1/public/forms/{key}/submissions": PUBLIC,

  // --- CRM records (C2): accounts (companies, outlets and distributors), contacts, custom fields, segments, timeline
  "GET /api/v1/crm/accounts": CRM_RECORDS,
  "POST /api/v1/crm/accounts": CRM_RECORDS,
  "GET /api/v1/crm/accounts/network": CRM_RECORDS,
  "POST /api/v1/crm/accounts/for-outlet/{id}": CRM_RECORDS,
  "POST /api/v1/crm/accounts/for-distributor/{id}": CRM_RECORDS,
  "GET /api/v1/crm/accounts/{id}": CRM_RECORDS,
  "PATCH /api/v1/crm/accounts/{id}": CRM_RECORDS,
  "POST /api/v1/crm/accounts/{id}/archive": CRM_RECORDS,
  "POST /api/v1/crm/accounts/{id}/restore": CRM_RECORDS,
  "GET /api/v1/crm/contacts": CRM_RECORDS,
  "POST /api/v1/crm/contacts": CRM_RECORDS,
  "GET /api/v1/crm/contacts/{id}": CRM_RECORDS,
  "PATCH /api/v1/crm/contacts/{id}": CRM_RECORDS,
  "POST /api/v1/crm/contacts/{id}/archive": CRM_RECORDS,
  "POST /api/v1/crm/contacts/{id}/restore": CRM_RECORDS,
  "GET /api/v1/crm/custom-fields": CRM_ORG,
  "POST /api/v1/crm/custom-fields": ADMIN_ONLY,
  "PATCH /api/v1/crm/custom-fields/{id}": ADMIN_ONLY,
  "GET /api/v1/crm/segments": CRM_ORG,
  "POST /api/v1/crm/segments": CRM_ORG,
  "GET /api/v1/crm/segments/{id}": CRM_ORG,
  "PATCH /api/v1/crm/segments/{id}": CRM_ORG,
  "DELETE /api/v1/crm/segments/{id}": CRM_ORG,
  "GET /api/v1/crm/segments/{id}/members": CRM_ORG,
  "GET /api/v1/crm/timeline": CRM_RECORDS,

  // --- sales path and activities (C3, C4): pipelines, lost reasons, deals and their board, forecast, activities
  "GET /api/v1/crm/pipelines": CRM_CONFIG_READ,
  "POST /api/v1/crm/pipelines": ADMIN_ONLY,
  "PUT /api/v1/crm/pipelines/{id}": ADMIN_ONLY,
  "GET /api/v1/crm/lost-reasons": CRM_CONFIG_READ,
  "PUT /api/v1/crm/lost-reasons": ADMIN_ONLY,
  "GET /api/v1/crm/deals": CRM_RECORDS,
  "POST /api/v1/crm/deals": CRM_RECORDS,
  "GET /api/v1/crm/deals/board": CRM_RECORDS,
  "GET /api/v1/crm/deals/{id}": CRM_RECORDS,
  "PATCH /api/v1/crm/deals/{id}": CRM_RECORDS,
  "POST /api/v1/crm/deals/{id}/move": CRM_RECORDS,
  "GET /api/v1/crm/forecast": CRM_RECORDS,
  "GET /api/v1/crm/activities": CRM_RECORDS,
  "POST /api/v1/crm/activities": CRM_RECORDS,
  "PATCH /api/v1/crm/activities/{id}": CRM_RECORDS,
  "GET /api/v1/crm/my-day": MY_DAY,

  // --- loyalty: programs, members and their statements, rewards and redemptions, referrals; surveys
  "GET /api/v1/loyalty/programs": LOYALTY_READ,
  "POST /api/v1/loyalty/programs": LOYALTY_MANAGE,
  "PUT /api/v1/loyalty/programs/{id}": LOYALTY_MANAGE,
  "GET /api/v1/loyalty/members": LOYALTY_READ,
  "POST /api/v1/loyalty/members": LOYALTY_MANAGE,
  "GET /api/v1/loyalty/members/{id}": LOYALTY_READ,
  "GET /api/v1/loyalty/members/{id}/statement": LOYALTY_READ,
  "GET /api/v1/loyalty/members/{id}/statement.csv": LOYALTY_READ,
  "POST /api/v1/loyalty/members/{id}/adjustments": LOYALTY_MANAGE,
  "POST /api/v1/loyalty/members/{id}/redemptions": LOYALTY_REDEEM,
  "GET /api/v1/loyalty/redemptions": LOYALTY_READ,
  "POST /api/v1/loyalty/redemptions/{id}/fulfil": LOYALTY_MANAGE,
  "POST /api/v1/loyalty/redemptions/{id}/cancel": LOYALTY_REDEEM,
  "GET /api/v1/loyalty/rewards": LOYALTY_READ,
  "POST /api/v1/loyalty/rewards": LOYALTY_MANAGE,
  "PUT /api/v1/loyalty/rewards/{id}": LOYALTY_MANAGE,
  "POST /api/v1/loyalty/earn-runs": LOYALTY_MANAGE,
  "GET /api/v1/loyalty/referrals": LOYALTY_READ,
  "GET /api/v1/surveys": SURVEYS_READ,
  "POST /api/v1/surveys": SURVEYS_MANAGE,
  "PUT /api/v1/surveys/{id}": SURVEYS_MANAGE,
  "GET /api/v1/surveys/{id}/invitations": SURVEYS_READ,
  "POST /api/v1/surveys/{id}/invitations": SURVEYS_MANAGE,
  "GET /api/v1/surveys/{id}/results": SURVEYS_READ,
  "GET /api/v1/public/surveys/{token}": PUBLIC,
  "POST /api/v1/public/surveys/{token}": PUBLIC,
};

/** What the table says one caller may do with one operation. */
export function decisionFor(rule: AccessRule, who: Who): Decision {
  if (rule.public) return "public";
  if (who === "anonymous") return "unauthenticated";
  if (rule.allow?.includes(who)) return "allow";
  if (rule.scoped?.includes(who)) return "scoped";
  if (rule.empty?.includes(who)) return "empty";
  return "forbidden";
}
