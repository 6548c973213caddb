// /analytics/distributors: per distributor, what the company sold in (primary) against what went out to the
// market (secondary ordered and delivered, and the sell-through), what was collected, and the dues by age.
import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";
import { Paper, Skeleton, Stack, Table, Text } from "@mantine/core";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { DistributorAnalyticsResponse } from "../../../shared/contracts/analytics.ts";
import { businessDate } from "../../../shared/format.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { type Formatters, useFormat } from "../../ui/use-format.ts";
import { DistributorLink } from "../network/network-links.tsx";
import { AnalyticsFilterBar } from "./analytics-filter-bar.tsx";
import { compactMoney, percentText } from "./analytics-measures.ts";
import { AnalyticsPageHeader } from "./analytics-page-header.tsx";
import { resolvePeriod } from "./analytics-period.ts";
import type { AnalyticsBaseSearch } from "./analytics-search.ts";
import { ExportButtons } from "./export-buttons.tsx";
import { ScheduleReportButton } from "./schedule-report-modal.tsx";
import { type DistributorParams, useDistributorAnalytics } from "./use-analytics.ts";

const route = getRouteApi("/_app/analytics/distributors");

export function DistributorAnalyticsRoute() {
  return (
    <RequirePermission permission="analytics.read">
      <DistributorAnalyticsPage />
    </RequirePermission>
  );
}

const numCell = { textAlign: "right", whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" } as const;
const CHART_ROWS = 12;

type Totals = DistributorAnalyticsResponse["totals"];
const MONEY_COLUMNS = [
  "primaryPoisha",
  "secondaryOrderedPoisha",
  "secondaryDeliveredPoisha",
] as const satisfies readonly (keyof Totals)[];
const AGEING = ["current", "d1to30", "d31to60", "d61to90", "over90"] as const;

function DistributorAnalyticsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const setSearch = (patch: Partial<AnalyticsBaseSearch>, push = false) =>
    void navigate({ search: (s: AnalyticsBaseSearch) => ({ ...s, ...patch }), replace: !push });
  const range = resolvePeriod(search, businessDate());
  const query: DistributorParams = {
    from: range.from,
    to: range.to,
    territoryId: search.territoryId,
    distributorId: search.distributorId,
  };
  const distributors = useDistributorAnalytics(query);
  const data = distributors.data;
  const units = { lakh: t("analytics.units.lakh"), crore: t("analytics.units.crore") };
  const chart = [...(data?.rows ?? [])]
    .sort((a, b) => b.secondaryDeliveredPoisha + b.primaryPoisha - (a.secondaryDeliveredPoisha + a.primaryPoisha))
    .slice(0, CHART_ROWS)
    .map((r) => ({ name: r.code, primary: r.primaryPoisha, secondary: r.secondaryDeliveredPoisha }));

  return (
    <Stack gap="md" data-testid="analytics-distributors">
      <AnalyticsPageHeader
        title={t("analytics.distributors.title")}
        search={search}
        actions={
          <>
            <ExportButtons report="distributors" query={query} />
            <ScheduleReportButton report="distributors" filters={search} />
          </>
        }
      />
      <AnalyticsFilterBar search={search} onChange={setSearch} breadcrumb={data?.breadcrumb} period={data?.period} />
      <ErrorAlert error={distributors.error} />
      <Paper withBorder p="sm">
        <Text fw={600} mb="xs">
          {t("analytics.distributors.chart")}
        </Text>
        {data ? (
          <BarChart
            h={260}
            data={chart}
            dataKey="name"
            withLegend
            series={[
              { name: "primary", label: t("analytics.distributors.primary"), color: "indigo.6" },
              { name: "secondary", label: t("analytics.distributors.secondaryDelivered"), color: "teal.6" },
            ]}
            valueFormatter={(v) => fmt.money(Math.round(v))}
            yAxisProps={{ width: 96, tickFormatter: (v: number) => compactMoney(fmt, v, units) }}
            data-testid="distributors-chart"
          />
        ) : (
          <Skeleton h={260} />
        )}
      </Paper>
      <Paper withBorder p="sm">
        <Table.ScrollContainer minWidth={1500} maxHeight="70vh">
          <Table striped highlightOnHover stickyHeader verticalSpacing="xs" data-testid="distributors-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th rowSpan={2}>{t("analytics.dimension.distributor")}</Table.Th>
                {MONEY_COLUMNS.map((c) => (
                  <Table.Th key={c} rowSpan={2} style={numCell}>
                    {t(`analytics.distributors.${c}`)}
                  </Table.Th>
                ))}
                <Table.Th rowSpan={2} style={numCell}>
                  {t("analytics.distributors.sellThrough")}
                </Table.Th>
                <Table.Th rowSpan={2} style={numCell}>
                  {t("analytics.distributors.collected")}
                </Table.Th>
                <Table.Th rowSpan={2} style={numCell}>
                  {t("analytics.distributors.dues")}
                </Table.Th>
                <Table.Th colSpan={AGEING.length} style={{ textAlign: "center" }}>
                  {t("analytics.distributors.ageing")}
                </Table.Th>
              </Table.Tr>
              <Table.Tr>
                {AGEING.map((a) => (
                  <Table.Th key={a} style={numCell}>
                    {t(`analytics.distributors.age.${a}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(data?.rows ?? []).map((r) => (
                <Table.Tr key={r.distributorId} data-testid="distributors-row">
                  <Table.Td>
                    <DistributorLink id={r.distributorId} size="sm" fw={500}>
                      {r.name}
                    </DistributorLink>
                    <Text size="xs" c="dimmed">
                      {r.code}
                    </Text>
                  </Table.Td>
                  <DistributorCells row={r} fmt={fmt} />
                </Table.Tr>
              ))}
              {data && data.rows.length === 0 ? (
                <EmptyTableRow colSpan={7 + AGEING.length}>{t("analytics.table.empty")}</EmptyTableRow>
              ) : null}
            </Table.Tbody>
            {data && data.rows.length > 0 ? (
              <Table.Tfoot style={{ position: "sticky", bottom: 0, background: "var(--mantine-color-body)" }}>
                <Table.Tr data-testid="distributors-totals" style={{ fontWeight: 600 }}>
                  <Table.Td>{t("analytics.table.totals")}</Table.Td>
                  <DistributorCells row={data.totals} fmt={fmt} />
                </Table.Tr>
              </Table.Tfoot>
            ) : null}
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}

function DistributorCells({ row, fmt }: { row: Totals; fmt: Formatters }) {
  return (
    <>
      {MONEY_COLUMNS.map((c) => (
        <Table.Td key={c} style={numCell}>
          {fmt.money(row[c])}
        </Table.Td>
      ))}
      <Table.Td style={numCell}>{percentText(fmt, row.sellThroughBp)}</Table.Td>
      <Table.Td style={numCell}>{fmt.money(row.collectedPoisha)}</Table.Td>
      <Table.Td style={numCell}>{fmt.money(row.duesPoisha)}</Table.Td>
      {AGEING.map((a) => (
        <Table.Td key={a} style={numCell}>
          <span style={{ color: a === "over90" && row.ageing[a] > 0 ? "var(--mantine-color-red-8)" : undefined }}>
            {fmt.money(row.ageing[a])}
          </span>
        </Table.Td>
      ))}
    </>
  );
}
