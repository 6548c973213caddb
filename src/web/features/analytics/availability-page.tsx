// /analytics/availability: how often outlets were found out of stock (from the reps' stock audits), by SKU or by
// territory, and the distributor x SKU pairs with the fewest days of cover left.
import { Anchor, Paper, SegmentedControl, SimpleGrid, Skeleton, Stack, Table, Text } from "@mantine/core";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { businessDate } from "../../../shared/format.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { localName } from "../network/network-labels.ts";
import { AnalyticsFilterBar } from "./analytics-filter-bar.tsx";
import { percentText, tenthsText } from "./analytics-measures.ts";
import { AnalyticsPageHeader } from "./analytics-page-header.tsx";
import { resolvePeriod } from "./analytics-period.ts";
import type { AvailabilitySearch } from "./analytics-search.ts";
import { ExportButtons } from "./export-buttons.tsx";
import { rowLabel } from "./row-labels.ts";
import { LabelledBars } from "./sales-charts.tsx";
import { ScheduleReportButton } from "./schedule-report-modal.tsx";
import { type AvailabilityParams, useAvailability } from "./use-analytics.ts";

const route = getRouteApi("/_app/analytics/availability");

export function AvailabilityRoute() {
  return (
    <RequirePermission permission="analytics.read">
      <AvailabilityPage />
    </RequirePermission>
  );
}

const numCell = { textAlign: "right", whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" } as const;
const CHART_ROWS = 15;
/** Under a week of cover is worth a colour: the next primary order may not arrive in time. */
const LOW_COVER_X10 = 70;

function AvailabilityPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const locale = useLocale();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const setSearch = (patch: Partial<AvailabilitySearch>, push = false) =>
    void navigate({
      search: (s: AvailabilitySearch) => ({ ...s, ...patch }),
      replace: !push,
    });
  const range = resolvePeriod(search, businessDate());
  const by = search.by ?? "sku";
  const query: AvailabilityParams = {
    from: range.from,
    to: range.to,
    territoryId: search.territoryId,
    distributorId: search.distributorId,
    by,
  };
  const availability = useAvailability(query);
  const data = availability.data;
  const chart = [...(data?.rows ?? [])]
    .filter((r) => r.oosRateBp !== null)
    .sort((a, b) => (b.oosRateBp ?? 0) - (a.oosRateBp ?? 0))
    .slice(0, CHART_ROWS)
    .map((r) => ({ name: rowLabel(r, locale), value: (r.oosRateBp ?? 0) / 100 }));

  return (
    <Stack gap="md" data-testid="analytics-availability">
      <AnalyticsPageHeader
        title={t("analytics.availability.title")}
        search={search}
        actions={
          <>
            <ExportButtons report="availability" query={query} />
            <ScheduleReportButton report="availability" filters={search} />
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
            { value: "sku", label: t("analytics.dimension.sku") },
            { value: "territory", label: t("analytics.dimension.territory") },
          ]}
          mb={2}
          data-testid="availability-by"
        />
      </AnalyticsFilterBar>
      <ErrorAlert error={availability.error} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Paper withBorder p="sm">
          <Text fw={600} mb="xs">
            {t("analytics.availability.chart")}
          </Text>
          {data ? (
            chart.length > 0 ? (
              <LabelledBars
                data={chart}
                label={t("analytics.availability.oosRate")}
                format={(v) => `${fmt.number(Math.round(v * 100) / 100)}%`}
                color="red.6"
                testId="availability-chart"
              />
            ) : (
              <Text size="sm" c="dimmed">
                {t("analytics.availability.noAudits")}
              </Text>
            )
          ) : (
            <Skeleton h={200} />
          )}
        </Paper>
        <Paper withBorder p="sm">
          <Text fw={600} mb="xs">
            {t("analytics.availability.table")}
          </Text>
          <Table.ScrollContainer minWidth={480} maxHeight="60vh">
            <Table striped highlightOnHover stickyHeader verticalSpacing="xs" data-testid="availability-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t(`analytics.dimension.${by}`)}</Table.Th>
                  <Table.Th style={numCell}>{t("analytics.availability.checks")}</Table.Th>
                  <Table.Th style={numCell}>{t("analytics.availability.outOfStock")}</Table.Th>
                  <Table.Th style={numCell}>{t("analytics.availability.oosRate")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(data?.rows ?? []).map((r) => (
                  <Table.Tr key={r.key} data-testid="availability-row">
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
                    <Table.Td style={numCell}>{fmt.number(r.checks)}</Table.Td>
                    <Table.Td style={numCell}>{fmt.number(r.outOfStock)}</Table.Td>
                    <Table.Td style={numCell}>{percentText(fmt, r.oosRateBp)}</Table.Td>
                  </Table.Tr>
                ))}
                {data && data.rows.length === 0 ? (
                  <EmptyTableRow colSpan={4}>{t("analytics.availability.noAudits")}</EmptyTableRow>
                ) : null}
              </Table.Tbody>
              {data && data.rows.length > 0 ? (
                <Table.Tfoot style={{ position: "sticky", bottom: 0, background: "var(--mantine-color-body)" }}>
                  <Table.Tr data-testid="availability-totals" style={{ fontWeight: 600 }}>
                    <Table.Td>{t("analytics.table.totals")}</Table.Td>
                    <Table.Td style={numCell}>{fmt.number(data.totals.checks)}</Table.Td>
                    <Table.Td style={numCell}>{fmt.number(data.totals.outOfStock)}</Table.Td>
                    <Table.Td style={numCell}>{percentText(fmt, data.totals.oosRateBp)}</Table.Td>
                  </Table.Tr>
                </Table.Tfoot>
              ) : null}
            </Table>
          </Table.ScrollContainer>
        </Paper>
      </SimpleGrid>
      <Paper withBorder p="sm">
        <Text fw={600}>{t("analytics.availability.cover")}</Text>
        <Text size="xs" c="dimmed" mb="xs">
          {t("analytics.availability.coverHint")}
        </Text>
        <Table.ScrollContainer minWidth={760} maxHeight="60vh">
          <Table striped stickyHeader verticalSpacing="xs" data-testid="cover-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("analytics.dimension.distributor")}</Table.Th>
                <Table.Th>{t("analytics.dimension.sku")}</Table.Th>
                <Table.Th style={numCell}>{t("analytics.availability.freeQty")}</Table.Th>
                <Table.Th style={numCell}>{t("analytics.availability.dailyQty")}</Table.Th>
                <Table.Th style={numCell}>{t("analytics.availability.daysOfCover")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(data?.lowestCover ?? []).map((c) => (
                <Table.Tr key={`${c.distributorId}:${c.skuId}`} data-testid="cover-row">
                  <Table.Td>
                    <Text size="sm">{c.distributorName}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{localName({ name: c.skuName, nameBn: c.skuNameBn }, locale)}</Text>
                    <Text size="xs" c="dimmed">
                      {c.skuCode}
                    </Text>
                  </Table.Td>
                  <Table.Td style={numCell}>{fmt.number(c.freeQty)}</Table.Td>
                  <Table.Td style={numCell}>{fmt.number(c.dailyQtyX100 / 100)}</Table.Td>
                  <Table.Td style={numCell}>
                    <Text
                      span
                      inherit
                      fw={600}
                      c={c.daysOfCoverX10 !== null && c.daysOfCoverX10 < LOW_COVER_X10 ? "red.8" : undefined}
                    >
                      {tenthsText(fmt, c.daysOfCoverX10)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
              {data && data.lowestCover.length === 0 ? (
                <EmptyTableRow colSpan={5}>{t("analytics.table.empty")}</EmptyTableRow>
              ) : null}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}
