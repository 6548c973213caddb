// /crm/forecast: the weighted forecast of open deals (amount x stage probability) by expected-close month and by rep,
// with what was won in each month; a chart of the months. Figures cover the deals the caller may see.
import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";
import { Group, NumberInput, Paper, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { ForecastFigures } from "../../../shared/contracts/deals.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { bucketLabel } from "../analytics/sales-charts.tsx";
import { localName } from "../network/network-labels.ts";
import type { ForecastSearch } from "./deals-routes.tsx";
import { useForecast, usePipelines } from "./use-deals.ts";

const route = getRouteApi("/_app/crm/forecast");

export function ForecastPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const setSearch = (patch: Partial<ForecastSearch>) =>
    void navigate({ search: (s: ForecastSearch) => ({ ...s, ...patch }), replace: true });
  const pipelines = usePipelines();
  const forecast = useForecast({ pipelineId: search.pipelineId, from: search.from, months: search.months ?? 6 });
  const f = forecast.data;
  const monthLabel = (m: string) => bucketLabel(`${m}-01`, "month", fmt, t);
  const row = (label: string, x: ForecastFigures, testId: string) => (
    <Table.Tr key={testId} data-testid={testId}>
      <Table.Td>{label}</Table.Td>
      <Table.Td ta="right">{fmt.number(x.openCount)}</Table.Td>
      <Table.Td ta="right">{fmt.money(x.openPoisha)}</Table.Td>
      <Table.Td ta="right" fw={600} data-testid={`${testId}-weighted`}>
        {fmt.money(x.weightedPoisha)}
      </Table.Td>
      <Table.Td ta="right">{fmt.money(x.wonPoisha)}</Table.Td>
    </Table.Tr>
  );
  const head = (first: string) => (
    <Table.Thead>
      <Table.Tr>
        <Table.Th>{first}</Table.Th>
        <Table.Th ta="right">{t("deals.forecast.deals")}</Table.Th>
        <Table.Th ta="right">{t("deals.forecast.open")}</Table.Th>
        <Table.Th ta="right">{t("deals.forecast.weighted")}</Table.Th>
        <Table.Th ta="right">{t("deals.forecast.won")}</Table.Th>
      </Table.Tr>
    </Table.Thead>
  );
  return (
    <Stack gap="md" data-testid="forecast-page">
      <div>
        <Title order={2}>{t("deals.forecast.title")}</Title>
        <Text c="dimmed" size="sm">
          {t("deals.forecast.subtitle")}
        </Text>
      </div>
      <Group gap="sm" align="flex-end">
        {(pipelines.data?.items.length ?? 0) > 1 ? (
          <Select
            label={t("deals.board.pipeline")}
            data={[
              { value: "all", label: t("deals.list.allStatuses") },
              ...(pipelines.data?.items ?? []).map((p) => ({ value: p.id, label: localName(p, locale) })),
            ]}
            value={search.pipelineId ?? "all"}
            onChange={(v) => setSearch({ pipelineId: v && v !== "all" ? v : undefined })}
            allowDeselect={false}
          />
        ) : null}
        <TextInput
          type="month"
          label={t("deals.forecast.from")}
          value={f?.from ?? search.from ?? ""}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (/^\d{4}-\d{2}$/.test(v)) setSearch({ from: v });
          }}
        />
        <NumberInput
          label={t("deals.forecast.months")}
          value={search.months ?? 6}
          onChange={(v) => typeof v === "number" && v >= 1 && v <= 24 && setSearch({ months: v })}
          min={1}
          max={24}
          w={100}
        />
      </Group>
      <ErrorAlert error={forecast.error} />
      {f ? (
        <>
          <Paper withBorder p="md">
            <Title order={5} mb="sm">
              {t("deals.forecast.chart")}
            </Title>
            <BarChart
              h={260}
              data={f.months.map((m) => ({
                month: monthLabel(m.month),
                weighted: m.weightedPoisha / 100,
                won: m.wonPoisha / 100,
              }))}
              dataKey="month"
              series={[
                { name: "weighted", label: t("deals.forecast.weighted"), color: "blue.6" },
                { name: "won", label: t("deals.forecast.won"), color: "green.6" },
              ]}
              withLegend
              valueFormatter={(v) => fmt.money(Math.round(v * 100))}
              yAxisProps={{ width: 90 }}
            />
          </Paper>
          <Table.ScrollContainer minWidth={600}>
            <Table striped data-testid="forecast-months">
              {head(t("deals.forecast.month"))}
              <Table.Tbody>
                {f.months.map((m) => row(monthLabel(m.month), m, `forecast-month-${m.month}`))}
                {row(t("deals.forecast.undated"), f.undated, "forecast-undated")}
                {row(t("deals.forecast.total"), f.total, "forecast-total")}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Title order={4}>{t("deals.forecast.byOwner")}</Title>
          <Table.ScrollContainer minWidth={600}>
            <Table striped data-testid="forecast-owners">
              {head(t("deals.forecast.owner"))}
              <Table.Tbody>
                {f.owners.map((o) =>
                  row(o.ownerName ?? t("deals.forecast.noOwner"), o, `forecast-owner-${o.ownerUserId ?? "none"}`),
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      ) : null}
    </Stack>
  );
}

export function ForecastRoute() {
  return (
    <RequirePermission permission="crm.read">
      <ForecastPage />
    </RequirePermission>
  );
}
