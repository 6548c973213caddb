// Small pieces every replenishment screen shows the same way: a plan status, a unit's name, days of cover, a ratio.
import { Badge, Button, Select, Text } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { PlanStatus } from "../../../shared/contracts/replenishment.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { DownloadIcon } from "../analytics/analytics-icons.tsx";
import { localName, useDistributors } from "../orders/use-network-lookups.ts";
import { PLAN_STATUS_COLORS, ratio } from "./replenishment-model.ts";
import { type PlanExportFormat, type PlanParams, useDownloadPlan } from "./use-replenishment.ts";

/** What a cell shows when there is no figure (nothing sells, too little history): a dash in either language. */
export const NO_FIGURE = "—";

export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={PLAN_STATUS_COLORS[status]}
      variant="light"
      tt="none"
      title={t(`replenishment.statusExplain.${status}`)}
      // A status is a word or two: never cut to "At…" in a narrow column.
      styles={{ root: { overflow: "visible" }, label: { overflow: "visible" } }}
      data-testid="plan-status"
      data-status={status}
    >
      {t(`replenishment.status.${status}`)}
    </Badge>
  );
}

/** A pack unit's short name ("case", "pack"), from the orders' catalogue; an unknown code shows as it is. */
export const unitLabel = (t: TFunction, unit: string): string =>
  t(`orders.units.${unit}` as "orders.units.case", { defaultValue: unit });

/** Days as a figure with one decimal, or a dash when nothing sells (the cover is endless). */
export function DaysText({ days, fmtNumber }: { days: number | null; fmtNumber: (n: number) => string }) {
  if (days === null) return <>{NO_FIGURE}</>;
  return <>{fmtNumber(Math.round(days * 10) / 10)}</>;
}

/** A ratio (MASE, relative MAE) with two decimals; green below 1 when `goodBelowOne`. */
export function RatioText({
  value,
  fmtNumber,
  goodBelowOne = false,
  testId,
}: {
  value: number | null;
  fmtNumber: (n: number) => string;
  goodBelowOne?: boolean;
  testId?: string;
}) {
  const r = ratio(value);
  if (r === null)
    return (
      <Text span inherit c="dimmed" data-testid={testId}>
        {NO_FIGURE}
      </Text>
    );
  return (
    <Text
      span
      inherit
      fw={goodBelowOne ? 600 : undefined}
      c={goodBelowOne ? (r < 1 ? "teal.8" : "red.8") : undefined}
      style={{ fontVariantNumeric: "tabular-nums" }}
      data-testid={testId}
      data-value={r}
    >
      {fmtNumber(r)}
    </Text>
  );
}

/** "Export CSV" and "Export XLSX" of exactly the plan the table shows. */
export function PlanExportButtons({ query }: { query: PlanParams }) {
  const { t } = useTranslation();
  const download = useDownloadPlan();
  const busy = (format: PlanExportFormat) => download.isPending && download.variables?.format === format;
  return (
    <>
      {(["csv", "xlsx"] as const).map((format) => (
        <Button
          key={format}
          variant="default"
          leftSection={<DownloadIcon size={16} />}
          loading={busy(format)}
          disabled={download.isPending}
          onClick={() => download.mutate({ query, format })}
          data-testid={`plan-export-${format}`}
        >
          {t(format === "csv" ? "replenishment.common.exportCsv" : "replenishment.common.exportXlsx")}
        </Button>
      ))}
    </>
  );
}

/** A filter by distributor for lists that show all of them when none is chosen (head office and managers). */
export function DistributorFilter({
  value,
  onChange,
  testId,
}: {
  value: string | undefined;
  onChange: (id: string | undefined) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const distributors = useDistributors();
  return (
    <Select
      placeholder={t("replenishment.common.allDistributors")}
      aria-label={t("replenishment.common.distributor")}
      searchable
      clearable
      value={value ?? null}
      onChange={(id) => onChange(id ?? undefined)}
      data={(distributors.data?.items ?? []).map((d) => ({
        value: d.id,
        label: `${localName(d, locale)} · ${d.code}`,
      }))}
      w={{ base: "100%", xs: 280 }}
      data-testid={testId}
    />
  );
}
