// The life of a memo: draft -> confirmed -> invoiced -> dispatched -> delivered | partially_delivered,
// cancelled before dispatch, returned after delivery. Pure, so the web and tests can ask the same questions.
import type { SecondaryAction, SecondaryStatus } from "../../shared/contracts/orders.ts";
import type { Role } from "../../shared/roles.ts";

const FROM: Record<SecondaryAction, readonly SecondaryStatus[]> = {
  confirm: ["draft"],
  invoice: ["confirmed"],
  dispatch: ["invoiced"],
  deliver: ["dispatched", "invoiced"],
  cancel: ["draft", "confirmed", "invoiced"],
  return: ["delivered", "partially_delivered", "returned"],
};

/** Who may do what: order takers confirm and cancel their own; fulfilment belongs to the distributor. */
const ROLES: Record<SecondaryAction, readonly Role[]> = {
  confirm: ["admin", "manager", "rep", "distributor", "retailer"],
  invoice: ["admin", "manager", "distributor"],
  dispatch: ["admin", "manager", "distributor"],
  // The driver records the delivery at the door (delivery trips, S8).
  deliver: ["admin", "manager", "distributor", "driver"],
  cancel: ["admin", "manager", "rep", "distributor", "retailer"],
  return: ["admin", "manager", "distributor"],
};

export const canTransition = (status: SecondaryStatus, action: SecondaryAction) => FROM[action].includes(status);

export const roleMay = (role: Role, action: SecondaryAction) => ROLES[action].includes(role);

/** Retailers and reps may cancel only before the distributor has invoiced. */
function cancelAllowed(role: Role, status: SecondaryStatus) {
  return role === "retailer" || role === "rep" ? status === "draft" || status === "confirmed" : true;
}

export function allowedActions(role: Role, status: SecondaryStatus): SecondaryAction[] {
  return (Object.keys(FROM) as SecondaryAction[]).filter(
    (a) => canTransition(status, a) && roleMay(role, a) && (a !== "cancel" || cancelAllowed(role, status)),
  );
}

export const ACTION_TARGET: Record<Exclude<SecondaryAction, "deliver" | "return">, SecondaryStatus> = {
  confirm: "confirmed",
  invoice: "invoiced",
  dispatch: "dispatched",
  cancel: "cancelled",
};

/**
 * A dispatched memo that could not be delivered (outlet closed, refused, ...) goes back to invoiced with its
 * reservation kept, so it can go out on another trip or be cancelled. Not a user's action on the order itself: the
 * delivery module takes it when a drop fails.
 */
export const canReturnUndelivered = (status: SecondaryStatus) => status === "dispatched";
export const UNDELIVERED_ROLES: readonly Role[] = ["admin", "manager", "distributor", "driver"];
