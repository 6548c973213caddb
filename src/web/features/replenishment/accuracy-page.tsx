// /replenishment/accuracy: how good the forecasts are. Each series was fit on its history but the last weeks and
// compared with what sold then: the medians (MASE, relative MAE against seasonal naive, the share that beat seasonal
// naive), the mix of methods chosen, and every series worst first, each opening its forecast. The admin runs the
// forecast now (then proposals and alerts follow) instead of waiting for the nightly job.
import { Anchor, Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { getRouteApi, Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FORECAST_METHODS, type ForecastMethod } from "../../../shared/contracts/replenishment.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { localName } from "../orders/use-network-lookups.ts";
import { ownDistributorId } from "../stock/stock-page.tsx";
import { REPLENISHMENT_ACCESS } from "./replenishment-access.ts";
import { ReplenishmentHeader } from "./replenishment-header.tsx";
import { ratio } from "./replenishment-model.ts";
import { DistributorFilter, NO_FIGURE, RatioText } from "./replenishment-parts.tsx";
import type { AccuracySearch } from "./replenishment-search.ts";
import { type BacktestItem, useBacktest, useRunForecast } from "./use-replenishment.ts";

const route = getRouteApi("/_app/replenishment/accuracy");

export function AccuracyRoute() {
  return (
    <RequirePermission permission={REPLENISHMENT_ACCESS.read}>
      <AccuracyPage />
    </RequirePermission>
  );
}

const num = { textAlign: "right", whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" } as const;

function AccuracyPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const setSearch = (patch: Partial<AccuracySearch>) =>
    void navigate({ search: (s: AccuracySearch) => ({ ...s, ...patch }), replace: true });
  const own = ownDistributorId(me);
  const distributorId = own ?? search.distributorId;
  const backtest = useBacktest({ distributorId, method: search.method });
  const data = backtest.data;
  const run = useRunForecast({
    onSuccess: (r) =>
      notifications.show({
        color: "teal",
        message: t("replenishment.accuracy.ran", {
          series: fmt.number(r.series),
          backtested: fmt.number(r.backtested),
          rel: r.medianRelativeMae === null ? NO_FIGURE : fmt.number(ratio(r.medianRelativeMae) ?? 0),
        }),
      }),
  });
  const seconds = data?.run
    ? Math.max(0, Math.round((Date.parse(data.run.finishedAt) - Date.parse(data.run.startedAt)) / 100) / 10)
    : 0;
  const pct = data && data.backtested > 0 ? Math.round((data.beatNaive / data.backtested) * 1000) / 10 : null;

  return (
    <Stack gap="md" data-testid="replenishment-accuracy">
      <ReplenishmentHeader
        title={t("replenishment.accuracy.title")}
        subtitle={t("replenishment.accuracy.subtitle")}
        distributorId={distributorId}
        actions={
          hasPermission(me, REPLENISHMENT_ACCESS.manage) ? (
            <Button loading={run.isPending} onClick={() => run.mutate()} data-testid="forecast-run">
              {t("replenishment.accuracy.run")}
            </Button>
          ) : null
        }
      />
      <Group gap="sm" align="flex-end">
        {!own ? (
          <DistributorFilter
            value={search.distributorId}
            onChange={(id) => setSearch({ distributorId: id })}
            testId="accuracy-distributor-select"
          />
        ) : null}
        <Select
          placeholder={t("replenishment.accuracy.allMethods")}
          aria-label={t("replenishment.forecast.method")}
          clearable
          value={search.method ?? null}
          onChange={(v) => setSearch({ method: (v as ForecastMethod | null) ?? undefined })}
          data={FORECAST_METHODS.map((m) => ({ value: m, label: t(`replenishment.methodShort.${m}`) }))}
          w={{ base: "100%", xs: 220 }}
          data-testid="accuracy-method"
        />
      </Group>
      <Text size="xs" c="dimmed" data-testid="accuracy-last-run">
        {data?.run
          ? t("replenishment.accuracy.lastRun", {
              time: fmt.dateTime(data.run.finishedAt),
              series: fmt.number(data.run.series),
              seconds: fmt.number(seconds),
            })
          : data && data.series === 0
            ? t("replenishment.accuracy.noRun")
            : ""}
      </Text>
      <ErrorAlert error={backtest.error} />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
        <Kpi label={t("replenishment.accuracy.medianMase")} explain={t("replenishment.forecast.maseExplain")}>
          <RatioText
            value={data?.medianMase ?? null}
            fmtNumber={fmt.number}
            goodBelowOne
            testId="accuracy-median-mase"
          />
        </Kpi>
        <Kpi
          label={t("replenishment.accuracy.medianRelativeMae")}
          explain={t("replenishment.forecast.relativeMaeExplain")}
        >
          <RatioText
            value={data?.medianRelativeMae ?? null}
            fmtNumber={fmt.number}
            goodBelowOne
            testId="accuracy-median-rel"
          />
        </Kpi>
        <Kpi label={t("replenishment.accuracy.beatNaive")} explain={t("replenishment.forecast.naiveMaseExplain")}>
          <span data-testid="accuracy-beat-naive">
            {data && pct !== null
              ? t("replenishment.accuracy.beatNaiveValue", {
                  n: fmt.number(data.beatNaive),
                  total: fmt.number(data.backtested),
                  pct: fmt.number(pct),
                })
              : NO_FIGURE}
          </span>
        </Kpi>
        <Kpi label={t("replenishment.accuracy.series")}>
          <span data-testid="accuracy-series">{data ? fmt.number(data.series) : "…"}</span>
        </Kpi>
      </SimpleGrid>
      {data && data.items.length > 0 ? <MethodMix methods={data.run?.methods ?? methodCounts(data.items)} /> : null}
      <Paper withBorder p="sm">
        <Text fw={600} mb="xs">
          {t("replenishment.accuracy.table")}
        </Text>
        <SeriesTable items={data?.items ?? []} loading={!backtest.isSuccess} withDistributor={!own} />
      </Paper>
    </Stack>
  );
}

function Kpi({ label, explain, children }: { label: string; explain?: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {children}
      </Text>
      {explain ? (
        <Text size="xs" c="dimmed" mt={4}>
          {explain}
        </Text>
      ) : null}
    </Paper>
  );
}

function MethodMix({ methods }: { methods: Record<string, number> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const entries = FORECAST_METHODS.map((m) => [m, methods[m] ?? 0] as const).filter(([, n]) => n > 0);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  return (
    <Paper withBorder p="sm" data-testid="accuracy-method-mix">
      <Text fw={600} mb="xs">
        {t("replenishment.accuracy.methodMix")}
      </Text>
      <Group gap="xs">
        {entries.map(([m, n]) => (
          <Badge key={m} variant="light" size="lg" tt="none" data-testid={`method-mix-${m}`}>
            {t(`replenishment.methodShort.${m}`)}: {fmt.number(n)}
            {total > 0 ? ` (${fmt.number(Math.round((n / total) * 1000) / 10)}%)` : ""}
          </Badge>
        ))}
      </Group>
    </Paper>
  );
}

/** Methods chosen among the series listed: for callers who see no org-wide run (a distributor, a manager). */
function methodCounts(items: readonly BacktestItem[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[i.method] = (out[i.method] ?? 0) + 1;
  return out;
}

function SeriesTable({
  items,
  loading,
  withDistributor,
}: {
  items: BacktestItem[];
  loading: boolean;
  /** A distributor's own series need no column naming it. */
  withDistributor: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  return (
    <Table.ScrollContainer minWidth={900} maxHeight="70vh">
      <Table striped highlightOnHover stickyHeader verticalSpacing="xs" data-testid="accuracy-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("replenishment.common.sku")}</Table.Th>
            {withDistributor ? <Table.Th>{t("replenishment.common.distributor")}</Table.Th> : null}
            <Table.Th>{t("replenishment.forecast.method")}</Table.Th>
            <Table.Th>{t("replenishment.accuracy.kind")}</Table.Th>
            <Table.Th style={num}>{t("replenishment.accuracy.avgDaily")}</Table.Th>
            <Table.Th style={num}>{t("replenishment.forecast.mase")}</Table.Th>
            <Table.Th style={num}>{t("replenishment.forecast.naiveMase")}</Table.Th>
            <Table.Th style={num}>{t("replenishment.forecast.relativeMae")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i) => (
            <Table.Tr key={`${i.distributorId}:${i.skuId}`} data-testid="accuracy-row">
              <Table.Td>
                <Anchor
                  size="sm"
                  fw={500}
                  renderRoot={(p) => (
                    <Link
                      {...p}
                      to="/replenishment/forecast"
                      search={{ distributorId: i.distributorId, skuId: i.skuId }}
                    />
                  )}
                  data-testid="accuracy-open"
                >
                  {localName({ name: i.skuName, nameBn: i.skuNameBn }, locale)}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {i.skuCode}
                </Text>
              </Table.Td>
              {withDistributor ? (
                <Table.Td>
                  <Text size="sm">{localName({ name: i.distributorName, nameBn: i.distributorNameBn }, locale)}</Text>
                </Table.Td>
              ) : null}
              <Table.Td>{t(`replenishment.methodShort.${i.method}`)}</Table.Td>
              <Table.Td>{t(`replenishment.kind.${i.demandKind}`)}</Table.Td>
              <Table.Td style={num}>{fmt.number(Math.round(i.avgDaily * 100) / 100)}</Table.Td>
              <Table.Td style={num}>
                <RatioText value={i.mase} fmtNumber={fmt.number} goodBelowOne />
              </Table.Td>
              <Table.Td style={num}>
                <RatioText value={i.naiveMase} fmtNumber={fmt.number} />
              </Table.Td>
              <Table.Td style={num}>
                <RatioText value={i.relativeMae} fmtNumber={fmt.number} goodBelowOne />
              </Table.Td>
            </Table.Tr>
          ))}
          {!loading && items.length === 0 ? (
            <EmptyTableRow colSpan={withDistributor ? 8 : 7}>{t("replenishment.accuracy.empty")}</EmptyTableRow>
          ) : null}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
