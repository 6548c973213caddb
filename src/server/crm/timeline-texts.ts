// What the timeline's own sources (orders, visits, deliveries) say, in both languages, without I/O.
import { formatMoney } from "../../shared/format.ts";
import type { Locale } from "../../shared/locale.ts";

type Texts = Record<string, { en: string; bn: string }>;

export const ORDER_STATUS: Texts = {
  draft: { en: "draft", bn: "খসড়া" },
  confirmed: { en: "confirmed", bn: "নিশ্চিত" },
  invoiced: { en: "invoiced", bn: "চালান হয়েছে" },
  dispatched: { en: "dispatched", bn: "পাঠানো হয়েছে" },
  delivered: { en: "delivered", bn: "পৌঁছেছে" },
  partially_delivered: { en: "partly delivered", bn: "আংশিক পৌঁছেছে" },
  cancelled: { en: "cancelled", bn: "বাতিল" },
  returned: { en: "returned", bn: "ফেরত" },
};

export const DROP_STATUS: Texts = {
  pending: { en: "pending", bn: "বাকি" },
  delivered: { en: "delivered", bn: "পৌঁছে দেওয়া হয়েছে" },
  partially_delivered: { en: "partly delivered", bn: "আংশিক পৌঁছে দেওয়া হয়েছে" },
  failed: { en: "not delivered", bn: "পৌঁছানো যায়নি" },
};

const pick = (t: Texts, key: string, locale: Locale) => t[key]?.[locale] ?? key;

export function orderTitle(o: { number: string; status: string }, locale: Locale): string {
  return locale === "bn"
    ? `অর্ডার ${o.number} (${pick(ORDER_STATUS, o.status, locale)})`
    : `Order ${o.number} (${pick(ORDER_STATUS, o.status, locale)})`;
}

export function orderDetail(o: { totalPoisha: number; outletName: string }, locale: Locale): string {
  return `${formatMoney(o.totalPoisha, locale)} · ${o.outletName}`;
}

export function visitTitle(v: { outcome: "order" | "no_order" | null }, locale: Locale): string {
  if (locale === "bn")
    return v.outcome === "order"
      ? "ভিজিট: অর্ডার নেওয়া হয়েছে"
      : v.outcome === "no_order"
        ? "ভিজিট: অর্ডার হয়নি"
        : "ভিজিট চলছে";
  return v.outcome === "order"
    ? "Visit: order taken"
    : v.outcome === "no_order"
      ? "Visit: no order"
      : "Visit in progress";
}

export function visitDetail(
  v: { reason: { en: string; bn: string } | null; note: string | null; outsideRadius: boolean },
  locale: Locale,
): string | null {
  const parts = [
    v.reason?.[locale] ?? null,
    v.note,
    v.outsideRadius
      ? locale === "bn"
        ? "দোকানের সীমার বাইরে থেকে চেক-ইন"
        : "checked in outside the shop's radius"
      : null,
  ].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join(" · ") : null;
}

export function dropTitle(d: { orderNumber: string; status: string }, locale: Locale): string {
  return locale === "bn"
    ? `ডেলিভারি ${d.orderNumber}: ${pick(DROP_STATUS, d.status, locale)}`
    : `Delivery of ${d.orderNumber}: ${pick(DROP_STATUS, d.status, locale)}`;
}

export function dropDetail(
  d: { deliveredPoisha: number | null; cashCollectedPoisha: number; failureReason: string | null; tripNumber: string },
  locale: Locale,
): string {
  const parts = [locale === "bn" ? `ট্রিপ ${d.tripNumber}` : `Trip ${d.tripNumber}`];
  if (d.deliveredPoisha !== null) parts.push(formatMoney(d.deliveredPoisha, locale));
  if (d.cashCollectedPoisha > 0)
    parts.push(`${locale === "bn" ? "নগদ আদায়" : "cash collected"} ${formatMoney(d.cashCollectedPoisha, locale)}`);
  if (d.failureReason) parts.push(d.failureReason);
  return parts.join(" · ");
}
