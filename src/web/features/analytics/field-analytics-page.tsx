// /analytics/field: the field force over a period, by rep or by territory: visits, strike rate, lines per call,
// drop size, coverage (ECO: outlets that ordered of the active outlets on the routes), productive time (minutes
// in outlets of the working day), beat compliance; with a totals row and the export of the same table.
import { Anchor, Paper, SegmentedControl, Skeleton, Stack, Table, Text } from "@mantine/core";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { FieldAnalyticsRow } from "../../../shared/contracts/analytics.ts";
import { businessDate } from "../../../shared/format.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { type Formatters, useFormat } from "../../ui/use-format.ts";
import { AnalyticsFilterBar } from "./analytics-filter-bar.tsx";
import { hoursMinutes, hundredthsText, percentText } from "./analytics-measures.ts";
import { AnalyticsPageHeader } from "./analytics-page-header.tsx";
import { resolvePeriod } from "./analytics-period.ts";
import type { FieldAnalyticsSearch } from "./analytics-search.ts";
import { ExportButtons } from "./export-buttons.tsx";
import { rowLabel } from "./row-labels.ts";
import { LabelledBars } from "./sales-charts.tsx";
import { ScheduleReportButton } from "./schedule-report-modal.tsx";
import { type FieldParams, useFieldAnalytics } from "./use-analytics.ts";

const route = getRouteApi("/_app/analytics/field");

export function FieldAnalyticsRoute() {
  return (
    <RequirePermission permission="analytics.read">
      <FieldAnalyticsPage />
    </RequirePermission>
  );
}

const numCell = { textAlign: "right", whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" } as const;
/** The chart shows the largest few; the table has them all. */
const CHART_ROWS = 15;

function FieldAnalyticsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const locale = useLocale();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const setSearch = (patch: Partial<FieldAnalyticsSearch>, push = false) =>
    void navigate({ search: (s: FieldAnalyticsSearch) => ({ ...s, ...patch }), replace: !push });
  const range = resolvePeriod(search, businessDate());
  const by = search.by ?? "rep";
  const query: FieldParams = {
    from: range.from,
    to: range.to,
    territoryId: search.territoryId,
    distributorId: search.distributorId,
    by,
  };
  const field = useFieldAnalytics(query);
  const data = field.data;
  const chart = [...(data?.rows ?? [])]
    .sort((a, b) => b.kpis.salesPoisha - a.kpis.salesPoisha)
    .slice(0, CHART_ROWS)
    .map((r) => ({ name: rowLabel(r, locale), value: r.kpis.salesPoisha }));

  return (
    <Stack gap="md" data-testid="analytics-field">
      <AnalyticsPageHeader
        title={t("analytics.field.title")}
        search={search}
        actions={
          <>
            <ExportButtons report="field" query={query} />
            <ScheduleReportButton report="field" filters={search} />
          </>
        }
      />
      <AnalyticsFilterBar
        search={search}
        onChange={(patch, push) => setSearch(patch, push)}
        breadcrumb={data?.breadcrumb}
        period={data?.period}
      >
        <SegmentedControl
          value={by}
          onChange={(v) => setSearch({ by: v === "territory" ? "territory" : undefined })}
          data={[
            { value: "rep", label: t("analytics.field.byRep") },
            { value: "territory", label: t("analytics.field.byTerritory") },
          ]}
          mb={2}
          data-testid="field-by"
        />
      </AnalyticsFilterBar>
      <ErrorAlert error={field.error} />
      <Paper withBorder p="sm">
        <Text fw={600} mb="xs">
          {t("analytics.field.salesChart")}
        </Text>
        {data ? (
          chart.length > 0 ? (
            <LabelledBars
              data={chart}
              label={t("analytics.field.sales")}
              format={(v) => fmt.money(Math.round(v))}
              testId="field-chart"
            />
          ) : (
            <Text size="sm" c="dimmed">
              {t("analytics.table.empty")}
            </Text>
          )
        ) : (
          <Skeleton h={200} />
        )}
      </Paper>
      <Paper withBorder p="sm">
        <Table.ScrollContainer minWidth={1400} maxHeight="70vh">
          <Table striped highlightOnHover stickyHeader verticalSpacing="xs" data-testid="field-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{by === "rep" ? t("analytics.field.rep") : t("analytics.dimension.territory")}</Table.Th>
                {FIELD_COLUMNS.map((c) => (
                  <Table.Th key={c} style={numCell}>
                    {t(`analytics.field.${c}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(data?.rows ?? []).map((r) => (
                <Table.Tr key={r.key} data-testid="field-row">
                  <Table.Td>
                    {by === "territory" ? (
                      <Anchor
                        component="button"
                        type="button"
                        size="sm"
                        fw={500}
                        onClick={() => setSearch({ territoryId: r.key }, true)}
                      >
                        {rowLabel(r, locale)}
                      </Anchor>
                    ) : (
                      <Text size="sm">{rowLabel(r, locale)}</Text>
                    )}
                  </Table.Td>
                  <FieldCells row={r} fmt={fmt} />
                </Table.Tr>
              ))}
              {data && data.rows.length === 0 ? (
                <EmptyTableRow colSpan={FIELD_COLUMNS.length + 1}>{t("analytics.table.empty")}</EmptyTableRow>
              ) : null}
            </Table.Tbody>
            {data && data.rows.length > 0 ? (
              <Table.Tfoot style={{ position: "sticky", bottom: 0, background: "var(--mantine-color-body)" }}>
                <Table.Tr data-testid="field-totals" style={{ fontWeight: 600 }}>
                  <Table.Td>{t("analytics.table.totals")}</Table.Td>
                  <FieldCells row={data.totals} fmt={fmt} />
                </Table.Tr>
              </Table.Tfoot>
            ) : null}
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}

const FIELD_COLUMNS = [
  "visits",
  "productive",
  "strikeRate",
  "linesPerCall",
  "dropSize",
  "sales",
  "eco",
  "productiveTime",
  "beatCompliance",
  "outsideRadius",
] as const;

function FieldCells({ row: r, fmt }: { row: FieldAnalyticsRow; fmt: Formatters }) {
  const { t } = useTranslation();
  const k = r.kpis;
  const hm = (minutes: number) => {
    const { h, m } = hoursMinutes(minutes);
    return t("analytics.field.hoursMinutes", { h: fmt.number(h), m: fmt.number(m) });
  };
  return (
    <>
      <Table.Td style={numCell}>{fmt.number(k.visits)}</Table.Td>
      <Table.Td style={numCell}>{fmt.number(k.productiveVisits)}</Table.Td>
      <Table.Td style={numCell}>{percentText(fmt, k.strikeRateBp)}</Table.Td>
      <Table.Td style={numCell}>{hundredthsText(fmt, k.linesPerCallX100)}</Table.Td>
      <Table.Td style={numCell}>{k.dropSizePoisha === null ? "—" : fmt.money(k.dropSizePoisha)}</Table.Td>
      <Table.Td style={numCell}>{fmt.money(k.salesPoisha)}</Table.Td>
      <Table.Td style={numCell} title={`${fmt.number(r.outletsOrdered)} / ${fmt.number(r.outlets)}`}>
        {percentText(fmt, r.ecoBp)}
        <Text span size="xs" c="dimmed">
          {" "}
          ({fmt.number(r.outletsOrdered)}/{fmt.number(r.outlets)})
        </Text>
      </Table.Td>
      <Table.Td style={numCell} title={`${hm(r.minutesInOutlets)} / ${hm(r.workingMinutes)}`}>
        {percentText(fmt, r.productiveTimeBp)}
      </Table.Td>
      <Table.Td style={numCell}>
        {percentText(fmt, k.beatComplianceBp)}
        <Text span size="xs" c="dimmed">
          {" "}
          ({fmt.number(k.plannedVisited)}/{fmt.number(k.plannedOutlets)})
        </Text>
      </Table.Td>
      <Table.Td style={numCell}>{fmt.number(k.outsideRadiusVisits)}</Table.Td>
    </>
  );
}
