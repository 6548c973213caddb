// Early warnings (A4): found once a day for each org from the rollups (refreshWarnings, which replaces the previous
// run in one transaction), read by each manager inside their subtree (listWarnings), and announced in a daily
// digest: an in-app notification with the counts and, when email is set up, an email with the worst of each kind.
// The rules and their thresholds are in sales-warning-rules.ts.
import type { Warning, WarningKind, WarningsQuery, WarningsResponse } from "../../shared/contracts/analytics.ts";
import { WARNING_KINDS } from "../../shared/contracts/analytics.ts";
import { addDays, businessDate, formatDate } from "../../shared/format.ts";
import { newId } from "../../shared/ids.ts";
import type { Locale } from "../../shared/locale.ts";
import type { Db } from "../db/transaction.ts";
import { withTransaction } from "../db/transaction.ts";
import { AccessErrors, can } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { MailSendFailed } from "../platform/mail/mail.errors.ts";
import type { Mailer } from "../platform/mail/mailer.ts";
import { notify } from "../platform/notifications/notifications.service.ts";
import { territoryValueTargets } from "../targets/targets.service.ts";
import { sliceOf } from "./analytics-scope.ts";
import type { ReportTable } from "./report-table.ts";
import { applyPendingSalesChanges } from "./sales-rollups.service.ts";
import {
  monthSoFar,
  OUTLET_STOPPED,
  outletStopped,
  runRateBehind,
  SKU_FALLING,
  skuFalling,
} from "./sales-warning-rules.ts";
import {
  type DigestCounts,
  digestBody,
  digestEmailText,
  digestTitle,
  KIND_LABELS,
  WARNING_COLUMNS,
  WARNINGS_TITLE,
  warningMessage,
} from "./sales-warnings.messages.ts";
import * as repo from "./sales-warnings.repository.ts";

export type WarningCounts = DigestCounts;

const NO_COUNTS = (): WarningCounts => ({ outlet_stopped: 0, sku_falling: 0, territory_behind: 0 });

/** The first day of the month before this date's month. */
function previousMonthStart(monthStart: string): string {
  return `${addDays(monthStart, -1).slice(0, 8)}01`;
}

/**
 * Recomputes an org's warnings as of `today` (a business date) and replaces the previous run, in one transaction:
 * a reader sees the old list or the new one, never half of each. Reads the rollups as they stand; the daily job
 * applies pending changes first.
 */
export async function refreshWarnings(db: Db, orgId: string, today = businessDate()): Promise<WarningCounts> {
  return withTransaction(db, async (tx) => {
    const found: repo.NewWarning[] = [];

    const habits = await repo.outletOrderDays(
      tx,
      orgId,
      addDays(today, -OUTLET_STOPPED.lookbackDays),
      today,
      OUTLET_STOPPED.minOrderDays,
    );
    for (const h of habits) {
      const stopped = outletStopped(h.days, today);
      if (!stopped) continue;
      found.push({
        id: newId(),
        kind: "outlet_stopped",
        subjectId: h.outlet_id,
        territoryPath: h.territory_path,
        distributorId: h.distributor_id,
        severity: stopped.overdueDays,
        detail: { ...stopped },
      });
    }

    // Complete days only: the window ends yesterday.
    const recentFrom = addDays(today, -SKU_FALLING.recentDays);
    const trends = await repo.skuNodeTrends(tx, orgId, {
      baselineFrom: addDays(recentFrom, -SKU_FALLING.baselineDays),
      recentFrom,
      to: addDays(today, -1),
    });
    for (const t of trends) {
      const trend = { recentQty: t.recent_qty, baselineQty: t.baseline_qty, baselineWeeksSold: t.weeks_sold };
      const fall = skuFalling(trend);
      if (!fall) continue;
      found.push({
        id: newId(),
        kind: "sku_falling",
        subjectId: t.sku_id,
        territoryPath: t.node_path,
        distributorId: null,
        severity: -fall.changeBp,
        detail: { ...trend, ...fall },
      });
    }

    const month = monthSoFar(today);
    const months =
      month.elapsedDays > 0
        ? await repo.territoryMonths(tx, orgId, {
            previousMonthStart: previousMonthStart(month.monthStart),
            monthStart: month.monthStart,
            to: addDays(today, -1),
          })
        : [];
    // The benchmark: the territory's value target for the month when one is set, else last month's total.
    const targets =
      months.length > 0 ? await territoryValueTargets(tx, orgId, month.monthStart) : new Map<string, number>();
    for (const m of months) {
      const target = targets.get(m.territory_id);
      const benchmarkPoisha = target ?? m.previous_month;
      const behind = runRateBehind(m.month_to_date, month.elapsedDays, month.daysInMonth, benchmarkPoisha);
      if (!behind) continue;
      found.push({
        id: newId(),
        kind: "territory_behind",
        subjectId: m.territory_id,
        territoryPath: m.path,
        distributorId: null,
        severity: 10_000 - behind.achievedBp,
        detail: {
          month: month.monthStart.slice(0, 7),
          level: m.level,
          monthToDatePoisha: m.month_to_date,
          elapsedDays: month.elapsedDays,
          daysInMonth: month.daysInMonth,
          projectedPoisha: behind.projectedPoisha,
          benchmarkPoisha,
          benchmark: target === undefined ? "previous_month" : "target",
          achievedBp: behind.achievedBp,
        },
      });
    }

    await repo.replaceWarnings(tx, orgId, today, found);
    const counts = NO_COUNTS();
    for (const w of found) counts[w.kind]++;
    return counts;
  });
}

type WarningRow = Awaited<ReturnType<typeof repo.listWarnings>>[number];

function warningOf(w: WarningRow, locale: Locale): Warning {
  const detail = (w.detail ?? {}) as Record<string, string | number | null>;
  const bn = locale === "bn";
  const subject = (bn ? w.subject_name_bn : w.subject_name) ?? w.subject_code ?? "";
  const territory = (bn ? w.territory_name_bn : w.territory_name) ?? "";
  return {
    id: w.id,
    kind: w.kind,
    severity: w.severity,
    subjectId: w.subject_id,
    subjectLabel: w.subject_name ?? w.subject_code ?? "",
    subjectLabelBn: w.subject_name_bn,
    territoryName: w.territory_name,
    territoryNameBn: w.territory_name_bn,
    message: warningMessage(w.kind, locale, detail, { subject, territory }),
    detectedOn: w.detected_on,
    detail,
  };
}

function countsOf(map: Map<string, number>): WarningCounts {
  const counts = NO_COUNTS();
  for (const kind of WARNING_KINDS) counts[kind] = map.get(kind) ?? 0;
  return counts;
}

/**
 * The warnings inside the caller's slice (a manager's subtree, a distributor's own outlets), worst first within
 * each kind, in the caller's language. Counts are of the whole slice, whatever kind and limit were asked for.
 * With a distributor in the slice only its outlets that stopped show: SKUs and territories are measured across
 * all distributors, so they are nobody's in particular.
 */
export async function listWarnings(ctx: Ctx, query: WarningsQuery): Promise<WarningsResponse> {
  const slice = await sliceOf(ctx.db, ctx, { territoryId: query.territoryId, distributorId: query.distributorId });
  const filter: repo.WarningFilter = { path: slice.path, distributorId: slice.distributorId };
  const [counts, rows, generatedAt] = await Promise.all([
    repo.countWarnings(ctx.db, slice.orgId, filter),
    repo.listWarnings(ctx.db, slice.orgId, { ...filter, kind: query.kind }, query.limit),
    repo.warningsGeneratedAt(ctx.db, slice.orgId),
  ]);
  return {
    generatedAt: generatedAt ? new Date(generatedAt).toISOString() : null,
    counts: countsOf(counts),
    items: rows.map((w) => warningOf(w, ctx.locale)),
  };
}

/** The admin's "look now": applies what the rollups have queued, recomputes the org's warnings, answers the list. */
export async function refreshOwnWarnings(ctx: Ctx): Promise<WarningsResponse> {
  if (!can(ctx.actor, "analytics.manage")) throw AccessErrors.forbidden();
  await applyPendingSalesChanges(ctx.db);
  await withTransaction(ctx.db, async (tx) => {
    const counts = await refreshWarnings(tx, ctx.actor.orgId);
    await recordAudit(tx, ctx, {
      entity: "sales_analytics",
      entityId: ctx.actor.orgId,
      action: "refresh_warnings",
      after: counts,
    });
  });
  return listWarnings(ctx, { limit: 200 });
}

/** The warnings list as a report (export, scheduled email), in the caller's language. */
export async function warningsReport(
  ctx: Ctx,
  query: WarningsQuery,
): Promise<{ table: ReportTable; summary: string[] }> {
  const res = await listWarnings(ctx, query);
  const l = ctx.locale;
  const bn = l === "bn";
  const label = (key: keyof typeof WARNING_COLUMNS) => WARNING_COLUMNS[key]?.[l] ?? key;
  const subtitle = [
    query.kind ? KIND_LABELS[query.kind][l] : null,
    res.generatedAt ? `${label("detectedOn")}: ${formatDate(res.generatedAt, l)}` : null,
  ]
    .filter(Boolean)
    .join(" · ");
  const table: ReportTable = {
    title: WARNINGS_TITLE[l],
    subtitle: subtitle || null,
    locale: l,
    columns: [
      { key: "kind", label: label("kind"), kind: "text" },
      { key: "subject", label: label("subject"), kind: "text" },
      { key: "territory", label: label("territory"), kind: "text" },
      { key: "severity", label: label("severity"), kind: "integer" },
      { key: "message", label: label("message"), kind: "text" },
      { key: "detectedOn", label: label("detectedOn"), kind: "date" },
    ],
    rows: res.items.map((w) => ({
      kind: KIND_LABELS[w.kind][l],
      subject: (bn ? w.subjectLabelBn : w.subjectLabel) ?? w.subjectLabel,
      territory: (bn ? w.territoryNameBn : w.territoryName) ?? null,
      severity: w.severity,
      message: w.message,
      detectedOn: w.detectedOn,
    })),
    totals: null,
  };
  return { table, summary: [digestTitle(res.counts, l)] };
}

/** The notification kind of the digest; also how a second sending knows who has this run's digest already. */
export const DIGEST_KIND = "analytics.warnings_digest";
/** The worst warnings of each kind an email names. */
const DIGEST_WORST = 5;

export interface DigestResult {
  notified: number;
  emailed: number;
  /** Emails the mail server refused or could not take, and why; the in-app notification stands. */
  failed: { userId: string; reason: string }[];
}

/**
 * The daily digest for every org with warnings found on `today`: each active admin (the whole org) and manager
 * (their subtree) with at least one warning gets an in-app notification with the counts and, when the mailer is
 * configured, an email in their language naming the worst few. Someone already notified since the warnings were
 * last found is skipped, so sending again for the same run (a retry after a failure) posts nothing twice. Emails go after the notification's commit; a refused email does not stop the rest.
 */
export async function sendWarningDigests(
  db: Db,
  mailer: Pick<Mailer, "configured" | "send">,
  today = businessDate(),
): Promise<DigestResult> {
  const result: DigestResult = { notified: 0, emailed: 0, failed: [] };
  for (const orgId of await repo.orgsWithWarningsOn(db, today)) {
    // One digest per run of the warnings: whoever was notified after the run has its digest already.
    const run = await repo.warningsGeneratedAt(db, orgId);
    const [recipients, already] = await Promise.all([
      repo.digestRecipients(db, orgId),
      run ? repo.usersWithDigestSince(db, orgId, DIGEST_KIND, run) : Promise.resolve(new Set<string>()),
    ]);
    for (const r of recipients) {
      if (already.has(r.id)) continue;
      const filter: repo.WarningFilter = { path: r.path, distributorId: null };
      const counts = countsOf(await repo.countWarnings(db, orgId, filter));
      if (counts.outlet_stopped + counts.sku_falling + counts.territory_behind === 0) continue;
      await withTransaction(db, (tx) =>
        notify(tx, orgId, {
          userIds: [r.id],
          kind: DIGEST_KIND,
          title: { en: digestTitle(counts, "en"), bn: digestTitle(counts, "bn") },
          body: { en: digestBody(today, "en"), bn: digestBody(today, "bn") },
          link: "/analytics/warnings",
        }),
      );
      result.notified++;
      if (!mailer.configured) continue;
      const worst = {} as Record<WarningKind, string[]>;
      for (const kind of WARNING_KINDS)
        worst[kind] =
          counts[kind] === 0
            ? []
            : (await repo.listWarnings(db, orgId, { ...filter, kind }, DIGEST_WORST)).map(
                (w) => warningOf(w, r.locale).message,
              );
      try {
        await mailer.send({
          to: r.email,
          subject: digestTitle(counts, r.locale),
          text: digestEmailText(counts, today, r.locale, worst),
        });
        result.emailed++;
      } catch (err) {
        result.failed.push({ userId: r.id, reason: err instanceof MailSendFailed ? err.reason : String(err) });
      }
    }
  }
  return result;
}
