// Activities (C4): calls, meetings, notes, tasks and emails logged by hand, each linked to any number of CRM records
// (a call with a contact about a deal shows on the contact, the deal and their account's timeline). "My day" gathers
// what a rep has to do today.
//
// Routes (under /api/v1/crm):
//   GET   /activities?recordType=&recordId=&kind=&openTasks=   activities of a record (or the caller's), newest first
//   POST  /activities                     log one (links: the records it is about)
//   PATCH /activities/{id}                change one; a task is ticked done (or undone) here
//   GET   /my-day                         overdue and today's tasks, today's meetings, calls to make, deals closing
//                                         this week, deals stuck in a stage
import { z } from "zod";
import { IsoDate, Timestamp } from "./common.ts";

export const RECORD_TYPES = ["lead", "contact", "account", "deal", "ticket"] as const;
export const RecordType = z.enum(RECORD_TYPES);
export const RecordRefSchema = z.strictObject({ type: RecordType, id: z.uuid() });
export type RecordRefInput = z.infer<typeof RecordRefSchema>;

export const ACTIVITY_KINDS = ["call", "meeting", "note", "task", "email"] as const;
export const ActivityKind = z.enum(ACTIVITY_KINDS);
export type ActivityKind = z.infer<typeof ActivityKind>;

export const CALL_OUTCOMES = ["connected", "no_answer", "busy", "wrong_number", "voicemail"] as const;
export const CallOutcome = z.enum(CALL_OUTCOMES);
export type CallOutcome = z.infer<typeof CallOutcome>;

const Text = (max: number) => z.string().trim().max(max);

export const CreateActivityRequest = z
  .strictObject({
    kind: ActivityKind,
    subject: Text(300).min(1),
    body: Text(10_000).nullable().optional(),
    /** When it happened (call, note, email) or starts (meeting); default now. Not for tasks: they have dueAt. */
    occurredAt: Timestamp.optional(),
    /** Default: the caller. */
    ownerUserId: z.uuid().optional(),
    callOutcome: CallOutcome.optional(),
    callDirection: z.enum(["outbound", "inbound"]).optional(),
    durationSeconds: z.number().int().min(0).max(86_400).optional(),
    endsAt: Timestamp.optional(),
    location: Text(300).optional(),
    attendees: Text(2000).optional(),
    dueAt: Timestamp.optional(),
    remindAt: Timestamp.optional(),
    emailDirection: z.enum(["sent", "received"]).optional(),
    emailAddress: Text(320).optional(),
    links: z
      .array(RecordRefSchema)
      .min(1)
      .max(20)
      .refine((ls) => new Set(ls.map((l) => `${l.type}:${l.id}`)).size === ls.length, {
        message: "A record is linked twice|একটি রেকর্ড দুবার যুক্ত করা হয়েছে",
      }),
  })
  .refine((a) => a.kind === "call" || (a.callOutcome === undefined && a.durationSeconds === undefined), {
    message: "Only a call has an outcome and a duration|শুধু কলের ফলাফল ও সময়কাল থাকে",
    path: ["callOutcome"],
  })
  .refine((a) => a.kind === "task" || (a.dueAt === undefined && a.remindAt === undefined), {
    message: "Only a task has a due time and a reminder|শুধু কাজের নির্ধারিত সময় ও রিমাইন্ডার থাকে",
    path: ["dueAt"],
  })
  .refine((a) => a.kind !== "task" || a.dueAt !== undefined, {
    message: "A task needs a due time|কাজের একটি নির্ধারিত সময় দিন",
    path: ["dueAt"],
  })
  .refine((a) => a.kind !== "call" || a.callOutcome !== undefined, {
    message: "Say how the call went|কলের ফলাফল দিন",
    path: ["callOutcome"],
  })
  .refine((a) => !a.endsAt || !a.occurredAt || a.endsAt >= a.occurredAt, {
    message: "A meeting ends after it starts|মিটিং শুরুর পরে শেষ হয়",
    path: ["endsAt"],
  });
export type CreateActivityRequest = z.infer<typeof CreateActivityRequest>;

export const UpdateActivityRequest = z.strictObject({
  subject: Text(300).min(1).optional(),
  body: Text(10_000).nullable().optional(),
  occurredAt: Timestamp.optional(),
  callOutcome: CallOutcome.optional(),
  durationSeconds: z.number().int().min(0).max(86_400).nullable().optional(),
  endsAt: Timestamp.nullable().optional(),
  location: Text(300).nullable().optional(),
  attendees: Text(2000).nullable().optional(),
  dueAt: Timestamp.optional(),
  remindAt: Timestamp.nullable().optional(),
  /** A task: true ticks it done, false opens it again. */
  done: z.boolean().optional(),
});
export type UpdateActivityRequest = z.infer<typeof UpdateActivityRequest>;

export const ActivityResponse = z.object({
  id: z.uuid(),
  kind: ActivityKind,
  subject: z.string(),
  body: z.string().nullable(),
  ownerUserId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  territoryId: z.uuid().nullable(),
  occurredAt: Timestamp,
  callOutcome: CallOutcome.nullable(),
  callDirection: z.enum(["outbound", "inbound"]).nullable(),
  durationSeconds: z.number().int().nullable(),
  endsAt: Timestamp.nullable(),
  location: z.string().nullable(),
  attendees: z.string().nullable(),
  dueAt: Timestamp.nullable(),
  remindAt: Timestamp.nullable(),
  doneAt: Timestamp.nullable(),
  emailDirection: z.enum(["sent", "received"]).nullable(),
  emailAddress: z.string().nullable(),
  links: z.array(z.object({ type: RecordType, id: z.uuid(), name: z.string().nullable() })),
  createdAt: Timestamp,
});
export type ActivityResponse = z.infer<typeof ActivityResponse>;

export const ActivityQuery = z
  .strictObject({
    recordType: RecordType.optional(),
    recordId: z.uuid().optional(),
    kind: ActivityKind.optional(),
    /** Only tasks not done yet. */
    openTasks: z
      .enum(["true", "false"])
      .transform((v) => v === "true")
      .optional(),
    /** Only activities before this instant (for the next page). */
    before: Timestamp.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((q) => (q.recordType === undefined) === (q.recordId === undefined), {
    message: "Give recordType and recordId together|recordType ও recordId একসাথে দিন",
    path: ["recordId"],
  });
export type ActivityQuery = z.infer<typeof ActivityQuery>;

export const ActivitiesResponse = z.object({ items: z.array(ActivityResponse) });
export type ActivitiesResponse = z.infer<typeof ActivitiesResponse>;

export const MyDayDeal = z.object({
  id: z.uuid(),
  name: z.string(),
  accountName: z.string(),
  stageName: z.string(),
  stageNameBn: z.string(),
  amountPoisha: z.number().int(),
  expectedClose: IsoDate.nullable(),
  daysInStage: z.number().int(),
});
export type MyDayDeal = z.infer<typeof MyDayDeal>;

export const MyDayQuery = z.strictObject({
  /** The day to show (Asia/Dhaka); default today. */
  date: IsoDate.optional(),
});

export const MyDayResponse = z.object({
  date: IsoDate,
  overdueTasks: z.array(ActivityResponse),
  todayTasks: z.array(ActivityResponse),
  meetings: z.array(ActivityResponse),
  /** Open call tasks due by the end of the day, and calls that went unanswered in the last week with no later call. */
  callsToMake: z.array(ActivityResponse),
  closingThisWeek: z.array(MyDayDeal),
  stuckDeals: z.array(MyDayDeal),
});
export type MyDayResponse = z.infer<typeof MyDayResponse>;
