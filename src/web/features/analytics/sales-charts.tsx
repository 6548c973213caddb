// The analytics charts (Mantine charts over recharts). They live in the analytics screens' lazy chunks only, so the
// rest of the web app never downloads a chart library.
import "@mantine/charts/styles.css";
import { BarChart, LineChart } from "@mantine/charts";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { SalesRow } from "../../../shared/contracts/analytics.ts";
import { type Formatters, useFormat } from "../../ui/use-format.ts";
import { compactMoney } from "./analytics-measures.ts";
import { bucketsOf } from "./analytics-period.ts";
import type { ChartGrain } from "./analytics-search.ts";

/** A day, week or month bucket as an axis label: "24 Nov", "Nov 2026" (month names from the catalogue). */
export function bucketLabel(key: string, grain: ChartGrain, fmt: Formatters, t: TFunction): string {
  const [y = "", m = "", d = ""] = key.split("-");
  const month = t(`analytics.months.${Number(m)}` as "analytics.months.1");
  return grain === "month"
    ? `${month} ${fmt.number(Number(y)).replace(/,/g, "")}`
    : `${fmt.number(Number(d))} ${month}`;
}

/** Ordered value per day, week or month, against the same bucket of the previous period when compared. */
export function SalesTrendChart({
  rows,
  grain,
  period,
  compared,
}: {
  rows: SalesRow[];
  grain: ChartGrain;
  period: { from: string; to: string };
  compared: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const units = { lakh: t("analytics.units.lakh"), crore: t("analytics.units.crore") };
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const data = bucketsOf(period.from, period.to, grain).map((key) => {
    const r = byKey.get(key);
    return {
      bucket: bucketLabel(key, grain, fmt, t),
      ordered: r?.current.orderedPoisha ?? 0,
      delivered: r?.current.deliveredPoisha ?? 0,
      ...(compared ? { previous: r?.previous?.orderedPoisha ?? 0 } : {}),
    };
  });
  const series = [
    { name: "ordered", label: t("analytics.chart.ordered"), color: "indigo.6" },
    { name: "delivered", label: t("analytics.chart.delivered"), color: "teal.5" },
    ...(compared
      ? [{ name: "previous", label: t("analytics.chart.previous"), color: "gray.5", strokeDasharray: "5 5" }]
      : []),
  ];
  return (
    <LineChart
      h={280}
      data={data}
      dataKey="bucket"
      series={series}
      curveType="monotone"
      withLegend
      withDots={data.length <= 31}
      valueFormatter={(v) => fmt.money(Math.round(v))}
      yAxisProps={{ width: 96, tickFormatter: (v: number) => compactMoney(fmt, v, units) }}
      data-testid="sales-trend-chart"
    />
  );
}

/** Ordered value per month, oldest first (one outlet's year). */
export function MonthBars({ months }: { months: { month: string; orderedPoisha: number; orders: number }[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const units = { lakh: t("analytics.units.lakh"), crore: t("analytics.units.crore") };
  const data = months.map((m) => ({ month: bucketLabel(m.month, "month", fmt, t), ordered: m.orderedPoisha }));
  return (
    <BarChart
      h={240}
      data={data}
      dataKey="month"
      series={[{ name: "ordered", label: t("analytics.chart.ordered"), color: "cyan.7" }]}
      valueFormatter={(v) => fmt.money(Math.round(v))}
      yAxisProps={{ width: 96, tickFormatter: (v: number) => compactMoney(fmt, v, units) }}
      data-testid="outlet-month-bars"
    />
  );
}

/** Horizontal bars of a few labelled figures (out-of-stock rate by SKU, sales by rep). */
export function LabelledBars({
  data,
  label,
  format,
  color = "cyan.7",
  testId,
}: {
  data: { name: string; value: number }[];
  label: string;
  format: (v: number) => string;
  color?: string;
  testId: string;
}) {
  return (
    <BarChart
      h={Math.max(160, data.length * 28 + 40)}
      data={data}
      dataKey="name"
      orientation="vertical"
      series={[{ name: "value", label, color }]}
      valueFormatter={format}
      yAxisProps={{ width: 160 }}
      data-testid={testId}
    />
  );
}
