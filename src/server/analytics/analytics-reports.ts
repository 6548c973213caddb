// Which reports exist and how each is built: the dashboards' tables as ReportTables, for the export routes and
// the scheduled emails. One entry per report name: its query (as the dashboard's URL has it) and its builder.
import type { z } from "zod";
import {
  AvailabilityQuery,
  DistributorAnalyticsQuery,
  FieldAnalyticsQuery,
  SalesQuery,
  WarningsQuery,
} from "../../shared/contracts/analytics.ts";
import type { CreateReportScheduleRequest } from "../../shared/contracts/report-schedules.ts";
import type { Ctx } from "../platform/context.ts";
import { PlatformErrors } from "../platform/errors.ts";
import { describeIssue, fieldLabel, type Issue } from "../platform/validation-messages.ts";
import { sliceOf } from "./analytics-scope.ts";
import { availabilityReport } from "./availability-analytics.service.ts";
import { distributorsReport } from "./distributor-analytics.service.ts";
import { fieldReport } from "./field-analytics.service.ts";
import { ReportScheduleErrors } from "./report-schedules.errors.ts";
import { type BuiltReport, createReportSchedule, isReportName, type ReportName } from "./report-schedules.service.ts";
import { salesReport } from "./sales-report.ts";
import { warningsReport } from "./sales-warnings.service.ts";

interface ReportDefinition<Q extends z.ZodType> {
  query: Q;
  build(ctx: Ctx, query: z.infer<Q>): Promise<BuiltReport>;
}

const define = <Q extends z.ZodType>(d: ReportDefinition<Q>) => d;

export const REPORTS = {
  sales: define({ query: SalesQuery, build: salesReport }),
  field: define({ query: FieldAnalyticsQuery, build: fieldReport }),
  availability: define({ query: AvailabilityQuery, build: availabilityReport }),
  distributors: define({ query: DistributorAnalyticsQuery, build: distributorsReport }),
  warnings: define({ query: WarningsQuery, build: warningsReport }),
} satisfies Record<ReportName, ReportDefinition<z.ZodType>>;

export type ExportableReport = keyof typeof REPORTS;

/** The report's query from filters kept with a schedule, or a 400 naming what is wrong, in the caller's language. */
function parseFilters(ctx: Ctx, report: ReportName, filters: unknown) {
  const def = (REPORTS as Record<ReportName, ReportDefinition<z.ZodType>>)[report];
  if (!def) throw ReportScheduleErrors.unknownReport({ report });
  const parsed = def.query.safeParse(filters ?? {});
  if (parsed.success) return { def, query: parsed.data };
  const issues = parsed.error.issues.map((i) => ({
    field: fieldLabel(i.path as (string | number)[], "filters"),
    message: describeIssue(i as unknown as Issue, ctx.locale),
  }));
  throw PlatformErrors.invalidRequest({ summary: issues.map((i) => `${i.field}: ${i.message}`).join("; "), issues });
}

/** Builds a report as the caller sees it (the schedule's owner, for emails), from the dashboard's filters. */
export async function buildReport(ctx: Ctx, report: ReportName, filters: unknown): Promise<BuiltReport> {
  const { def, query } = parseFilters(ctx, report, filters);
  return def.build(ctx, query);
}

/** A schedule is refused at creation when its filters would not make its report. */
export async function createCheckedSchedule(ctx: Ctx, input: CreateReportScheduleRequest) {
  if (isReportName(input.report)) {
    const { query } = parseFilters(ctx, input.report, input.filters);
    // A territory or distributor outside the owner's scope is refused now (not found), not at the first sending.
    const { territoryId, distributorId } = query as { territoryId?: string; distributorId?: string };
    await sliceOf(ctx.db, ctx, { territoryId, distributorId });
  }
  return createReportSchedule(ctx, input);
}
