// Colours of order and payment states, so every screen shows a state the same way.
import type { SecondaryStatus } from "../../../shared/contracts/orders.ts";
import type { PrimaryStatus } from "./use-primary-orders.ts";

export const ORDER_STATUS_COLORS: Record<SecondaryStatus, string> = {
  draft: "gray",
  confirmed: "blue",
  invoiced: "indigo",
  dispatched: "violet",
  delivered: "teal",
  partially_delivered: "yellow",
  cancelled: "red",
  returned: "orange",
};

export const PRIMARY_STATUS_COLORS: Record<PrimaryStatus, string> = {
  draft: "gray",
  submitted: "blue",
  approved: "indigo",
  rejected: "red",
  dispatched: "violet",
  received: "teal",
  cancelled: "red",
};

/** A SKU's name in the UI language (Bengali falls back to English when missing). */
export const skuLabel = (s: { name: string; nameBn: string }, locale: string): string =>
  locale === "bn" && s.nameBn ? s.nameBn : s.name;
