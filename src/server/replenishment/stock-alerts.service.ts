// Stock alerts (S5): stock-out, at risk (cover shorter than the lead time: it runs out before a new order can
// arrive), over-stock (more cover than the policy's maximum, or stock nothing is forecast to sell) and near expiry,
// per distributor and SKU. Found once a day after the forecast (refreshAlerts replaces the previous run in one
// transaction), read in the app within the caller's scope, and announced in a daily digest to each distributor's
// users, the managers whose subtree holds it and the admins: in-app, and by email when mail is set up.
import type { z } from "zod";
import type { AlertKind, AlertQuery, AlertsResponse, StockAlert } from "../../shared/contracts/replenishment.ts";
import { ALERT_KINDS } from "../../shared/contracts/replenishment.ts";
import { addDays, businessDate, daysBetween, formatDate, formatNumber } from "../../shared/format.ts";
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
import * as repo from "./replenishment.repository.ts";
import { distributorIdsFor } from "./replenishment.service.ts";
import { loadPolicy, planOf, timingOf } from "./stock-plan.ts";

export type AlertCounts = Record<AlertKind, number>;
const NO_COUNTS = (): AlertCounts => ({ stock_out: 0, at_risk: 0, over_stock: 0, near_expiry: 0 });

/** Recomputes the org's alerts as of `today` from every distributor's plan and its batches. */
export async function refreshAlerts(db: Db, orgId: string, today = businessDate()): Promise<AlertCounts> {
  const policy = await loadPolicy(db, orgId);
  const distributors = await repo.distributorsInScope(db, orgId, { kind: "org" });
  const timings = await timingOf(
    db,
    orgId,
    policy,
    distributors.map((d) => d.id),
  );
  const found: repo.NewAlert[] = [];
  for (const d of distributors) {
    const timing = timings.get(d.id);
    if (!timing) continue;
    const { rows } = await planOf(db, orgId, d.id, policy, timing, today);
    for (const r of rows) {
      const base = { id: newId(), distributor_id: d.id, sku_id: r.skuId, batch_id: null };
      const detail = {
        onHand: r.onHand,
        available: r.available,
        onOrder: r.onOrder,
        avgDaily: r.avgDaily,
        daysOfCover: r.daysOfCover,
        leadTimeDays: timing.leadTimeDays,
        reorderPoint: r.reorderPoint,
        maxCoverDays: policy.maxCoverDays,
      };
      if (r.status === "stock_out" && r.avgDaily > 0)
        // Worst: the most demand lost per day.
        found.push({ ...base, kind: "stock_out", severity: Math.round(r.avgDaily * 100), detail });
      else if (r.status === "at_risk")
        found.push({
          ...base,
          kind: "at_risk",
          severity: Math.round((timing.leadTimeDays - (r.daysOfCover ?? 0)) * 10),
          detail,
        });
      else if (r.status === "over_stock" || (r.avgDaily === 0 && r.onHand > 0))
        found.push({
          ...base,
          kind: "over_stock",
          // No forecast demand at all is the worst over-stock: it is dead stock.
          severity: r.daysOfCover === null ? 1_000_000 : Math.round(r.daysOfCover - policy.maxCoverDays),
          detail,
        });
    }
  }
  const until = addDays(today, policy.nearExpiryDays);
  for (const b of await repo.expiringBatches(db, orgId, until)) {
    const daysLeft = daysBetween(today, b.expiry_date);
    found.push({
      id: newId(),
      distributor_id: b.distributor_id,
      sku_id: b.sku_id,
      batch_id: b.batch_id,
      kind: "near_expiry",
      severity: policy.nearExpiryDays - daysLeft,
      detail: { batchNo: b.batch_no, expiryDate: b.expiry_date, daysLeft, onHand: b.on_hand },
    });
  }
  await withTransaction(db, (tx) => repo.replaceAlerts(tx, orgId, today, found));
  const counts = NO_COUNTS();
  for (const a of found) counts[a.kind]++;
  return counts;
}

type Detail = Record<string, string | number | null>;

/** formatNumber keeps two decimals at most; alerts round first to the precision that matters. */
const num = (v: unknown, l: Locale, digits = 0) => {
  const x = typeof v === "number" ? v : Number(v ?? 0);
  const f = 10 ** digits;
  return formatNumber(Math.round(x * f) / f, l);
};

/** One sentence per alert, in the reader's language. */
export function alertMessage(kind: AlertKind, l: Locale, d: Detail, sku: string): string {
  const bn = l === "bn";
  switch (kind) {
    case "stock_out":
      return bn
        ? `${sku} স্টকে নেই; দিনে প্রায় ${num(d.avgDaily, l, 1)} বিক্রি হওয়ার কথা।`
        : `${sku} is out of stock; about ${num(d.avgDaily, l, 1)} a day would sell.`;
    case "at_risk":
      return bn
        ? `${sku}: ${num(d.daysOfCover, l, 1)} দিনের স্টক, কিন্তু নতুন মাল আসতে ${num(d.leadTimeDays, l)} দিন লাগে।`
        : `${sku}: ${num(d.daysOfCover, l, 1)} days of stock, but a new delivery takes ${num(d.leadTimeDays, l)} days.`;
    case "over_stock":
      return d.daysOfCover === null
        ? bn
          ? `${sku}: ${num(d.onHand, l)} মজুদ আছে, কিন্তু কোনো বিক্রির পূর্বাভাস নেই।`
          : `${sku}: ${num(d.onHand, l)} in stock and no sales forecast.`
        : bn
          ? `${sku}: ${num(d.daysOfCover, l)} দিনের স্টক, সর্বোচ্চ ${num(d.maxCoverDays, l)} দিনের বেশি।`
          : `${sku}: ${num(d.daysOfCover, l)} days of stock, more than the ${num(d.maxCoverDays, l)}-day maximum.`;
    case "near_expiry": {
      const date = formatDate(String(d.expiryDate), l);
      const left = Number(d.daysLeft);
      if (left < 0)
        return bn
          ? `${sku} ব্যাচ ${d.batchNo}: ${num(d.onHand, l)}টির মেয়াদ ${date} তারিখে শেষ হয়ে গেছে।`
          : `${sku} batch ${d.batchNo}: ${num(d.onHand, l)} expired on ${date}.`;
      return bn
        ? `${sku} ব্যাচ ${d.batchNo}: ${num(d.onHand, l)}টির মেয়াদ ${date} তারিখে শেষ (${num(left, l)} দিন বাকি)।`
        : `${sku} batch ${d.batchNo}: ${num(d.onHand, l)} expire on ${date} (${num(left, l)} days left).`;
    }
  }
}

function countsOf(map: Map<string, number>): AlertCounts {
  const counts = NO_COUNTS();
  for (const k of ALERT_KINDS) counts[k] = map.get(k) ?? 0;
  return counts;
}

export async function listAlerts(ctx: Ctx, query: z.infer<typeof AlertQuery>): Promise<AlertsResponse> {
  if (!can(ctx.actor, "replenishment.read")) throw AccessErrors.forbidden();
  const ids = await distributorIdsFor(ctx.db, ctx, query.distributorId);
  const [counts, rows, run] = await Promise.all([
    repo.countAlerts(ctx.db, ctx.actor.orgId, ids),
    repo.listAlerts(ctx.db, ctx.actor.orgId, ids, query),
    repo.alertRun(ctx.db, ctx.actor.orgId),
  ]);
  const bn = ctx.locale === "bn";
  return {
    generatedAt: run ? run.generated_at.toISOString() : null,
    counts: countsOf(counts),
    items: rows.map((a): StockAlert => {
      const detail = (typeof a.detail === "string" ? JSON.parse(a.detail) : a.detail) as Detail;
      return {
        id: a.id,
        kind: a.kind,
        distributorId: a.distributor_id,
        distributorName: a.distributor_name,
        distributorNameBn: a.distributor_name_bn,
        skuId: a.sku_id,
        skuCode: a.sku_code,
        skuName: a.sku_name,
        skuNameBn: a.sku_name_bn,
        batchNo: a.batch_no,
        severity: a.severity,
        message: alertMessage(a.kind, ctx.locale, detail, bn ? a.sku_name_bn : a.sku_name),
        detail,
        detectedOn: a.detected_on,
      };
    }),
  };
}

export async function refreshOwnAlerts(ctx: Ctx): Promise<AlertsResponse> {
  if (!can(ctx.actor, "replenishment.manage")) throw AccessErrors.forbidden();
  const counts = await refreshAlerts(ctx.db, ctx.actor.orgId);
  await withTransaction(ctx.db, (tx) =>
    recordAudit(tx, ctx, { entity: "stock_alerts", entityId: ctx.actor.orgId, action: "refresh", after: counts }),
  );
  return listAlerts(ctx, { limit: 200 });
}

// --- the daily digest

export const ALERT_DIGEST_KIND = "replenishment.alerts_digest";
const KIND_WORDS: Record<AlertKind, { en: string; bn: string }> = {
  stock_out: { en: "out of stock", bn: "স্টক শেষ" },
  at_risk: { en: "at risk", bn: "ঝুঁকিতে" },
  over_stock: { en: "over-stocked", bn: "অতিরিক্ত স্টক" },
  near_expiry: { en: "near expiry", bn: "মেয়াদ শেষের পথে" },
};

export function alertDigestTitle(c: AlertCounts, l: Locale): string {
  const parts = ALERT_KINDS.filter((k) => c[k] > 0).map((k) => `${formatNumber(c[k], l)} ${KIND_WORDS[k][l]}`);
  return l === "bn" ? `স্টক সতর্কতা: ${parts.join(", ")}` : `Stock alerts: ${parts.join(", ")}`;
}

export interface AlertDigestResult {
  notified: number;
  emailed: number;
  failed: { userId: string; reason: string }[];
}

/**
 * Each distributor user (its own alerts), manager (the distributors based in their subtree) and admin (all) with at
 * least one alert gets a notification with the counts and, if mail is set up, an email naming the worst few. Someone
 * notified since this run already has it, so a retry posts nothing twice.
 */
export async function sendAlertDigests(
  db: Db,
  orgId: string,
  mailer: Pick<Mailer, "configured" | "send">,
): Promise<AlertDigestResult> {
  const result: AlertDigestResult = { notified: 0, emailed: 0, failed: [] };
  const run = await repo.alertRun(db, orgId);
  if (!run) return result;
  const [recipients, distributors, already] = await Promise.all([
    repo.alertRecipients(db, orgId),
    repo.distributorsInScope(db, orgId, { kind: "org" }),
    db
      .selectFrom("notifications")
      .select("user_id")
      .where("org_id", "=", orgId)
      .where("kind", "=", ALERT_DIGEST_KIND)
      .where("created_at", ">=", run.generated_at)
      .execute()
      .then((r) => new Set(r.map((n) => n.user_id))),
  ]);
  for (const r of recipients) {
    if (already.has(r.id)) continue;
    const ids =
      r.role === "admin"
        ? distributors.map((d) => d.id)
        : r.role === "distributor"
          ? r.distributor_id
            ? [r.distributor_id]
            : []
          : r.path
            ? distributors.filter((d) => d.territory_path.startsWith(r.path as string)).map((d) => d.id)
            : [];
    if (ids.length === 0) continue;
    const counts = countsOf(await repo.countAlerts(db, orgId, ids));
    if (ALERT_KINDS.every((k) => counts[k] === 0)) continue;
    await withTransaction(db, (tx) =>
      notify(tx, orgId, {
        userIds: [r.id],
        kind: ALERT_DIGEST_KIND,
        title: { en: alertDigestTitle(counts, "en"), bn: alertDigestTitle(counts, "bn") },
        body: {
          en: `As of ${formatDate(run.detected_on, "en")}. Open the list to act on them.`,
          bn: `${formatDate(run.detected_on, "bn")} তারিখ পর্যন্ত। ব্যবস্থা নিতে তালিকাটি খুলুন।`,
        },
        link: "/replenishment/alerts",
      }),
    );
    result.notified++;
    if (!mailer.configured) continue;
    const worst = await repo.listAlerts(db, orgId, ids, { limit: 10 });
    const l = r.locale;
    const lines = worst.map((a) => {
      const detail = (typeof a.detail === "string" ? JSON.parse(a.detail) : a.detail) as Detail;
      const sku = l === "bn" ? a.sku_name_bn : a.sku_name;
      const dist = l === "bn" ? a.distributor_name_bn : a.distributor_name;
      return `- ${dist}: ${alertMessage(a.kind, l, detail, sku)}`;
    });
    try {
      await mailer.send({
        to: r.email,
        subject: alertDigestTitle(counts, l),
        text: [
          alertDigestTitle(counts, l),
          "",
          l === "bn" ? "সবচেয়ে জরুরি:" : "Most urgent:",
          ...lines,
          "",
          l === "bn" ? "সব সতর্কতা: /replenishment/alerts" : "All alerts: /replenishment/alerts",
        ].join("\n"),
      });
      result.emailed++;
    } catch (err) {
      result.failed.push({ userId: r.id, reason: err instanceof MailSendFailed ? err.reason : String(err) });
    }
  }
  return result;
}
