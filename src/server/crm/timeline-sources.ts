// Every source of the CRM timeline (see timeline-source.ts). A module that knows something happened with a CRM
// record adds its source to this list; timeline.service.ts asks them all and merges the items newest first.
import { dropHistory } from "../delivery/drop-history.service.ts";
import { visitHistory } from "../field/visit-history.service.ts";
import { loyaltyTimelineItems } from "../loyalty/loyalty-timeline.service.ts";
import { orderHistory } from "../orders/order-history.service.ts";
import { ticketTimelineItems } from "../service/ticket-timeline.service.ts";
import { activityTimelineItems } from "./activities.service.ts";
import { dealStageTimelineItems } from "./deals.service.ts";
import { leadOriginItems } from "./leads.service.ts";
import type { TimelineSource } from "./timeline-source.ts";
import { dropDetail, dropTitle, orderDetail, orderTitle, visitDetail, visitTitle } from "./timeline-texts.ts";

/** Secondary orders of the outlets and distributors behind the subject. */
export const ordersSource: TimelineSource = async (db, ctx, subject, page) => {
  const orders = await orderHistory(db, ctx.actor.orgId, {
    outletIds: subject.outletIds,
    distributorIds: subject.distributorIds,
    ...page,
  });
  return orders.map((o) => ({
    at: o.createdAt.toISOString(),
    kind: "order",
    title: orderTitle(o, ctx.locale),
    detail: orderDetail({ ...o, outletName: ctx.locale === "bn" ? o.outletNameBn : o.outletName }, ctx.locale),
    link: { type: "order", id: o.id },
    actorName: o.repName,
  }));
};

/** Field visits to the outlets behind the subject, with their outcome. */
export const visitsSource: TimelineSource = async (db, ctx, subject, page) => {
  const visits = await visitHistory(db, ctx.actor.orgId, { outletIds: subject.outletIds, ...page });
  return visits.map((v) => ({
    at: v.checkedInAt.toISOString(),
    kind: "visit",
    title: visitTitle(v, ctx.locale),
    detail: visitDetail(v, ctx.locale),
    link: v.orderId ? { type: "order", id: v.orderId } : null,
    actorName: v.userName,
  }));
};

/** Completed deliveries of those outlets' orders. */
export const deliveriesSource: TimelineSource = async (db, ctx, subject, page) => {
  const drops = await dropHistory(db, ctx.actor.orgId, {
    outletIds: subject.outletIds,
    distributorIds: subject.distributorIds,
    ...page,
  });
  return drops.map((d) => ({
    at: d.completedAt.toISOString(),
    kind: "delivery",
    title: dropTitle(d, ctx.locale),
    detail: dropDetail(d, ctx.locale),
    link: { type: "order", id: d.orderId },
    actorName: d.userName,
  }));
};

/** The lead a contact or account came from: "Captured as a lead from form X, campaign Y". */
export const leadOriginSource: TimelineSource = (db, ctx, subject, page) =>
  leadOriginItems(db, ctx, subject.refs, page);

/** Service tickets of the contact or account (or the ticket itself), in the caller's scope. */
export const ticketsSource: TimelineSource = (db, ctx, subject, page) =>
  ticketTimelineItems(db, ctx, subject.refs, page);

/** Calls, meetings, notes, tasks and emails linked to the subject or what hangs off it, in the caller's scope. */
export const activitiesSource: TimelineSource = (db, ctx, subject, page) =>
  activityTimelineItems(db, ctx, subject.refs, page);

/** Stage changes of the subject's deals (opened, moved, won, lost with its reason). */
export const dealStagesSource: TimelineSource = (db, ctx, subject, page) =>
  dealStageTimelineItems(db, ctx, subject.refs, page);

/** Loyalty points movements and survey answers of the account. */
export const loyaltySource: TimelineSource = (db, ctx, subject, page) =>
  loyaltyTimelineItems(db, ctx, subject.refs, page);

export const TIMELINE_SOURCES: TimelineSource[] = [
  ordersSource,
  visitsSource,
  deliveriesSource,
  leadOriginSource,
  ticketsSource,
  activitiesSource,
  dealStagesSource,
  loyaltySource,
];
