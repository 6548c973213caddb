// /replenishment/alerts: stock-outs, stock at risk (cover below the lead time), over-stock and batches near expiry,
// per distributor and SKU, counted by kind; the kind and the distributor are in the URL. A row opens the SKU's
// forecast. The admin can check now rather than wait for the daily run.
import { Anchor, Badge, Button, Paper, Stack, Table, Tabs, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { ALERT_KINDS, type AlertKind, type StockAlert } from "../../../shared/contracts/replenishment.ts";
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
import { ALERT_KIND_COLORS } from "./replenishment-model.ts";
import { DistributorFilter } from "./replenishment-parts.tsx";
import type { AlertsSearch } from "./replenishment-search.ts";
import { useAlerts, useRefreshAlerts } from "./use-replenishment.ts";

const route = getRouteApi("/_app/replenishment/alerts");

export function StockAlertsRoute() {
  return (
    <RequirePermission permission={REPLENISHMENT_ACCESS.read}>
      <StockAlertsPage />
    </RequirePermission>
  );
}

const ALL = "all";

function StockAlertsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const setSearch = (patch: Partial<AlertsSearch>) =>
    void navigate({ search: (s: AlertsSearch) => ({ ...s, ...patch }), replace: true });
  const own = ownDistributorId(me);
  const distributorId = own ?? search.distributorId;
  const alerts = useAlerts({ distributorId, kind: search.kind });
  const refresh = useRefreshAlerts({
    onSuccess: () => notifications.show({ color: "teal", message: t("replenishment.alerts.checked") }),
  });
  const data = alerts.data;
  const total = data ? ALERT_KINDS.reduce((s, k) => s + (data.counts[k] ?? 0), 0) : 0;
  return (
    <Stack gap="md" data-testid="replenishment-alerts">
      <ReplenishmentHeader
        title={t("replenishment.alerts.title")}
        distributorId={distributorId}
        actions={
          hasPermission(me, REPLENISHMENT_ACCESS.manage) ? (
            <Button
              variant="light"
              loading={refresh.isPending}
              onClick={() => refresh.mutate()}
              data-testid="alerts-refresh"
            >
              {t("replenishment.alerts.checkNow")}
            </Button>
          ) : null
        }
      />
      {!own ? (
        <DistributorFilter
          value={search.distributorId}
          onChange={(id) => setSearch({ distributorId: id })}
          testId="alerts-distributor-select"
        />
      ) : null}
      <Text size="xs" c="dimmed" data-testid="alerts-generated">
        {data?.generatedAt
          ? t("replenishment.alerts.generatedAt", { time: fmt.dateTime(data.generatedAt) })
          : data
            ? t("replenishment.alerts.notYet")
            : ""}
      </Text>
      <ErrorAlert error={alerts.error} />
      <Paper withBorder p="sm">
        <Tabs
          value={search.kind ?? ALL}
          onChange={(v) => setSearch({ kind: v && v !== ALL ? (v as AlertKind) : undefined })}
        >
          <Tabs.List mb="xs">
            <Tabs.Tab
              value={ALL}
              data-testid="alerts-tab-all"
              rightSection={
                data ? (
                  <Badge size="sm" variant="light" color="gray">
                    {fmt.number(total)}
                  </Badge>
                ) : null
              }
            >
              {t("replenishment.alerts.all")}
            </Tabs.Tab>
            {ALERT_KINDS.map((k) => (
              <Tabs.Tab
                key={k}
                value={k}
                data-testid={`alerts-tab-${k}`}
                rightSection={
                  data ? (
                    <Badge size="sm" variant="light" color={ALERT_KIND_COLORS[k]} data-testid={`alerts-count-${k}`}>
                      {fmt.number(data.counts[k] ?? 0)}
                    </Badge>
                  ) : null
                }
              >
                {t(`replenishment.alerts.kind.${k}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        {search.kind ? (
          <Text size="xs" c="dimmed" mb="xs">
            {t(`replenishment.alerts.explain.${search.kind}`)}
          </Text>
        ) : null}
        <AlertTable items={data?.items ?? []} loading={!alerts.isSuccess} withDistributor={!own} />
      </Paper>
    </Stack>
  );
}

function AlertTable({
  items,
  loading,
  withDistributor,
}: {
  items: StockAlert[];
  loading: boolean;
  /** A distributor's own alerts need no column naming it. */
  withDistributor: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  return (
    <Table.ScrollContainer minWidth={900} maxHeight="70vh">
      <Table striped highlightOnHover stickyHeader verticalSpacing="xs" data-testid="alerts-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("replenishment.alerts.kindColumn")}</Table.Th>
            {withDistributor ? <Table.Th>{t("replenishment.common.distributor")}</Table.Th> : null}
            <Table.Th>{t("replenishment.common.sku")}</Table.Th>
            <Table.Th>{t("replenishment.alerts.message")}</Table.Th>
            <Table.Th style={{ whiteSpace: "nowrap" }}>{t("replenishment.alerts.detectedOn")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => (
            <Table.Tr key={a.id} data-testid="alert-row" data-kind={a.kind}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Badge
                  color={ALERT_KIND_COLORS[a.kind]}
                  variant="light"
                  tt="none"
                  styles={{ root: { overflow: "visible" }, label: { overflow: "visible" } }}
                >
                  {t(`replenishment.alerts.kind.${a.kind}`)}
                </Badge>
              </Table.Td>
              {withDistributor ? (
                <Table.Td>
                  <Text size="sm">{localName({ name: a.distributorName, nameBn: a.distributorNameBn }, locale)}</Text>
                </Table.Td>
              ) : null}
              <Table.Td>
                <Anchor
                  size="sm"
                  fw={500}
                  renderRoot={(p) => (
                    <Link
                      {...p}
                      to="/replenishment/forecast"
                      search={{ distributorId: a.distributorId, skuId: a.skuId }}
                    />
                  )}
                >
                  {localName({ name: a.skuName, nameBn: a.skuNameBn }, locale)}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {a.skuCode}
                  {a.batchNo ? ` · ${t("replenishment.alerts.batch", { batch: a.batchNo })}` : ""}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{a.message}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{fmt.date(a.detectedOn)}</Table.Td>
            </Table.Tr>
          ))}
          {!loading && items.length === 0 ? (
            <EmptyTableRow colSpan={withDistributor ? 5 : 4}>{t("replenishment.alerts.empty")}</EmptyTableRow>
          ) : null}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
