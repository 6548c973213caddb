// /analytics: secondary sales. The filter bar, the KPI cards against the previous period, the trend chart, the
// breakdown table (drilling from the nation down a territory at a time to a route's outlets and one outlet's
// page), the top risers and fallers, and the numbers' freshness; it asks again every 10 s. Everything that shapes
// the view is in the URL, so a link reproduces it, and the exports download exactly the table's query.
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Tabs,
  Text,
  UnstyledButton,
} from "@mantine/core";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { SalesMeasures, SalesResponse, SalesRow } from "../../../shared/contracts/analytics.ts";
import { businessDate } from "../../../shared/format.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { type Formatters, useFormat } from "../../ui/use-format.ts";
import { AnalyticsFilterBar } from "./analytics-filter-bar.tsx";
import { changeColor, changeText, type Kpi, salesKpis, withCoverage } from "./analytics-measures.ts";
import { AnalyticsPageHeader } from "./analytics-page-header.tsx";
import { resolvePeriod } from "./analytics-period.ts";
import {
  CHART_GRAINS,
  type ChartGrain,
  MOVER_DIMENSIONS,
  type MoverDimension,
  SALES_TABS,
  type SalesSearch,
  type SalesTab,
} from "./analytics-search.ts";
import { ExportButtons } from "./export-buttons.tsx";
import { FreshnessLine } from "./freshness-line.tsx";
import { rowLabel } from "./row-labels.ts";
import { SalesTrendChart } from "./sales-charts.tsx";
import { ScheduleReportButton } from "./schedule-report-modal.tsx";
import { SALES_REFRESH_MS, type SalesParams, useMovers, useSales } from "./use-analytics.ts";

const route = getRouteApi("/_app/analytics");

/** The route's component: the page for those who may read analytics. */
export function SalesRoute() {
  return (
    <RequirePermission permission="analytics.read">
      <SalesPage />
    </RequirePermission>
  );
}

/** The rows one table shows before "show all" (the server's default), and the most it shows at all. */
const FIRST_ROWS = 100;
const ALL_ROWS = 1000;

function SalesPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  // Filters replace the history entry (typing a date is not a step back); drilling adds one, so Back goes up.
  const setSearch = (patch: Partial<SalesSearch>, push = false) =>
    void navigate({ search: (s: SalesSearch) => ({ ...s, ...patch }), replace: !push });

  const range = resolvePeriod(search, businessDate());
  const by: SalesTab = search.by ?? "territory";
  const grain: ChartGrain = search.grain ?? "day";
  const compared = search.compare !== "none";
  const filter = {
    from: range.from,
    to: range.to,
    territoryId: search.territoryId,
    distributorId: search.distributorId,
    brandId: search.brandId,
    categoryId: search.categoryId,
    skuId: search.skuId,
  };
  const query: SalesParams = {
    ...filter,
    by,
    compare: compared ? "previous" : "none",
    sort: search.sort ?? "value",
    direction: search.direction ?? "desc",
    limit: search.all ? ALL_ROWS : FIRST_ROWS,
  };
  const sales = useSales(query, { refresh: true });
  // Outlets that ordered cost the server more than all the rest: asked for apart, filled in when they arrive.
  const coverage = useSales({ ...query, coverage: "outlets" }, { refresh: true, keepPrevious: false });
  const trend = useSales(
    { ...filter, by: grain, compare: query.compare, sort: "name", direction: "asc", limit: ALL_ROWS },
    { refresh: true },
  );
  const movers = useMovers({ ...filter, by: search.movers ?? "sku", limit: 5 }, { refresh: true });
  const data = withCoverage(sales.data, coverage.data);

  const drill = (row: SalesRow) => {
    if (row.drill === "territory") setSearch({ territoryId: row.key, by: undefined, all: undefined }, true);
    else if (row.drill === "outlet") setSearch({ territoryId: row.key, by: "outlet", all: undefined }, true);
    else if (row.drill === "outlet_page")
      void navigate({
        to: "/analytics/outlets/$outletId",
        params: { outletId: row.key },
        search: { period: search.period, from: search.from, to: search.to },
      });
  };

  return (
    <Stack gap="md" data-testid="analytics-sales">
      <AnalyticsPageHeader
        title={t("analytics.sales.title")}
        search={search}
        actions={
          <>
            <ExportButtons report="sales" query={query} />
            <ScheduleReportButton report="sales" filters={search} />
          </>
        }
      />
      <AnalyticsFilterBar
        search={search}
        onChange={(patch, push) => setSearch({ ...patch, all: undefined }, push)}
        breadcrumb={data?.breadcrumb}
        period={data?.period}
        product
        compare
      />
      <FreshnessLine
        updatedAt={sales.dataUpdatedAt}
        freshness={data?.freshness}
        fetching={sales.isFetching}
        refreshMs={SALES_REFRESH_MS}
      />
      <ErrorAlert error={sales.error} />

      {data ? <KpiCards totals={data.totals} target={data.target} /> : <Skeleton h={96} />}

      <Paper withBorder p="sm">
        <Group justify="space-between" mb="xs">
          <Text fw={600}>{t("analytics.sales.trend")}</Text>
          <SegmentedControl
            size="xs"
            value={grain}
            onChange={(v) => setSearch({ grain: v === "day" ? undefined : (v as ChartGrain) })}
            data={CHART_GRAINS.map((g) => ({ value: g, label: t(`analytics.grain.${g}`) }))}
            data-testid="sales-grain"
          />
        </Group>
        {trend.data ? (
          <SalesTrendChart rows={trend.data.rows} grain={grain} period={trend.data.period} compared={compared} />
        ) : (
          <Skeleton h={280} />
        )}
      </Paper>

      <Paper withBorder p="sm">
        <Tabs
          value={by}
          onChange={(v) => setSearch({ by: v === "territory" ? undefined : (v as SalesTab), all: undefined })}
          keepMounted={false}
        >
          <Tabs.List mb="xs">
            {SALES_TABS.map((tab) => (
              <Tabs.Tab key={tab} value={tab} data-testid={`sales-tab-${tab}`}>
                {t(`analytics.dimension.${tab}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        <BreakdownTable
          data={data}
          loading={!sales.isSuccess}
          compared={compared}
          sort={search.sort ?? "value"}
          direction={search.direction ?? "desc"}
          onSort={(sort, direction) =>
            setSearch({ sort: sort === "value" ? undefined : sort, direction: direction === "asc" ? "asc" : undefined })
          }
          onDrill={drill}
        />
        {data && data.rowCount > data.rows.length ? (
          <Group justify="space-between" mt="xs">
            <Text size="sm" c="dimmed" data-testid="sales-shown">
              {t("analytics.table.shownOf", {
                shown: fmt.number(data.rows.length),
                total: fmt.number(data.rowCount),
              })}
            </Text>
            {!search.all ? (
              <Button variant="default" size="xs" onClick={() => setSearch({ all: true })} data-testid="sales-show-all">
                {t("analytics.table.showAll")}
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Paper>

      <MoversPanel
        dimension={search.movers ?? "sku"}
        onDimension={(d) => setSearch({ movers: d === "sku" ? undefined : d })}
        risers={movers.data?.risers}
        fallers={movers.data?.fallers}
        error={movers.error}
      />
    </Stack>
  );
}

function KpiCards({ totals, target }: { totals: SalesResponse["totals"]; target: SalesResponse["target"] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const kpis = salesKpis(totals.current, totals.previous);
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" data-testid="sales-kpis">
      {kpis.map((k) => (
        <KpiCard key={k.key} kpi={k} fmt={fmt} label={t(`analytics.kpi.${k.key}`)} />
      ))}
      {target ? (
        <Card withBorder padding="sm" data-testid="sales-kpi-target">
          <Text size="xs" c="dimmed">
            {t("analytics.kpi.target")}
          </Text>
          <Text fw={700} size="lg" style={{ fontVariantNumeric: "tabular-nums" }}>
            {fmt.money(target.valuePoisha)}
          </Text>
          <Text size="xs" c="dimmed">
            {t("analytics.kpi.achieved", { pct: fmt.number(target.achievedBp / 100) })}
          </Text>
        </Card>
      ) : null}
    </SimpleGrid>
  );
}

function KpiCard({ kpi, fmt, label }: { kpi: Kpi; fmt: Formatters; label: string }) {
  const { t } = useTranslation();
  const show = (v: number | null) => (v === null ? "—" : kpi.kind === "money" ? fmt.money(v) : fmt.number(v));
  return (
    <Card withBorder padding="sm" data-testid={`sales-kpi-${kpi.key}`}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" style={{ fontVariantNumeric: "tabular-nums" }} data-testid="kpi-value">
        {show(kpi.current)}
      </Text>
      {kpi.previous !== null ? (
        <Text size="xs" c="dimmed" style={{ fontVariantNumeric: "tabular-nums" }}>
          <Text span inherit c={changeColor(kpi.changeBp, kpi.higherIsBetter)} fw={600} data-testid="kpi-change">
            {changeText(fmt, kpi.changeBp)}
          </Text>{" "}
          {t("analytics.kpi.vsPrevious", { value: show(kpi.previous) })}
        </Text>
      ) : null}
    </Card>
  );
}

type SortKey = "value" | "change" | "name";

/** The measures a breakdown row shows after its name, as [key, label key, kind]. */
const MEASURE_COLUMNS = [
  ["orders", "analytics.kpi.orders", "count"],
  ["orderLines", "analytics.kpi.lines", "count"],
  ["outletsOrdered", "analytics.kpi.outlets", "count"],
  ["deliveredPoisha", "analytics.kpi.delivered", "money"],
  ["returnedPoisha", "analytics.kpi.returned", "money"],
  ["netPoisha", "analytics.kpi.net", "money"],
] as const satisfies readonly (readonly [keyof SalesMeasures, string, "count" | "money"])[];

const numCell = { textAlign: "right", whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" } as const;

function BreakdownTable({
  data,
  loading,
  compared,
  sort,
  direction,
  onSort,
  onDrill,
}: {
  data: SalesResponse | undefined;
  loading: boolean;
  compared: boolean;
  sort: SortKey;
  direction: "asc" | "desc";
  onSort: (sort: SortKey, direction: "asc" | "desc") => void;
  onDrill: (row: SalesRow) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const locale = useLocale();
  const rows = data?.rows ?? [];
  const showPrevious = compared && data?.totals.previous != null;
  const colSpan = 2 + (showPrevious ? 2 : 0) + MEASURE_COLUMNS.length;
  const sortHeader = (key: SortKey, label: string, right = true) => (
    <Table.Th style={right ? { textAlign: "right", whiteSpace: "nowrap" } : undefined}>
      <UnstyledButton
        onClick={() => onSort(key, sort === key && direction === "desc" ? "asc" : "desc")}
        fw={600}
        fz="sm"
        data-testid={`sales-sort-${key}`}
      >
        {label}
        {sort === key ? (direction === "desc" ? " ↓" : " ↑") : ""}
      </UnstyledButton>
    </Table.Th>
  );
  const measureCells = (m: SalesMeasures, testIds = false) =>
    MEASURE_COLUMNS.map(([key, , kind]) => {
      const v = m[key];
      return (
        <Table.Td key={key} style={numCell} data-testid={testIds ? `total-${key}` : undefined}>
          {v === null ? "—" : kind === "money" ? fmt.money(v) : fmt.number(v)}
        </Table.Td>
      );
    });
  return (
    <Table.ScrollContainer minWidth={1100} maxHeight="70vh">
      <Table striped highlightOnHover stickyHeader verticalSpacing="xs" data-testid="sales-table">
        <Table.Thead>
          <Table.Tr>
            {sortHeader("name", t("analytics.table.name"), false)}
            {sortHeader("value", t("analytics.kpi.ordered"))}
            {showPrevious ? (
              <Table.Th style={{ textAlign: "right", whiteSpace: "nowrap" }}>{t("analytics.table.previous")}</Table.Th>
            ) : null}
            {showPrevious ? sortHeader("change", t("analytics.table.change")) : null}
            {MEASURE_COLUMNS.map(([key, label]) => (
              <Table.Th key={key} style={{ textAlign: "right", whiteSpace: "nowrap" }}>
                {t(label)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr
              key={r.key}
              data-testid="sales-row"
              data-key={r.key}
              data-level={r.level ?? ""}
              data-drill={r.drill ?? ""}
            >
              <Table.Td>
                <RowName row={r} locale={locale} onDrill={onDrill} />
              </Table.Td>
              <Table.Td style={numCell} data-testid="row-ordered">
                {fmt.money(r.current.orderedPoisha)}
              </Table.Td>
              {showPrevious ? (
                <Table.Td style={numCell}>{r.previous ? fmt.money(r.previous.orderedPoisha) : "—"}</Table.Td>
              ) : null}
              {showPrevious ? (
                <Table.Td style={numCell}>
                  <Text span inherit c={changeColor(r.changeBp)} fw={500}>
                    {changeText(fmt, r.changeBp)}
                  </Text>
                </Table.Td>
              ) : null}
              {measureCells(r.current)}
            </Table.Tr>
          ))}
          {!loading && rows.length === 0 ? (
            <EmptyTableRow colSpan={colSpan}>{t("analytics.table.empty")}</EmptyTableRow>
          ) : null}
        </Table.Tbody>
        {data && rows.length > 0 ? (
          <Table.Tfoot style={{ position: "sticky", bottom: 0, background: "var(--mantine-color-body)" }}>
            <Table.Tr data-testid="sales-totals" style={{ fontWeight: 600 }}>
              <Table.Td>{t("analytics.table.totals")}</Table.Td>
              <Table.Td style={numCell} data-testid="total-orderedPoisha">
                {fmt.money(data.totals.current.orderedPoisha)}
              </Table.Td>
              {showPrevious ? (
                <Table.Td style={numCell} data-testid="total-previousPoisha">
                  {data.totals.previous ? fmt.money(data.totals.previous.orderedPoisha) : "—"}
                </Table.Td>
              ) : null}
              {showPrevious ? (
                <Table.Td style={numCell}>
                  <Text span inherit c={changeColor(data.totals.changeBp)}>
                    {changeText(fmt, data.totals.changeBp)}
                  </Text>
                </Table.Td>
              ) : null}
              {measureCells(data.totals.current, true)}
            </Table.Tr>
          </Table.Tfoot>
        ) : null}
      </Table>
    </Table.ScrollContainer>
  );
}

function RowName({
  row,
  locale,
  onDrill,
}: {
  row: SalesRow;
  locale: ReturnType<typeof useLocale>;
  onDrill: (row: SalesRow) => void;
}) {
  const { t } = useTranslation();
  const name = rowLabel(row, locale);
  const level = row.level ? (
    <Badge size="xs" variant="light" color="gray" tt="none" ml={6}>
      {t(`territory.level.${row.level}`)}
    </Badge>
  ) : null;
  return (
    <Group gap={0} wrap="nowrap">
      {row.drill ? (
        <Anchor
          component="button"
          type="button"
          size="sm"
          fw={500}
          ta="left"
          onClick={() => onDrill(row)}
          title={t(`analytics.drill.${row.drill}`)}
          data-testid="sales-row-drill"
        >
          {name}
        </Anchor>
      ) : (
        <Text size="sm">{name}</Text>
      )}
      {level}
    </Group>
  );
}

function MoversPanel({
  dimension,
  onDimension,
  risers,
  fallers,
  error,
}: {
  dimension: MoverDimension;
  onDimension: (d: MoverDimension) => void;
  risers: SalesRow[] | undefined;
  fallers: SalesRow[] | undefined;
  error: unknown;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" data-testid="sales-movers">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{t("analytics.movers.title")}</Text>
        <SegmentedControl
          size="xs"
          value={dimension}
          onChange={(v) => onDimension(v as MoverDimension)}
          data={MOVER_DIMENSIONS.map((d) => ({ value: d, label: t(`analytics.dimension.${d}`) }))}
          data-testid="movers-dimension"
        />
      </Group>
      <ErrorAlert error={error} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <MoverList title={t("analytics.movers.risers")} rows={risers} testId="movers-risers" />
        <MoverList title={t("analytics.movers.fallers")} rows={fallers} testId="movers-fallers" />
      </SimpleGrid>
    </Paper>
  );
}

function MoverList({ title, rows, testId }: { title: string; rows: SalesRow[] | undefined; testId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const locale = useLocale();
  const sorted = rows ?? [];
  return (
    <Stack gap={4} data-testid={testId}>
      <Text size="sm" fw={600}>
        {title}
      </Text>
      {rows && sorted.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("analytics.movers.none")}
        </Text>
      ) : null}
      {sorted.map((r) => {
        const delta = r.current.orderedPoisha - (r.previous?.orderedPoisha ?? 0);
        return (
          <Group key={r.key} justify="space-between" wrap="nowrap" gap="xs" data-testid="mover-row">
            <Text size="sm" truncate style={{ minWidth: 0 }}>
              {rowLabel(r, locale)}
            </Text>
            <Group gap="xs" wrap="nowrap">
              <Text size="sm" style={numCell}>
                {`${delta > 0 ? "+" : ""}${fmt.money(delta)}`}
              </Text>
              <Text size="xs" fw={600} c={changeColor(r.changeBp)} style={numCell} w={64}>
                {changeText(fmt, r.changeBp)}
              </Text>
            </Group>
          </Group>
        );
      })}
    </Stack>
  );
}
