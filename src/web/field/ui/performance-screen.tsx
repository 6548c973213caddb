// The rep's own numbers, today and this month (from the server, which counts what has synced), with the target
// when one is set. The last answer is kept on the phone, so the screen still shows it offline, with its time.
import { useCallback, useEffect, useState } from "react";
import type { FieldKpis, FieldPerformanceResponse } from "../../../shared/contracts/field.ts";
import { type ApiCall, isFieldApiError } from "../api/field-api.ts";
import { useLocaleState } from "../i18n/field-i18n.ts";
import { useFieldData } from "./field-data.tsx";
import { Button, Card, Notice, ScreenTitle, Stat } from "./ui-kit.tsx";
import { useFieldFormat } from "./use-field-format.ts";
import { useLive } from "./use-live.ts";

export function PerformanceScreen(props: { api: ApiCall }) {
  const { t } = useLocaleState();
  const fmt = useFieldFormat();
  const data = useFieldData();
  const cached = useLive(() => data.db.getMeta("performance"), [data.db], undefined);
  const mine = cached && cached.userId === data.userId ? cached : undefined;
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      const perf = await props.api<FieldPerformanceResponse>("GET", "/api/v1/field/performance");
      await data.db.setMeta("performance", { userId: data.userId, fetchedAt: new Date().toISOString(), data: perf });
    } catch (e) {
      if (!isFieldApiError(e)) throw e;
      setError(e.status === 0 ? t("performance.offline") : e.message || t("errors.generic"));
    } finally {
      setLoading(false);
    }
  }, [props.api, data.db, data.userId, t]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <div className="stack" data-testid="field-performance">
      <ScreenTitle
        title={t("performance.title")}
        subtitle={mine ? t("performance.asOf", { time: fmt.dateTime(mine.fetchedAt) }) : undefined}
      />
      {error ? <Notice tone={mine ? "warn" : "error"}>{error}</Notice> : null}
      <Button onClick={() => void refresh()} disabled={loading} data-testid="field-performance-refresh">
        {loading ? t("app.wait") : t("performance.refresh")}
      </Button>
      {mine ? (
        <>
          <Card testId="field-target">
            <h2>{t("performance.target")}</h2>
            {mine.data.target ? (
              <>
                <div className="progress" aria-hidden="true">
                  <span style={{ width: `${Math.min(100, mine.data.target.achievedBp / 100)}%` }} />
                </div>
                <p>
                  {t("performance.targetProgress", {
                    achieved: fmt.percent(mine.data.target.achievedBp),
                    target: fmt.money(mine.data.target.valuePoisha),
                  })}
                </p>
                <TargetRunRate target={mine.data.target} />
              </>
            ) : (
              <p className="muted" data-testid="field-no-target">
                {t("performance.noTarget")}
              </p>
            )}
          </Card>
          <Kpis title={t("performance.today")} kpis={mine.data.today} testId="field-kpis-today" />
          <Kpis
            title={t("performance.month", { since: fmt.date(mine.data.monthStart) })}
            kpis={mine.data.month}
            testId="field-kpis-month"
          />
        </>
      ) : null}
    </div>
  );
}

/** The month so far against the target: sold, the run-rate projection, what each working day left needs, the status. */
function TargetRunRate(props: { target: NonNullable<FieldPerformanceResponse["target"]> }) {
  const { t } = useLocaleState();
  const fmt = useFieldFormat();
  const { achievedPoisha, projectedPoisha, requiredDailyPoisha, status } = props.target;
  return (
    <div data-testid="field-target-run-rate">
      {status ? (
        <p>
          <strong>{t(`performance.targetStatus.${status}`)}</strong>
        </p>
      ) : null}
      {achievedPoisha !== undefined ? (
        <p>{t("performance.targetSold", { achieved: fmt.money(achievedPoisha) })}</p>
      ) : null}
      {projectedPoisha != null ? (
        <p>{t("performance.targetRunRate", { projected: fmt.money(projectedPoisha) })}</p>
      ) : null}
      {requiredDailyPoisha != null && status !== "achieved" ? (
        <p>{t("performance.targetNeeded", { needed: fmt.money(requiredDailyPoisha) })}</p>
      ) : null}
    </div>
  );
}

function Kpis(props: { title: string; kpis: FieldKpis; testId: string }) {
  const { t } = useLocaleState();
  const fmt = useFieldFormat();
  const k = props.kpis;
  const dash = "—";
  return (
    <Card testId={props.testId}>
      <h2>{props.title}</h2>
      <div className="stats">
        <Stat label={t("performance.sales")} value={fmt.money(k.salesPoisha)} />
        <Stat label={t("performance.orders")} value={fmt.number(k.orders)} />
        <Stat label={t("performance.visits")} value={`${fmt.number(k.productiveVisits)} / ${fmt.number(k.visits)}`} />
        <Stat
          label={t("performance.strikeRate")}
          value={k.strikeRateBp === null ? dash : fmt.percent(k.strikeRateBp)}
        />
        <Stat
          label={t("performance.linesPerCall")}
          value={k.linesPerCallX100 === null ? dash : fmt.number(k.linesPerCallX100 / 100)}
        />
        <Stat
          label={t("performance.dropSize")}
          value={k.dropSizePoisha === null ? dash : fmt.money(k.dropSizePoisha)}
        />
        <Stat
          label={t("performance.beatCompliance")}
          value={
            k.beatComplianceBp === null
              ? dash
              : `${fmt.percent(k.beatComplianceBp)} (${fmt.number(k.plannedVisited)}/${fmt.number(k.plannedOutlets)})`
          }
        />
        <Stat
          label={t("performance.outsideRadius")}
          value={fmt.number(k.outsideRadiusVisits)}
          tone={k.outsideRadiusVisits > 0 ? "warn" : undefined}
        />
      </div>
    </Card>
  );
}
