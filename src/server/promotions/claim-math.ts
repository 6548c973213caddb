// The arithmetic of distributor claims (issue 8, claims). Pure: the repository reads delivered memo lines and what
// was claimed before; these functions decide what each (order, scheme) item is worth now and what the next claim
// carries for it.
//
// An item's worth: for each line of a delivered (or partially delivered, or since returned) memo, every adjustment a
// claimable scheme made on it counts in proportion to what the outlet kept:
//     poisha x (delivered_qty - returned_qty) / qty, rounded half up, per line
// (a free-goods line carries its scheme's cost as a free_goods adjustment and counts the same way). An item is the
// sum over the memo's lines for one scheme.
//
// What a claim carries: the difference between an item's worth now and what non-withdrawn claims already carry for
// it. A new item goes on a claim only when its memo falls in the claim's period; a difference on an item claimed
// before (a return after the claim) goes on the distributor's next claim whatever its period, as a negative
// adjustment line: nothing is paid twice and nothing is lost.

/** One adjustment a scheme made on a memo line, as the orders module stores it in `adjustments`. */
export interface StoredAdjustment {
  schemeId: string;
  kind: "discount" | "free_goods";
  poisha: number;
}

export interface DeliveredLine {
  orderId: string;
  qty: number;
  deliveredQty: number;
  returnedQty: number;
  adjustments: readonly StoredAdjustment[];
}

/**
 * round(poisha x kept / qty), half up (away from zero for a negative amount, so a reversal mirrors its charge),
 * in exact integer arithmetic: poisha x kept can pass 2^53 on a big line.
 */
export function proRataHalfUp(poisha: number, kept: number, qty: number): number {
  if (!Number.isSafeInteger(poisha) || !Number.isSafeInteger(kept) || !Number.isSafeInteger(qty) || qty <= 0)
    throw new RangeError(`proRataHalfUp needs integers and qty > 0 (got ${poisha}, ${kept}, ${qty})`);
  const sign = poisha < 0 !== kept < 0 ? -1n : 1n;
  const num = BigInt(Math.abs(poisha)) * BigInt(Math.abs(kept));
  const q = BigInt(qty);
  return Number(sign * ((2n * num + q) / (2n * q)));
}

/** What the outlet kept of a line: delivered less returned, never below zero nor above what was ordered. */
export function keptQty(line: Pick<DeliveredLine, "qty" | "deliveredQty" | "returnedQty">): number {
  return Math.min(line.qty, Math.max(0, line.deliveredQty - line.returnedQty));
}

export const itemKey = (orderId: string, schemeId: string) => `${orderId}|${schemeId}`;

/**
 * What each (order, scheme) item is worth now, for the claimable schemes only. Items whose lines were all returned
 * are present with 0 (so a claimed one can be reversed).
 */
export function itemWorth(
  lines: readonly DeliveredLine[],
  claimable: ReadonlySet<string>,
): Map<string, { orderId: string; schemeId: string; poisha: number }> {
  const out = new Map<string, { orderId: string; schemeId: string; poisha: number }>();
  for (const line of lines) {
    const kept = keptQty(line);
    for (const adj of line.adjustments) {
      if (!claimable.has(adj.schemeId)) continue;
      const key = itemKey(line.orderId, adj.schemeId);
      const item = out.get(key) ?? { orderId: line.orderId, schemeId: adj.schemeId, poisha: 0 };
      item.poisha += proRataHalfUp(adj.poisha, kept, line.qty);
      out.set(key, item);
    }
  }
  return out;
}

export interface ClaimCandidate {
  orderId: string;
  schemeId: string;
  /** The memo's business date: only new items of the claim's period go on it. */
  orderDate: string;
  /** Worth now. */
  worthPoisha: number;
  /** Already carried by claims not withdrawn (0 when never claimed). */
  claimedPoisha: number;
  /** Whether any claim not withdrawn carries the item (a claimed item can have claimed 0 after a full return). */
  claimedBefore: boolean;
}

export interface ClaimLineDraft {
  orderId: string;
  schemeId: string;
  kind: "claim" | "adjustment";
  amountPoisha: number;
}

/**
 * The lines of a distributor's next claim for the period [from, to]: every new item of the period worth something,
 * and every difference on an item claimed before (wherever its date). Ordered by date, then order and scheme id, so
 * the claim reads the same every time it is built.
 */
export function claimLines(candidates: readonly ClaimCandidate[], from: string, to: string): ClaimLineDraft[] {
  return [...candidates]
    .sort(
      (a, b) =>
        a.orderDate.localeCompare(b.orderDate) ||
        a.orderId.localeCompare(b.orderId) ||
        a.schemeId.localeCompare(b.schemeId),
    )
    .flatMap((c): ClaimLineDraft[] => {
      const delta = c.worthPoisha - c.claimedPoisha;
      if (delta === 0) return [];
      if (c.claimedBefore)
        return [{ orderId: c.orderId, schemeId: c.schemeId, kind: "adjustment", amountPoisha: delta }];
      if (c.orderDate < from || c.orderDate > to || delta < 0) return [];
      return [{ orderId: c.orderId, schemeId: c.schemeId, kind: "claim", amountPoisha: delta }];
    });
}

/** What is claimable now, summed: the same rule as claimLines over every period (new items at any date). */
export function claimableNow(candidates: readonly ClaimCandidate[]): number {
  return claimLines(candidates, "0000-01-01", "9999-12-31").reduce((s, l) => s + l.amountPoisha, 0);
}

// The life of a claim. The distributor submits (or answers a dispute by submitting again) and may withdraw a draft or
// a disputed claim (its lines are released); the company approves (possibly for less) or disputes a submitted claim;
// head office settles an approved one.
export type ClaimStatus = "draft" | "submitted" | "approved" | "disputed" | "withdrawn" | "settled";
export type ClaimAction = "submit" | "approve" | "dispute" | "withdraw" | "settle";

export const CLAIM_FLOW: Record<ClaimAction, { from: readonly ClaimStatus[]; to: ClaimStatus }> = {
  submit: { from: ["draft", "disputed"], to: "submitted" },
  approve: { from: ["submitted"], to: "approved" },
  dispute: { from: ["submitted"], to: "disputed" },
  withdraw: { from: ["draft", "disputed"], to: "withdrawn" },
  settle: { from: ["approved"], to: "settled" },
};

export const canTakeClaimAction = (status: ClaimStatus, action: ClaimAction) =>
  CLAIM_FLOW[action].from.includes(status);

/** Claims whose lines count as claimed: every status but withdrawn. */
export const OPEN_CLAIM_STATUSES: readonly ClaimStatus[] = ["draft", "submitted", "approved", "disputed"];
