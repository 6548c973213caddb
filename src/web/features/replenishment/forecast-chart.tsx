// One series' chart: the days sold (history) and the forecast ahead in another colour, today marked, and the days a
// demand event (Eid, Puja...) covers shaded. Mantine charts (recharts) load with this screen's lazy chunk only.
import "@mantine/charts/styles.css";
import { LineChart } from "@mantine/charts";
import { useTranslation } from "react-i18next";
import type { ForecastResponse } from "../../../shared/contracts/replenishment.ts";
import { useFormat } from "../../ui/use-format.ts";
import { bucketLabel } from "../analytics/sales-charts.tsx";
import { forecastChartData } from "./replenishment-model.ts";

const isDay = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);

export function ForecastChart({ forecast }: { forecast: Pick<ForecastResponse, "history" | "forecast"> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { points, firstForecastDay, eventSpans } = forecastChartData(forecast);
  // "24 Nov": the year is in the page's context; the axis has no room for it.
  const dayLabel = (day: string) => bucketLabel(day, "day", fmt, t);
  return (
    <div data-testid="forecast-chart" data-points={points.length}>
      <LineChart
        h={320}
        data={points}
        dataKey="day"
        series={[
          { name: "actual", label: t("replenishment.forecast.history"), color: "indigo.6" },
          { name: "forecast", label: t("replenishment.forecast.forecast"), color: "orange.6", strokeDasharray: "6 3" },
        ]}
        curveType="linear"
        connectNulls={false}
        withLegend
        withDots={false}
        strokeWidth={2}
        valueFormatter={(v) => fmt.number(Math.round(v * 10) / 10)}
        xAxisProps={{ tickFormatter: dayLabel, minTickGap: 24 }}
        yAxisProps={{ width: 56 }}
        tooltipProps={{ labelFormatter: (label) => (isDay(label) ? fmt.date(label) : String(label ?? "")) }}
        referenceLines={
          firstForecastDay
            ? [{ x: firstForecastDay, color: "gray.6", label: t("replenishment.forecast.today"), labelPosition: "top" }]
            : []
        }
        referenceAreas={eventSpans.map((s) => ({
          x1: s.from,
          x2: s.to,
          color: "orange.4",
          fillOpacity: 0.25,
          label: t("replenishment.forecast.event"),
          labelPosition: "insideTop",
        }))}
      />
    </div>
  );
}
