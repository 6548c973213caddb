// The life of a primary order: draft -> submitted -> approved -> dispatched -> received, or rejected
// (from submitted) or cancelled (before dispatch). The distributor orders and receives; the company
// (admin, manager) approves, rejects and dispatches. Pure, so the web and tests ask the same questions.
import type { PRIMARY_ACTIONS, PRIMARY_STATUSES } from "../../shared/contracts/inventory.ts";
import type { Role } from "../../shared/roles.ts";

export type PrimaryStatus = (typeof PRIMARY_STATUSES)[number];
export type PrimaryAction = (typeof PRIMARY_ACTIONS)[number];

const FROM: Record<PrimaryAction, readonly PrimaryStatus[]> = {
  submit: ["draft"],
  approve: ["submitted"],
  reject: ["submitted"],
  dispatch: ["approved"],
  receive: ["dispatched"],
  cancel: ["draft", "submitted", "approved"],
};

/** A distributor never approves, rejects or dispatches its own order: those are the company's. */
const ROLES: Record<PrimaryAction, readonly Role[]> = {
  submit: ["admin", "distributor"],
  approve: ["admin", "manager"],
  reject: ["admin", "manager"],
  dispatch: ["admin", "manager"],
  receive: ["admin", "distributor"],
  cancel: ["admin", "distributor"],
};

export const TARGET: Record<PrimaryAction, PrimaryStatus> = {
  submit: "submitted",
  approve: "approved",
  reject: "rejected",
  dispatch: "dispatched",
  receive: "received",
  cancel: "cancelled",
};

export const canTransition = (status: PrimaryStatus, action: PrimaryAction) => FROM[action].includes(status);
export const roleMay = (role: Role, action: PrimaryAction) => ROLES[action].includes(role);

export function allowedActions(role: Role, status: PrimaryStatus): PrimaryAction[] {
  return (Object.keys(FROM) as PrimaryAction[]).filter((a) => canTransition(status, a) && roleMay(role, a));
}

/** Words for messages: the status and the action in both languages. */
export const STATUS_WORDS: Record<PrimaryStatus, { en: string; bn: string }> = {
  draft: { en: "a draft", bn: "খসড়া" },
  submitted: { en: "submitted", bn: "জমা দেওয়া" },
  approved: { en: "approved", bn: "অনুমোদিত" },
  rejected: { en: "rejected", bn: "প্রত্যাখ্যাত" },
  dispatched: { en: "dispatched", bn: "পাঠানো হয়েছে" },
  received: { en: "received", bn: "গৃহীত" },
  cancelled: { en: "cancelled", bn: "বাতিল" },
};

export const ACTION_WORDS: Record<PrimaryAction, { action: string; actionPast: string; actionBn: string }> = {
  submit: { action: "submit", actionPast: "submitted", actionBn: "জমা দেওয়া" },
  approve: { action: "approve", actionPast: "approved", actionBn: "অনুমোদন করা" },
  reject: { action: "reject", actionPast: "rejected", actionBn: "প্রত্যাখ্যান করা" },
  dispatch: { action: "dispatch", actionPast: "dispatched", actionBn: "পাঠানো" },
  receive: { action: "receive", actionPast: "received", actionBn: "গ্রহণ করা" },
  cancel: { action: "cancel", actionPast: "cancelled", actionBn: "বাতিল করা" },
};
