// /delivery-metrics: how well deliveries went over a period (trip dates in the URL, this month by default):
// OTIF (drops delivered in full and on time), fill rate by quantity and by value, lead time from confirmation to
// the door, failures by reason, for the caller's distributors and one row per distributor.
import { Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title, Tooltip } from "@mantine/core";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { FAILURE_REASONS } from "../../../shared/contracts/delivery.ts";
import { businessDate } from "../../../shared/format.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { Money } from "../../ui/formatted-values.tsx";
import { type Formatters, useFormat } from "../../ui/use-format.ts";
import { useMe } from "../auth/use-session.ts";
import { localName, useDistributors } from "../orders/use-network-lookups.ts";
import { ownDistributorId } from "../stock/stock-page.tsx";
import { monthStart, nameIn, percentOf } from "./delivery-labels.ts";
import { type DeliveryMetricsRow, useDeliveryMetrics } from "./use-delivery.ts";

export interface DeliveryMetricsSearch {
  from?: string;
  to?: string;
  distributorId?: string;
}

const route = getRouteApi("/_app/delivery-metrics");

const pct = (fmt: Formatters, bp: number | null) => (bp === null ? "—" : `${fmt.number(percentOf(bp))}%`);
const hours = (fmt: Formatters, h: number | null) => (h === null ? "—" : fmt.number(Math.round(h * 10) / 10));

export function DeliveryMetricsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const me = useMe();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const setSearch = (patch: Partial<DeliveryMetricsSearch>) =>
    void navigate({ search: (s: DeliveryMetricsSearch) => ({ ...s, ...patch }), replace: true });
  const today = businessDate();
  const from = search.from ?? monthStart(today);
  const to = search.to ?? today;
  const own = ownDistributorId(me);
  const distributors = useDistributors(!own);
  const metrics = useDeliveryMetrics({ from, to, distributorId: own ?? search.distributorId });
  const totals = metrics.data?.totals;

  return (
    <Stack gap="md" data-testid="delivery-metrics">
      <Title order={2}>{t("delivery.metrics.title")}</Title>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          type="date"
          label={t("delivery.metrics.from")}
          value={from}
          max={to}
          onChange={(e) => setSearch({ from: e.currentTarget.value || undefined })}
          w={{ base: "48%", xs: 170 }}
          data-testid="metrics-from"
        />
        <TextInput
          type="date"
          label={t("delivery.metrics.to")}
          value={to}
          min={from}
          onChange={(e) => setSearch({ to: e.currentTarget.value || undefined })}
          w={{ base: "48%", xs: 170 }}
          data-testid="metrics-to"
        />
        {!own ? (
          <Select
            label={t("delivery.common.distributor")}
            placeholder={t("delivery.trips.allDistributors")}
            clearable
            searchable
            value={search.distributorId ?? null}
            onChange={(v) => setSearch({ distributorId: v ?? undefined })}
            data={(distributors.data?.items ?? []).map((d) => ({ value: d.id, label: localName(d, locale) }))}
            w={{ base: "100%", xs: 240 }}
            data-testid="metrics-distributor"
          />
        ) : null}
      </Group>
      <ErrorAlert error={metrics.error} />
      {totals ? (
        <>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
            <Card
              label={t("delivery.metrics.otif")}
              hint={t("delivery.metrics.otifHint")}
              value={pct(fmt, totals.otifBp)}
              sub={t("delivery.metrics.ofDrops", {
                n: fmt.number(totals.otifDrops),
                total: fmt.number(totals.attempted),
              })}
              testId="metric-otif"
              bp={totals.otifBp}
            />
            <Card
              label={t("delivery.metrics.fillQty")}
              hint={t("delivery.metrics.fillQtyHint")}
              value={pct(fmt, totals.fillRateQtyBp)}
              sub={t("delivery.metrics.ofQty", {
                n: fmt.number(totals.deliveredQty),
                total: fmt.number(totals.orderedQty),
              })}
              testId="metric-fill-qty"
              bp={totals.fillRateQtyBp}
            />
            <Card
              label={t("delivery.metrics.fillValue")}
              hint={t("delivery.metrics.fillValueHint")}
              value={pct(fmt, totals.fillRateValueBp)}
              sub={`${fmt.money(totals.deliveredPoisha)} / ${fmt.money(totals.orderedPoisha)}`}
              testId="metric-fill-value"
              bp={totals.fillRateValueBp}
            />
            <Card
              label={t("delivery.metrics.leadTime")}
              hint={t("delivery.metrics.leadTimeHint")}
              value={t("delivery.metrics.hours", { n: hours(fmt, totals.leadTimeAvgHours) })}
              sub={t("delivery.metrics.median", { n: hours(fmt, totals.leadTimeMedianHours) })}
              testId="metric-lead-time"
            />
            <Card
              label={t("delivery.metrics.attempted")}
              value={fmt.number(totals.attempted)}
              sub={t("delivery.metrics.outcomes", {
                delivered: fmt.number(totals.delivered),
                partial: fmt.number(totals.partiallyDelivered),
                failed: fmt.number(totals.failed),
              })}
              testId="metric-attempted"
            />
            <Card
              label={t("delivery.trips.cash")}
              value={fmt.money(totals.cashCollectedPoisha)}
              sub={t("delivery.metrics.trips", { n: fmt.number(totals.trips) })}
              testId="metric-cash"
            />
          </SimpleGrid>
          <FailureReasons row={totals} />
          <Table.ScrollContainer minWidth={900}>
            <Table striped verticalSpacing="xs" data-testid="metrics-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("delivery.common.distributor")}</Table.Th>
                  <Table.Th ta="right">{t("delivery.metrics.tripsColumn")}</Table.Th>
                  <Table.Th ta="right">{t("delivery.metrics.attempted")}</Table.Th>
                  <Table.Th ta="right">{t("delivery.metrics.otif")}</Table.Th>
                  <Table.Th ta="right">{t("delivery.metrics.fillQty")}</Table.Th>
                  <Table.Th ta="right">{t("delivery.metrics.fillValue")}</Table.Th>
                  <Table.Th ta="right">{t("delivery.metrics.leadTimeShort")}</Table.Th>
                  <Table.Th ta="right">{t("delivery.drops.failed")}</Table.Th>
                  <Table.Th ta="right">{t("delivery.trips.cash")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(metrics.data?.byDistributor ?? []).map((r) => (
                  <Table.Tr
                    key={r.distributorId ?? "all"}
                    data-testid="metrics-row"
                    data-distributor-id={r.distributorId}
                  >
                    <Table.Td>
                      {r.distributorName
                        ? nameIn({ name: r.distributorName, nameBn: r.distributorNameBn }, locale)
                        : "—"}
                    </Table.Td>
                    <Table.Td ta="right">{fmt.number(r.trips)}</Table.Td>
                    <Table.Td ta="right">{fmt.number(r.attempted)}</Table.Td>
                    <Table.Td ta="right">{pct(fmt, r.otifBp)}</Table.Td>
                    <Table.Td ta="right">{pct(fmt, r.fillRateQtyBp)}</Table.Td>
                    <Table.Td ta="right">{pct(fmt, r.fillRateValueBp)}</Table.Td>
                    <Table.Td ta="right">{hours(fmt, r.leadTimeAvgHours)}</Table.Td>
                    <Table.Td ta="right">{fmt.number(r.failed)}</Table.Td>
                    <Table.Td ta="right">
                      <Money size="sm" poisha={r.cashCollectedPoisha} />
                    </Table.Td>
                  </Table.Tr>
                ))}
                {metrics.data && metrics.data.byDistributor.length === 0 ? (
                  <EmptyTableRow colSpan={9}>{t("delivery.metrics.empty")}</EmptyTableRow>
                ) : null}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      ) : null}
    </Stack>
  );
}

function Card(props: {
  label: string;
  value: string;
  sub?: string;
  hint?: string;
  testId: string;
  bp?: number | null;
}) {
  const body = (
    <Paper withBorder p="sm" data-testid={props.testId} data-bp={props.bp ?? undefined}>
      <Text size="xs" c="dimmed">
        {props.label}
      </Text>
      <Text size="xl" fw={700} data-testid={`${props.testId}-value`}>
        {props.value}
      </Text>
      {props.sub ? (
        <Text size="xs" c="dimmed">
          {props.sub}
        </Text>
      ) : null}
    </Paper>
  );
  return props.hint ? (
    <Tooltip label={props.hint} multiline w={280} withinPortal>
      {body}
    </Tooltip>
  ) : (
    body
  );
}

function FailureReasons({ row }: { row: DeliveryMetricsRow }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const reasons = FAILURE_REASONS.filter((r) => (row.failuresByReason[r] ?? 0) > 0);
  if (reasons.length === 0) return null;
  return (
    <Paper withBorder p="sm" data-testid="metrics-failures">
      <Text size="sm" fw={600} mb={4}>
        {t("delivery.metrics.failures")}
      </Text>
      <Group gap="lg">
        {reasons.map((r) => (
          <Text key={r} size="sm">
            {t(`delivery.failure.${r}`)}: <b>{fmt.number(row.failuresByReason[r] ?? 0)}</b>
          </Text>
        ))}
      </Group>
    </Paper>
  );
}
