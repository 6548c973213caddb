// Scheduled reports (A2): a person with analytics access asks for one of the dashboards' reports by email, daily
// or weekly at a time of day in Asia/Dhaka, in their language, with the dashboard's filters. At sending time the
// report is built as its owner would see it (their role and scope, resolved afresh from their account), so a
// manager's email holds only their subtree and a deactivated owner's schedule stops. One email per schedule: the
// summary lines in the body, the XLSX attached.
//
// The sender (sendDueReports) claims due schedules with SKIP LOCKED and a lease, builds and sends each outside
// any transaction (a mail server may take seconds), then records the outcome with its audit row. A failure is
// recorded and retried at the next period, never in a loop. Which reports exist and how they are built belongs
// to the analytics module: the caller passes `buildReport`.
import type {
  CreateReportScheduleRequest,
  ReportScheduleListQuery,
  ReportScheduleListResponse,
  ReportScheduleResponse,
} from "../../shared/contracts/report-schedules.ts";
import { newId } from "../../shared/ids.ts";
import type { Db, Executor } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { AccessErrors, can } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import { type Ctx, isSystemActor, systemCtx } from "../platform/context.ts";
import { AppError, errorSpec, localizedMessage } from "../platform/errors.ts";
import { MailNotConfigured, MailSendFailed } from "../platform/mail/mail.errors.ts";
import type { Mailer } from "../platform/mail/mailer.ts";
import { decodeIdCursor, encodeCursor } from "../platform/pagination.ts";
import { actorFromUser } from "../users/auth.service.ts";
import { findUser } from "../users/users.repository.ts";
import { reportEmail } from "./report-email.ts";
import { reportXlsx } from "./report-files.ts";
import { REPORT_NAMES } from "./report-names.ts";
import { nextRunAt, normaliseSendAt, type ScheduleTiming } from "./report-schedule-timing.ts";
import { ReportScheduleErrors } from "./report-schedules.errors.ts";
import * as repo from "./report-schedules.repository.ts";
import type { ReportTable } from "./report-table.ts";

export type ReportName = (typeof REPORT_NAMES)[number];
export const isReportName = (name: string): name is ReportName => (REPORT_NAMES as readonly string[]).includes(name);

export interface BuiltReport {
  table: ReportTable;
  /** A few lines for the email's body, in the table's language ("Sales: ৳12,34,567, 4.2% above last week"). */
  summary: string[];
}
/**
 * Builds a report as `ctx.actor` may see it, in `ctx.locale`. Supplied by the analytics module (it knows the
 * reports); it runs with the schedule owner's actor and scope, never the system's.
 */
export type BuildReport = (ctx: Ctx, report: ReportName, filters: unknown) => Promise<BuiltReport>;

export const MAX_SCHEDULES_PER_OWNER = 20;
/** A claimed schedule is held this long: longer than building a report and a mail server's timeouts. */
const LEASE_MS = 15 * 60_000;
const BATCH = 10;
/** Rounds of a batch per org in one pass, so one org with many schedules cannot hold the sender for long. */
const MAX_ROUNDS_PER_ORG = 20;

const iso = (d: Date | null) => d?.toISOString() ?? null;

function needs(ctx: Ctx) {
  if (!can(ctx.actor, "analytics.read")) throw AccessErrors.forbidden();
}

const timingOf = (s: Pick<repo.ScheduleRow, "frequency" | "weekday" | "send_at">): ScheduleTiming => ({
  frequency: s.frequency,
  weekday: s.weekday,
  sendAt: s.send_at,
});

function scheduleResponse(r: repo.ScheduleRow): ReportScheduleResponse {
  return {
    id: r.id,
    ownerId: r.user_id,
    ownerName: r.owner_name,
    report: r.report,
    filters: (r.filters ?? {}) as Record<string, unknown>,
    frequency: r.frequency,
    weekday: r.weekday,
    sendAt: normaliseSendAt(r.send_at),
    locale: r.locale,
    recipients: r.recipients,
    nextRunAt: r.next_run_at.toISOString(),
    lastSentAt: iso(r.last_sent_at),
    lastStatus: r.last_status,
    lastError: r.last_error,
    archivedAt: iso(r.archived_at),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** What the audit log keeps of a schedule. */
const auditView = (s: ReportScheduleResponse) => ({
  ownerId: s.ownerId,
  report: s.report,
  filters: s.filters,
  frequency: s.frequency,
  weekday: s.weekday,
  sendAt: s.sendAt,
  locale: s.locale,
  recipients: s.recipients,
});

/** A schedule the caller may see: their own, or any of the org's for an admin; anything else is not found. */
async function loadVisible(db: Executor, ctx: Ctx, id: string): Promise<ReportScheduleResponse> {
  const row = await repo.findSchedule(db, ctx.actor.orgId, id);
  if (!row || (ctx.actor.role !== "admin" && row.user_id !== ctx.actor.userId)) throw ReportScheduleErrors.notFound();
  return scheduleResponse(row);
}

// --- the owner's use cases

export async function createReportSchedule(
  ctx: Ctx,
  input: CreateReportScheduleRequest,
  now = new Date(),
): Promise<ReportScheduleResponse> {
  needs(ctx);
  // A schedule belongs to a person: it is built with their access, and stops with their account.
  if (isSystemActor(ctx)) throw AccessErrors.forbidden();
  if (!isReportName(input.report)) throw ReportScheduleErrors.unknownReport({ report: input.report });
  const { orgId, userId } = ctx.actor;
  return withTransaction(ctx.db, async (tx) => {
    if ((await repo.countOwnSchedules(tx, orgId, userId)) >= MAX_SCHEDULES_PER_OWNER)
      throw ReportScheduleErrors.tooMany({ limit: MAX_SCHEDULES_PER_OWNER });
    const id = newId();
    const timing: ScheduleTiming = {
      frequency: input.frequency,
      weekday: input.frequency === "weekly" ? (input.weekday ?? null) : null,
      sendAt: input.sendAt,
    };
    await repo.insertSchedule(tx, {
      org_id: orgId,
      id,
      user_id: userId,
      report: input.report,
      filters: input.filters,
      frequency: timing.frequency,
      weekday: timing.weekday,
      send_at: timing.sendAt,
      locale: input.locale ?? ctx.actor.locale,
      recipients: input.recipients ?? [ctx.actor.email],
      next_run_at: nextRunAt(timing, now),
    });
    const created = await loadVisible(tx, ctx, id);
    await recordAudit(tx, ctx, {
      entity: "report_schedule",
      entityId: id,
      action: "create",
      after: auditView(created),
    });
    return created;
  });
}

/** The caller's own schedules; an admin sees the whole org's, or one person's with `ownerId`. */
export async function listReportSchedules(
  ctx: Ctx,
  query: ReportScheduleListQuery,
): Promise<ReportScheduleListResponse> {
  needs(ctx);
  const admin = ctx.actor.role === "admin";
  if (!admin && query.ownerId && query.ownerId !== ctx.actor.userId) return { items: [], nextCursor: null };
  const rows = await repo.listSchedules(ctx.db, ctx.actor.orgId, {
    ownerId: admin ? query.ownerId : ctx.actor.userId,
    beforeId: query.cursor ? decodeIdCursor(query.cursor) : undefined,
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(scheduleResponse),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null,
  };
}

export async function getReportSchedule(ctx: Ctx, id: string): Promise<ReportScheduleResponse> {
  needs(ctx);
  return loadVisible(ctx.db, ctx, id);
}

/** Deleting a schedule archives it: nothing more is sent, and the audit log still tells what it was. */
export async function archiveReportSchedule(ctx: Ctx, id: string, now = new Date()): Promise<void> {
  needs(ctx);
  await withTransaction(ctx.db, async (tx) => {
    const before = await loadVisible(tx, ctx, id);
    if (!(await repo.archiveSchedule(tx, ctx.actor.orgId, id, now))) throw ReportScheduleErrors.notFound();
    await recordAudit(tx, ctx, {
      entity: "report_schedule",
      entityId: id,
      action: "archive",
      before: auditView(before),
    });
  });
}

/**
 * Builds and sends a schedule's report now, as its owner sees it, without moving its next regular run. Throws
 * what stopped it (MailNotConfigured, MailSendFailed, the report's own error, an owner who is gone) after
 * recording it on the schedule.
 */
export async function sendReportNow(
  ctx: Ctx,
  id: string,
  mailer: Mailer,
  buildReport: BuildReport,
  now = new Date(),
): Promise<ReportScheduleResponse> {
  needs(ctx);
  const { orgId } = ctx.actor;
  const schedule = await repo.findSchedule(ctx.db, orgId, id);
  if (!schedule || (ctx.actor.role !== "admin" && schedule.user_id !== ctx.actor.userId))
    throw ReportScheduleErrors.notFound();
  if (!mailer.configured) throw new MailNotConfigured();
  const outcome = await runSchedule(ctx.db, schedule, mailer, buildReport, now);
  const after = await withTransaction(ctx.db, async (tx) => {
    await repo.recordRun(tx, orgId, id, {
      status: outcome.status,
      at: now,
      error: outcome.status === "sent" ? null : outcome.error,
      nextRunAt: null,
      archive: outcome.status === "skipped" && outcome.archive,
    });
    await recordAudit(tx, ctx, {
      entity: "report_schedule",
      entityId: id,
      action: "send_now",
      after: runAudit(outcome, null),
    });
    const row = await repo.findSchedule(tx, orgId, id);
    return row ? scheduleResponse(row) : null;
  });
  if (outcome.status !== "sent") throw outcome.cause;
  if (!after) throw ReportScheduleErrors.notFound();
  return after;
}

// --- sending

type RunOutcome =
  | { status: "sent"; messageId: string; rejected: string[] }
  /** `error` is stored and shown (in the schedule's language); `cause` is what a caller throws or logs. */
  | { status: "failed"; error: string; cause: unknown; unexpected: boolean }
  | { status: "skipped"; error: string; cause: AppError; archive: boolean };

type Runnable = Pick<
  repo.ScheduleRow,
  "org_id" | "id" | "user_id" | "report" | "filters" | "frequency" | "locale" | "recipients"
>;

type Failed = Extract<RunOutcome, { status: "failed" }>;

/** A failure shown as `shown` says; `unexpected` (a bug) is what a caller throws or logs instead. */
function failedBecause(s: Runnable, shown: AppError, unexpected?: unknown): Failed {
  return {
    status: "failed",
    error: localizedMessage(shown.code, s.locale, shown.details),
    cause: unexpected === undefined ? shown : unexpected,
    unexpected: unexpected !== undefined,
  };
}

/**
 * Builds one schedule's report with its owner's access and emails it, and says what happened: a refusal or a
 * bug in the report becomes a failed run, not an exception (only the database's own errors escape).
 */
async function runSchedule(
  db: Db,
  s: Runnable,
  mailer: Mailer,
  buildReport: BuildReport,
  at: Date,
): Promise<RunOutcome> {
  // The owner as they are now, the way a request of theirs would be authenticated: a changed territory narrows
  // the next email, a deactivated account stops the schedule for good.
  const owner = await findUser(db, s.org_id, s.user_id);
  if (!owner || owner.deactivated_at) {
    const cause = ReportScheduleErrors.ownerDeactivated();
    return { status: "skipped", error: localizedMessage(cause.code, s.locale), cause, archive: true };
  }
  const actor = actorFromUser(owner, "session");
  if (!can(actor, "analytics.read")) {
    const cause = ReportScheduleErrors.ownerNotAllowed();
    return { status: "skipped", error: localizedMessage(cause.code, s.locale), cause, archive: false };
  }
  if (!mailer.configured) return failedBecause(s, new MailNotConfigured());
  if (!isReportName(s.report)) return failedBecause(s, ReportScheduleErrors.unknownReport({ report: s.report }));
  const ctx: Ctx = { db, locale: s.locale, requestId: null, ip: null, userAgent: null, actor };
  let email: ReturnType<typeof reportEmail>;
  try {
    const built = await buildReport(ctx, s.report, s.filters);
    email = reportEmail({
      table: built.table,
      summary: built.summary,
      xlsx: await reportXlsx(built.table, at),
      report: s.report,
      frequency: s.frequency,
      ownerName: owner.name,
      at,
    });
  } catch (err) {
    // The report's own refusal (a filter that no longer fits the owner's scope) is worth showing as it is, and
    // is what "send now" answers; anything else is a bug.
    if (err instanceof AppError && (errorSpec(err.code)?.status ?? 500) < 500) {
      const reason = localizedMessage(err.code, s.locale, err.details);
      return { ...failedBecause(s, ReportScheduleErrors.buildFailed({ reason })), cause: err };
    }
    return failedBecause(s, ReportScheduleErrors.buildCrashed(), err);
  }
  try {
    const sent = await mailer.send({ to: s.recipients, ...email });
    return { status: "sent", messageId: sent.messageId, rejected: sent.rejected };
  } catch (err) {
    if (err instanceof MailSendFailed || err instanceof MailNotConfigured) return failedBecause(s, err);
    return failedBecause(s, ReportScheduleErrors.buildCrashed(), err);
  }
}

/** What the audit log keeps of a run. */
const runAudit = (o: RunOutcome, next: Date | null) => ({
  status: o.status,
  ...(o.status === "sent" ? { messageId: o.messageId, rejected: o.rejected } : { error: o.error }),
  ...(o.status === "skipped" && { archived: o.archive }),
  ...(next && { nextRunAt: next.toISOString() }),
});

export interface SendDueResult {
  sent: number;
  failed: number;
  skipped: number;
  /** Errors no one expected (a bug in a report builder): the schedule recorded a failure; the caller logs these. */
  unexpected: unknown[];
}

/**
 * One pass of the sender: every schedule due by `now` is built and sent once, and moved to its next period
 * whatever happened (a failure waits for the next period, it does not loop). Safe to run in several processes
 * at once: each schedule is claimed by one of them.
 */
export async function sendDueReports(
  db: Db,
  mailer: Mailer,
  now: Date,
  buildReport: BuildReport,
): Promise<SendDueResult> {
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const out: SendDueResult = { sent: 0, failed: 0, skipped: 0, unexpected: [] };
  for (const orgId of await repo.orgsWithDueSchedules(db, now)) {
    const system = systemCtx(db, orgId);
    for (let round = 0; round < MAX_ROUNDS_PER_ORG; round++) {
      const batch = await withTransaction(db, (tx) =>
        repo.claimDueSchedules(tx, orgId, { now, leaseUntil, limit: BATCH }),
      );
      // One at a time: each builds a report on the database, and the dashboards come first.
      for (const s of batch) {
        const outcome = await runSchedule(db, s, mailer, buildReport, now);
        const next = nextRunAt(timingOf(s), now);
        await withTransaction(db, async (tx) => {
          await repo.recordRun(tx, orgId, s.id, {
            status: outcome.status,
            at: now,
            error: outcome.status === "sent" ? null : outcome.error,
            nextRunAt: next,
            archive: outcome.status === "skipped" && outcome.archive,
          });
          await recordAudit(tx, system, {
            entity: "report_schedule",
            entityId: s.id,
            action: outcome.status === "sent" ? "send" : outcome.status === "failed" ? "send_failed" : "skip",
            after: runAudit(outcome, next),
          });
        });
        out[outcome.status]++;
        if (outcome.status === "failed" && outcome.unexpected) out.unexpected.push(outcome.cause);
      }
      if (batch.length < BATCH) break;
    }
  }
  return out;
}
