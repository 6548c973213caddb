// Scheduled reports (A2): a person asks for a dashboard's report by email, daily or weekly at a time of day in
// Asia/Dhaka, in their language, built with their own access at sending time; the XLSX is attached.
import { z } from "zod";
import { Email } from "./auth.ts";
import { LocaleSchema, Page, PageQuery } from "./common.ts";

export const REPORT_FREQUENCIES = ["daily", "weekly"] as const;
export const REPORT_SCHEDULE_STATUSES = ["sent", "failed", "skipped"] as const;
export const MAX_REPORT_RECIPIENTS = 10;

/** The dashboard's query as its URL has it: short keys, scalar values or short lists. */
const FilterValue = z.union([
  z.string().max(200),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.union([z.string().max(200), z.number()])).max(100),
]);
const ReportFilters = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,39}$/), FilterValue)
  .refine((f) => Object.keys(f).length <= 30, {
    message: "At most 30 filters|সর্বোচ্চ ৩০টি ফিল্টার দেওয়া যায়",
  });

export const CreateReportScheduleRequest = z
  .strictObject({
    /** One of the analytics module's report names (sales, field, availability, distributors, warnings). */
    report: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
    filters: ReportFilters.default({}),
    frequency: z.enum(REPORT_FREQUENCIES),
    /** 0 = Sunday ... 6 = Saturday; required for a weekly report, not given for a daily one. */
    weekday: z.number().int().min(0).max(6).optional(),
    /** Time of day in Asia/Dhaka. */
    sendAt: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, {
        message: "A time of day as HH:MM, for example 08:00|দিনের সময় HH:MM আকারে দিন, যেমন 08:00",
      })
      .default("08:00"),
    /** The report's language; default: the owner's. */
    locale: LocaleSchema.optional(),
    /** Who gets the email; default: the owner alone. */
    recipients: z
      .array(Email)
      .min(1)
      .max(MAX_REPORT_RECIPIENTS)
      .transform((list) => [...new Set(list)])
      .optional(),
  })
  .refine((r) => (r.frequency === "weekly") === (r.weekday !== undefined), {
    path: ["weekday"],
    message:
      "Give a weekday (0 = Sunday) for a weekly report, and none for a daily one|সাপ্তাহিক রিপোর্টের জন্য সপ্তাহের দিন (০ = রবিবার) দিন, দৈনিক রিপোর্টের জন্য দেবেন না",
  });
export type CreateReportScheduleRequest = z.infer<typeof CreateReportScheduleRequest>;

export const ReportScheduleListQuery = PageQuery.extend({
  /** An admin may list one person's schedules; everyone else sees only their own. */
  ownerId: z.uuid().optional(),
});
export type ReportScheduleListQuery = z.infer<typeof ReportScheduleListQuery>;

export const ReportScheduleResponse = z.object({
  id: z.uuid(),
  ownerId: z.uuid(),
  ownerName: z.string(),
  report: z.string(),
  filters: z.record(z.string(), z.unknown()),
  frequency: z.enum(REPORT_FREQUENCIES),
  weekday: z.number().int().nullable(),
  sendAt: z.string(),
  locale: LocaleSchema,
  recipients: z.array(z.string()),
  nextRunAt: z.string(),
  lastSentAt: z.string().nullable(),
  lastStatus: z.enum(REPORT_SCHEDULE_STATUSES).nullable(),
  /** Why the last run failed or was skipped (the mail server's reply, or what was wrong). */
  lastError: z.string().nullable(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReportScheduleResponse = z.infer<typeof ReportScheduleResponse>;

export const ReportScheduleListResponse = Page(ReportScheduleResponse);
export type ReportScheduleListResponse = z.infer<typeof ReportScheduleListResponse>;
