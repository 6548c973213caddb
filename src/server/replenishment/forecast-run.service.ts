// The admin's "run the forecast now": the daily job's first steps on demand, audited.
import type { ForecastRun } from "../../shared/contracts/replenishment.ts";
import { withTransaction } from "../db/transaction.ts";
import { AccessErrors, can } from "../platform/access.ts";
import { recordAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { runForecasts } from "./demand-forecasting.ts";
import { refreshAlerts } from "./stock-alerts.service.ts";

/** Forecasts every series of the org, then finds the stock alerts again (they follow the forecast). */
export async function runForecastNow(ctx: Ctx): Promise<ForecastRun> {
  if (!can(ctx.actor, "replenishment.manage")) throw AccessErrors.forbidden();
  const run = await runForecasts(ctx.db, ctx.actor.orgId);
  await refreshAlerts(ctx.db, ctx.actor.orgId);
  await withTransaction(ctx.db, (tx) =>
    recordAudit(tx, ctx, {
      entity: "demand_forecasts",
      entityId: ctx.actor.orgId,
      action: "run",
      after: { series: run.series, medianRelativeMae: run.medianRelativeMae },
    }),
  );
  return run;
}
