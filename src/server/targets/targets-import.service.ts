// Targets from a CSV file, all rows or none (like the network's imports): every row is checked, every problem is
// reported with its spreadsheet row (the header is row 1) in the caller's language, and only a clean file is written.
//
// Columns: period (2026-11 for a month, 2026-Q4 for a quarter), subject_kind (rep, distributor, territory, outlet),
// subject_code (a rep's email, a distributor's, territory's or outlet's code), metric, sku_code (focus_sku only),
// target: value in taka (up to two decimals), volume and focus_sku in base units, new_outlets a count, coverage
// in percent (up to two decimals).
import type { z } from "zod";
import type { CsvImportRequest, ImportRowError } from "../../shared/contracts/network.ts";
import {
  MAX_TARGET_VALUE,
  TARGET_METRICS,
  TARGET_SUBJECT_KINDS,
  type TargetMetric,
  type TargetPeriodKind,
  type TargetSubjectKind,
} from "../../shared/contracts/targets.ts";
import { newId } from "../../shared/ids.ts";
import type { Locale } from "../../shared/locale.ts";
import { withTransaction } from "../db/transaction.ts";
import { AccessErrors, can } from "../platform/access.ts";
import type { Ctx } from "../platform/context.ts";
import { parseCsvWithHeader } from "../platform/csv.ts";
import { SUBJECT_WORDS, TARGET_IMPORT_MESSAGES, TargetErrors, type TargetImportMessage } from "./targets.errors.ts";
import * as repo from "./targets.repository.ts";
import { subjectVisible, writeTargets } from "./targets.service.ts";

const COLUMNS = ["period", "subject_kind", "subject_code", "metric", "sku_code", "target"] as const;
const MAX_ROWS = 20_000;
const MAX_REPORTED = 500;

class Report {
  readonly errors: ImportRowError[] = [];
  constructor(private readonly locale: Locale) {}
  add(row: number, column: string | null, code: TargetImportMessage, values: Record<string, string | number> = {}) {
    if (this.errors.length >= MAX_REPORTED) return;
    const message = TARGET_IMPORT_MESSAGES[code][this.locale].replace(/\{(\w+)\}/g, (m, k: string) =>
      k === "column" ? (column ?? m) : String(values[k] ?? m),
    );
    this.errors.push({
      row,
      column,
      code: `targets.import.${code.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`,
      message,
    });
  }
}

/** "2026-11" -> a month, "2026-Q4" -> a quarter; null for anything else. */
export function periodOfCell(v: string): { kind: TargetPeriodKind; start: string } | null {
  // There is no year 0 (PostgreSQL refuses it).
  if (/^0000-/.test(v)) return null;
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(v);
  if (month) return { kind: "month", start: `${month[1]}-${month[2]}-01` };
  const quarter = /^(\d{4})-[Qq]([1-4])$/.exec(v);
  if (quarter)
    return { kind: "quarter", start: `${quarter[1]}-${String((Number(quarter[2]) - 1) * 3 + 1).padStart(2, "0")}-01` };
  return null;
}

/** The target cell in the metric's stored unit (taka -> poisha, percent -> basis points); null when not valid. */
export function targetOfCell(metric: TargetMetric, v: string): number | null {
  const scaled = metric === "value" || metric === "coverage";
  const m = (scaled ? /^(\d{1,13})(?:\.(\d{1,2}))?$/ : /^(\d{1,15})$/).exec(v.replace(/,/g, ""));
  if (!m) return null;
  const n = scaled ? Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0")) : Number(m[1]);
  if (n > MAX_TARGET_VALUE || (metric === "coverage" && n > 10_000)) return null;
  return n;
}

interface Parsed {
  row: number;
  kind: TargetPeriodKind;
  start: string;
  subjectKind: TargetSubjectKind;
  subjectCode: string;
  metric: TargetMetric;
  skuCode: string | null;
  target: number;
}

export async function importTargets(ctx: Ctx, input: z.infer<typeof CsvImportRequest>) {
  if (!can(ctx.actor, "targets.manage")) throw AccessErrors.forbidden();
  const report = new Report(ctx.locale);
  const { columns, rows } = parseCsvWithHeader(input.csv);
  if (rows.length === 0) throw TargetErrors.importEmpty();
  for (const c of COLUMNS) if (c !== "sku_code" && !columns.includes(c)) report.add(1, c, "missingColumn");
  if (rows.length > MAX_ROWS) report.add(MAX_ROWS + 2, null, "missingColumn");
  if (report.errors.length > 0)
    throw TargetErrors.importInvalid({ count: report.errors.length, errors: report.errors });

  const parsed: Parsed[] = [];
  for (const { row, values } of rows) {
    const cell = (c: string) => values[c] ?? "";
    const period = periodOfCell(cell("period"));
    if (!period) report.add(row, "period", cell("period") === "" ? "required" : "badPeriod");
    const subjectKind = cell("subject_kind").toLowerCase() as TargetSubjectKind;
    const kindOk = (TARGET_SUBJECT_KINDS as readonly string[]).includes(subjectKind);
    if (!kindOk) report.add(row, "subject_kind", cell("subject_kind") === "" ? "required" : "badSubjectKind");
    const subjectCode = cell("subject_code");
    if (subjectCode === "") report.add(row, "subject_code", "required");
    const metric = cell("metric").toLowerCase() as TargetMetric;
    const metricOk = (TARGET_METRICS as readonly string[]).includes(metric);
    if (!metricOk) report.add(row, "metric", cell("metric") === "" ? "required" : "badMetric");
    const skuCode = cell("sku_code") || null;
    if (metricOk && (metric === "focus_sku") !== (skuCode !== null)) report.add(row, "sku_code", "skuNeeded");
    const target = metricOk ? targetOfCell(metric, cell("target")) : null;
    if (metricOk && target === null) report.add(row, "target", cell("target") === "" ? "required" : "badTarget");
    if (period && kindOk && subjectCode && metricOk && target !== null)
      parsed.push({ row, kind: period.kind, start: period.start, subjectKind, subjectCode, metric, skuCode, target });
  }

  return withTransaction(ctx.db, async (tx) => {
    const orgId = ctx.actor.orgId;
    const subjects = new Map<string, repo.SubjectRow>();
    for (const kind of TARGET_SUBJECT_KINDS) {
      const codes = [...new Set(parsed.filter((p) => p.subjectKind === kind).map((p) => p.subjectCode))];
      for (const s of await repo.findSubjects(tx, orgId, kind, { codes }))
        if (subjectVisible(ctx.actor, kind, s)) subjects.set(`${kind}|${s.code.toLowerCase()}`, s);
    }
    const skuCodes = [...new Set(parsed.flatMap((p) => (p.skuCode ? [p.skuCode] : [])))];
    const skus = new Map((await repo.findSkus(tx, orgId, { codes: skuCodes })).map((s) => [s.code, s.id]));
    const firstRow = new Map<string, number>();
    const out: repo.TargetValues[] = [];
    for (const p of parsed) {
      const subject = subjects.get(`${p.subjectKind}|${p.subjectCode.toLowerCase()}`);
      if (!subject) {
        const words = SUBJECT_WORDS[p.subjectKind];
        report.add(p.row, "subject_code", "unknownSubject", { kind: words.en, kindBn: words.bn, value: p.subjectCode });
        continue;
      }
      const skuId = p.skuCode ? skus.get(p.skuCode) : null;
      if (skuId === undefined) {
        report.add(p.row, "sku_code", "unknownSku", { value: p.skuCode ?? "" });
        continue;
      }
      const key = [p.kind, p.start, p.subjectKind, subject.id, p.metric, skuId ?? ""].join("|");
      const first = firstRow.get(key);
      if (first !== undefined) {
        report.add(p.row, null, "duplicate", { first });
        continue;
      }
      firstRow.set(key, p.row);
      out.push({
        id: newId(),
        period_kind: p.kind,
        period_start: p.start,
        subject_kind: p.subjectKind,
        subject_id: subject.id,
        metric: p.metric,
        sku_id: skuId,
        target_value: p.target,
        source: "csv",
        set_by: ctx.actor.userId,
      });
    }
    if (report.errors.length > 0)
      throw TargetErrors.importInvalid({
        count: report.errors.length,
        errors: report.errors.sort((a, b) => a.row - b.row),
      });
    await writeTargets(tx, ctx, out);
    return { imported: out.length };
  });
}
