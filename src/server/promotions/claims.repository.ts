// All SQL of distributor claims. What a claim is worth comes from delivered memo lines (the orders module's tables,
// read only, like the delivery and analytics modules read them) and the claimable flag of the promotions module's
// schemes; claims, their lines and events are this file's own.
import { sql } from "kysely";
import type { SchemeClaimStatus } from "../db/database.ts";
import type { Executor } from "../db/transaction.ts";
import { distributorScopeFilter } from "../network/distributors.repository.ts";
import type { Scope } from "../platform/access.ts";
import { formatNumber, nextDocumentNumber } from "../platform/numbering/numbering.repository.ts";

/** Memo statuses whose goods reached the outlet: delivered, in part, or delivered and since (partly) returned. */
const DELIVERED_STATUSES = ["delivered", "partially_delivered", "returned"] as const;

export async function distributorsInScope(db: Executor, orgId: string, scope: Scope, ids?: readonly string[]) {
  if (ids && ids.length === 0) return [];
  let q = db
    .selectFrom("distributors as d")
    .select(["d.id", "d.code", "d.name", "d.name_bn"])
    .where("d.org_id", "=", orgId)
    .where(distributorScopeFilter(db, orgId, scope));
  if (ids) q = q.where("d.id", "in", [...ids]);
  return q.orderBy("d.code").execute();
}

/**
 * One claim builder at a time per distributor (and a withdrawal waits for it): the second reads what the first
 * committed, so it never puts an item on a claim twice. The unique index on first claims backs this up.
 */
export async function lockDistributorClaims(db: Executor, orgId: string, distributorId: string) {
  await sql`select pg_advisory_xact_lock(hashtext(${`claims:${orgId}`}), hashtext(${distributorId}))`.execute(db);
}

export async function claimableSchemes(db: Executor, orgId: string) {
  return db
    .selectFrom("promo_schemes")
    .select(["id", "code", "name", "name_bn"])
    .where("org_id", "=", orgId)
    .where("claimable", "=", true)
    .execute();
}

export interface DeliveredLineRow {
  order_id: string;
  order_number: string;
  order_date: string;
  distributor_id: string;
  qty: number;
  delivered_qty: number;
  returned_qty: number;
  adjustments: unknown;
}

/**
 * Lines with scheme adjustments of the distributors' delivered memos that a claimable scheme gave something (an
 * active grant: one per confirmed memo and scheme, written by the promotions module on confirmation), dated in the
 * period (every date when none), and those of memos already on a claim not withdrawn (their differences go on the
 * next claim). The grants, read by scheme and date, narrow the memos to the few a claim can concern.
 */
export async function deliveredLinesWithSchemes(
  db: Executor,
  orgId: string,
  distributorIds: readonly string[],
  claimableSchemeIds: readonly string[],
  period: { from: string; to: string } | null,
): Promise<DeliveredLineRow[]> {
  // Without a claimable scheme no line is worth anything to a claim.
  if (distributorIds.length === 0 || claimableSchemeIds.length === 0) return [];
  const claimedOrders = db
    .selectFrom("scheme_claim_lines")
    .select("order_id")
    .where("org_id", "=", orgId)
    .where("active", "=", true);
  const grantedOrders = db
    .selectFrom("promo_grants")
    .select("order_id")
    .where("org_id", "=", orgId)
    .where("status", "=", "active")
    .where("scheme_id", "in", [...claimableSchemeIds])
    .where("distributor_id", "in", [...distributorIds])
    .$if(period !== null, (q) =>
      q.where("order_date", ">=", period?.from ?? "").where("order_date", "<=", period?.to ?? ""),
    );
  return db
    .selectFrom("secondary_orders as o")
    .innerJoin("secondary_order_lines as l", (j) =>
      j.onRef("l.org_id", "=", "o.org_id").onRef("l.order_id", "=", "o.id"),
    )
    .select([
      "o.id as order_id",
      "o.number as order_number",
      "o.order_date",
      "o.distributor_id",
      "l.qty",
      "l.delivered_qty",
      "l.returned_qty",
      "l.adjustments",
    ])
    .where("o.org_id", "=", orgId)
    .where("o.distributor_id", "in", [...distributorIds])
    .where("o.status", "in", [...DELIVERED_STATUSES])
    .where("l.adjustments", "is not", null)
    .where((eb) => eb.or([eb("o.id", "in", grantedOrders), eb("o.id", "in", claimedOrders)]))
    .orderBy("o.order_date")
    .orderBy("o.id")
    .orderBy("l.line_no")
    .execute();
}

/** What the claims not withdrawn carry per (order, scheme) item of the distributors. */
export async function claimedItems(db: Executor, orgId: string, distributorIds: readonly string[]) {
  if (distributorIds.length === 0) return [];
  return db
    .selectFrom("scheme_claim_lines as cl")
    .innerJoin("scheme_claims as c", (j) => j.onRef("c.org_id", "=", "cl.org_id").onRef("c.id", "=", "cl.claim_id"))
    .select((eb) => [
      "cl.order_id",
      "cl.scheme_id",
      "c.distributor_id",
      eb.fn.sum<string>("cl.amount_poisha").as("claimed"),
    ])
    .where("cl.org_id", "=", orgId)
    .where("cl.active", "=", true)
    .where("c.distributor_id", "in", [...distributorIds])
    .groupBy(["cl.order_id", "cl.scheme_id", "c.distributor_id"])
    .execute();
}

export async function nextClaimNumber(db: Executor, orgId: string) {
  return formatNumber("CLM", await nextDocumentNumber(db, orgId, "CLM"));
}

export async function insertClaim(
  db: Executor,
  claim: {
    org_id: string;
    id: string;
    number: string;
    distributor_id: string;
    period_from: string;
    period_to: string;
    claimed_poisha: number;
    line_count: number;
    note: string | null;
    created_by: string;
  },
  lines: {
    order_id: string;
    scheme_id: string;
    order_number: string;
    scheme_code: string;
    order_date: string;
    kind: "claim" | "adjustment";
    amount_poisha: number;
  }[],
) {
  await db.insertInto("scheme_claims").values(claim).execute();
  // In slices: a big period can carry thousands of lines, and a statement has at most 65 535 parameters.
  for (let i = 0; i < lines.length; i += 1000)
    await db
      .insertInto("scheme_claim_lines")
      .values(
        lines
          .slice(i, i + 1000)
          .map((l, n) => ({ ...l, org_id: claim.org_id, claim_id: claim.id, line_no: i + n + 1 })),
      )
      .execute();
}

export async function insertClaimEvent(
  db: Executor,
  e: {
    org_id: string;
    id: string;
    claim_id: string;
    from_status: SchemeClaimStatus | null;
    to_status: SchemeClaimStatus;
    actor_user_id: string | null;
    note: string | null;
    amount_poisha: number | null;
  },
) {
  await db.insertInto("scheme_claim_events").values(e).execute();
}

const claimColumns = [
  "c.id",
  "c.number",
  "c.distributor_id",
  "d.code as distributor_code",
  "d.name as distributor_name",
  "d.name_bn as distributor_name_bn",
  "c.period_from",
  "c.period_to",
  "c.status",
  "c.claimed_poisha",
  "c.approved_poisha",
  "c.rejected_poisha",
  "c.rejection_reason",
  "c.payment_reference",
  "c.paid_on",
  "c.line_count",
  "c.note",
  "c.created_at",
  "c.updated_at",
] as const;

function claimsInScope(db: Executor, orgId: string, scope: Scope) {
  return db
    .selectFrom("scheme_claims as c")
    .innerJoin("distributors as d", (j) => j.onRef("d.org_id", "=", "c.org_id").onRef("d.id", "=", "c.distributor_id"))
    .select(claimColumns)
    .where("c.org_id", "=", orgId)
    .where(distributorScopeFilter(db, orgId, scope));
}

export type ClaimRow = NonNullable<Awaited<ReturnType<typeof findClaim>>>;

/** A claim the scope sees; `forUpdate` locks it for a transition. */
export async function findClaim(db: Executor, orgId: string, scope: Scope, id: string, forUpdate = false) {
  let q = claimsInScope(db, orgId, scope).where("c.id", "=", id);
  if (forUpdate) q = q.forUpdate("c");
  return q.executeTakeFirst();
}

export async function listClaims(
  db: Executor,
  orgId: string,
  scope: Scope,
  filter: { status?: SchemeClaimStatus; distributorId?: string; limit: number },
) {
  let q = claimsInScope(db, orgId, scope);
  if (filter.status) q = q.where("c.status", "=", filter.status);
  if (filter.distributorId) q = q.where("c.distributor_id", "=", filter.distributorId);
  return q.orderBy("c.id", "desc").limit(filter.limit).execute();
}

export async function claimLinesOf(db: Executor, orgId: string, claimId: string) {
  return db
    .selectFrom("scheme_claim_lines")
    .select(["line_no", "order_id", "order_number", "order_date", "scheme_id", "scheme_code", "kind", "amount_poisha"])
    .where("org_id", "=", orgId)
    .where("claim_id", "=", claimId)
    .orderBy("line_no")
    .execute();
}

export async function claimEventsOf(db: Executor, orgId: string, claimId: string) {
  return db
    .selectFrom("scheme_claim_events as e")
    .leftJoin("users as u", (j) => j.onRef("u.org_id", "=", "e.org_id").onRef("u.id", "=", "e.actor_user_id"))
    .select(["e.id", "e.from_status", "e.to_status", "u.name as actor_name", "e.note", "e.amount_poisha", "e.at"])
    .where("e.org_id", "=", orgId)
    .where("e.claim_id", "=", claimId)
    .orderBy("e.id")
    .execute();
}

export async function updateClaim(
  db: Executor,
  orgId: string,
  id: string,
  set: {
    status: SchemeClaimStatus;
    approved_poisha?: number;
    rejected_poisha?: number;
    rejection_reason?: string | null;
    payment_reference?: string;
    paid_on?: string;
    submitted_at?: Date;
    reviewed_at?: Date;
    settled_at?: Date;
  },
) {
  await db
    .updateTable("scheme_claims")
    .set({ ...set, updated_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

/** A withdrawn claim's lines no longer count: their items are claimable again. */
export async function releaseClaimLines(db: Executor, orgId: string, claimId: string) {
  await db
    .updateTable("scheme_claim_lines")
    .set({ active: false })
    .where("org_id", "=", orgId)
    .where("claim_id", "=", claimId)
    .execute();
}
