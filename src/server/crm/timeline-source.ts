// One timeline per record (C2): each module that knows something happened with a lead, contact or account adds a
// source; crm/timeline.service.ts resolves the subject (an account's contacts and deals, its outlet or distributor)
// once, asks every source, and merges the items newest first. A source answers only for what it knows and returns
// its own items already in the caller's language.
import type { Executor } from "../db/transaction.ts";
import type { Ctx } from "../platform/context.ts";

export type RecordType = "lead" | "contact" | "account" | "deal" | "ticket";

export interface RecordRef {
  type: RecordType;
  id: string;
}

/** Everything a timeline is about: the record itself and what hangs off it. */
export interface TimelineSubject {
  /** The record the timeline was asked for. */
  root: RecordRef;
  /** The root and its related records (an account's contacts and deals, a contact's account and deals, ...). */
  refs: RecordRef[];
  /** The network records behind an account (orders, visits and deliveries belong to these). */
  outletIds: string[];
  distributorIds: string[];
}

export type TimelineKind =
  | "lead"
  | "order"
  | "visit"
  | "delivery"
  | "call"
  | "meeting"
  | "note"
  | "task"
  | "email"
  | "deal"
  | "ticket"
  | "chat"
  | "content"
  | "loyalty"
  | "survey";

export interface TimelineItem {
  /** ISO timestamp of when it happened. */
  at: string;
  kind: TimelineKind;
  /** In the caller's language. */
  title: string;
  detail: string | null;
  /** What to open for more: a CRM record, or a network one (order, visit). */
  link: { type: string; id: string } | null;
  actorName: string | null;
}

/** A source returns at most `limit` of its newest items at or before `before`. */
export type TimelineSource = (
  db: Executor,
  ctx: Ctx,
  subject: TimelineSubject,
  page: { before: Date; limit: number },
) => Promise<TimelineItem[]>;
