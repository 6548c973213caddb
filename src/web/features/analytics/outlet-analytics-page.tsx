// /analytics/outlets/$outletId: one outlet, the bottom of the drill-down. Its sales in the period against the
// previous one, twelve months of orders, what it buys (SKU mix), its last memos (each opens the order) and its
// ordering rhythm: the usual interval between orders and how long since the last one.
import { Anchor, Badge, Card, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text } from "@mantine/core";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { OutletAnalyticsResponse } from "../../../shared/contracts/analytics.ts";
import type { SecondaryStatus } from "../../../shared/contracts/orders.ts";
import { businessDate, daysBetween } from "../../../shared/format.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { type Formatters, useFormat } from "../../ui/use-format.ts";
import { localName } from "../network/network-labels.ts";
import { OutletLink } from "../network/network-links.tsx";
import { ORDER_STATUS_COLORS } from "../orders/order-labels.ts";
import { AnalyticsFilterBar, TerritoryBreadcrumb } from "./analytics-filter-bar.tsx";
import { changeColor, changeText, salesKpis } from "./analytics-measures.ts";
import { AnalyticsPageHeader } from "./analytics-page-header.tsx";
import { resolvePeriod } from "./analytics-period.ts";
import type { OutletAnalyticsSearch } from "./analytics-search.ts";
import { MonthBars } from "./sales-charts.tsx";
import { useOutletAnalytics } from "./use-analytics.ts";

const route = getRouteApi("/_app/analytics/outlets/$outletId");

export function OutletAnalyticsRoute() {
  return (
    <RequirePermission permission="analytics.read">
      <OutletAnalyticsPage />
    </RequirePermission>
  );
}

const numCell = { textAlign: "right", whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" } as const;

function OutletAnalyticsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const locale = useLocale();
  const { outletId } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const today = businessDate();
  const range = resolvePeriod(search, today);
  const analytics = useOutletAnalytics(outletId, { from: range.from, to: range.to });
  const data = analytics.data;
  const setSearch = (patch: Partial<OutletAnalyticsSearch>) =>
    void navigate({ search: (s: OutletAnalyticsSearch) => ({ ...s, ...patch }), replace: true });

  const name = data ? localName(data.outlet, locale) : "…";
  return (
    <Stack gap="md" data-testid="analytics-outlet">
      <AnalyticsPageHeader title={name} search={search} />
      {data ? (
        <Group gap="xs" wrap="wrap">
          <TerritoryBreadcrumb
            crumbs={data.outlet.breadcrumb}
            onPick={(territoryId, index) =>
              void navigate({
                to: "/analytics",
                search: { ...search, territoryId: index === 0 ? undefined : territoryId },
              })
            }
          />
          <Text size="sm" c="dimmed">
            {[data.outlet.code, data.outlet.distributorName].filter(Boolean).join(" · ")}
          </Text>
          <OutletLink id={data.outlet.id} size="sm" data-testid="outlet-profile-link">
            {t("analytics.outlet.profile")}
          </OutletLink>
        </Group>
      ) : null}
      <AnalyticsFilterBar
        search={search}
        onChange={({ period, from, to }) => setSearch({ period, from, to })}
        period={data?.period}
        hideSlice
      />
      <ErrorAlert error={analytics.error} />
      {data ? <OutletSummary data={data} fmt={fmt} today={today} /> : <Skeleton h={96} />}
      <Paper withBorder p="sm">
        <Text fw={600} mb="xs">
          {t("analytics.outlet.months")}
        </Text>
        {data ? <MonthBars months={data.months} /> : <Skeleton h={240} />}
      </Paper>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Paper withBorder p="sm">
          <Text fw={600} mb="xs">
            {t("analytics.outlet.skuMix")}
          </Text>
          <Table.ScrollContainer minWidth={480} maxHeight="60vh">
            <Table striped stickyHeader verticalSpacing="xs" data-testid="outlet-sku-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("analytics.dimension.sku")}</Table.Th>
                  <Table.Th style={numCell}>{t("analytics.outlet.qty")}</Table.Th>
                  <Table.Th style={numCell}>{t("analytics.kpi.ordered")}</Table.Th>
                  <Table.Th style={numCell}>{t("analytics.outlet.share")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(data?.skus ?? []).map((s) => (
                  <Table.Tr key={s.skuId} data-testid="outlet-sku-row">
                    <Table.Td>
                      <Text size="sm">{localName(s, locale)}</Text>
                      <Text size="xs" c="dimmed">
                        {s.code}
                      </Text>
                    </Table.Td>
                    <Table.Td style={numCell}>{fmt.number(s.orderedQty)}</Table.Td>
                    <Table.Td style={numCell}>{fmt.money(s.orderedPoisha)}</Table.Td>
                    <Table.Td style={numCell}>
                      {shareText(fmt, s.orderedPoisha, data?.totals.current.orderedPoisha)}
                    </Table.Td>
                  </Table.Tr>
                ))}
                {data && data.skus.length === 0 ? (
                  <EmptyTableRow colSpan={4}>{t("analytics.table.empty")}</EmptyTableRow>
                ) : null}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
        <Paper withBorder p="sm">
          <Text fw={600} mb="xs">
            {t("analytics.outlet.lastOrders")}
          </Text>
          <Table.ScrollContainer minWidth={480}>
            <Table striped verticalSpacing="xs" data-testid="outlet-order-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("analytics.outlet.orderNumber")}</Table.Th>
                  <Table.Th>{t("analytics.outlet.orderDate")}</Table.Th>
                  <Table.Th>{t("analytics.outlet.status")}</Table.Th>
                  <Table.Th style={numCell}>{t("analytics.outlet.total")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(data?.lastOrders ?? []).map((o) => (
                  <Table.Tr key={o.id} data-testid="outlet-order-row">
                    <Table.Td>
                      <Anchor
                        size="sm"
                        fw={500}
                        renderRoot={(p) => <Link {...p} to="/orders/$orderId" params={{ orderId: o.id }} />}
                      >
                        {o.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{fmt.date(o.orderDate)}</Table.Td>
                    <Table.Td>
                      <Badge
                        variant="light"
                        tt="none"
                        color={ORDER_STATUS_COLORS[o.status as SecondaryStatus] ?? "gray"}
                      >
                        {t(`orders.status.${o.status}` as "orders.status.draft", { defaultValue: o.status })}
                      </Badge>
                    </Table.Td>
                    <Table.Td style={numCell}>{fmt.money(o.totalPoisha)}</Table.Td>
                  </Table.Tr>
                ))}
                {data && data.lastOrders.length === 0 ? (
                  <EmptyTableRow colSpan={4}>{t("analytics.outlet.noOrders")}</EmptyTableRow>
                ) : null}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}

function shareText(fmt: Formatters, part: number, whole: number | undefined): string {
  if (!whole) return "—";
  return `${fmt.number(Math.round((part / whole) * 1000) / 10)}%`;
}

function OutletSummary({ data, fmt, today }: { data: OutletAnalyticsResponse; fmt: Formatters; today: string }) {
  const { t } = useTranslation();
  const kpis = salesKpis(data.totals.current, data.totals.previous).filter((k) =>
    ["ordered", "orders", "lines", "dropSize", "delivered", "returned"].includes(k.key),
  );
  const sinceLast = data.lastOrderOn ? daysBetween(data.lastOrderOn, today) : null;
  // Overdue as the early warnings count it: no order for twice the usual interval.
  const overdue = sinceLast !== null && data.usualIntervalDays !== null && sinceLast >= 2 * data.usualIntervalDays;
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" data-testid="outlet-summary">
      {kpis.map((k) => (
        <Card key={k.key} withBorder padding="sm" data-testid={`outlet-kpi-${k.key}`}>
          <Text size="xs" c="dimmed">
            {t(`analytics.kpi.${k.key}`)}
          </Text>
          <Text fw={700} size="lg" style={{ fontVariantNumeric: "tabular-nums" }}>
            {k.current === null ? "—" : k.kind === "money" ? fmt.money(k.current) : fmt.number(k.current)}
          </Text>
          {k.previous !== null ? (
            <Text size="xs" c={changeColor(k.changeBp, k.higherIsBetter)} fw={600}>
              {changeText(fmt, k.changeBp)}
            </Text>
          ) : null}
        </Card>
      ))}
      <Card withBorder padding="sm" data-testid="outlet-interval">
        <Text size="xs" c="dimmed">
          {t("analytics.outlet.usualInterval")}
        </Text>
        <Text fw={700} size="lg">
          {data.usualIntervalDays === null
            ? "—"
            : t("analytics.outlet.days", { n: fmt.number(data.usualIntervalDays) })}
        </Text>
      </Card>
      <Card withBorder padding="sm" data-testid="outlet-last-order">
        <Text size="xs" c="dimmed">
          {t("analytics.outlet.lastOrder")}
        </Text>
        <Text fw={700} size="lg" c={overdue ? "red.8" : undefined}>
          {data.lastOrderOn ? fmt.date(data.lastOrderOn) : "—"}
        </Text>
        {sinceLast !== null ? (
          <Text size="xs" c={overdue ? "red.8" : "dimmed"}>
            {t("analytics.outlet.daysAgo", { n: fmt.number(sinceLast) })}
          </Text>
        ) : null}
      </Card>
    </SimpleGrid>
  );
}
