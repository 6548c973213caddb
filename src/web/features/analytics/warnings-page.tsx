// /analytics/warnings: the early warnings (A4) in the caller's part of the market: outlets that stopped ordering,
// SKUs falling against their trend, territories behind their run-rate. One tab per kind with its count; each row
// links to where the problem can be looked into (the outlet's page, the SKU's or the territory's sales).
import { Anchor, Badge, Button, Paper, Stack, Table, Tabs, Text } from "@mantine/core";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { WARNING_KINDS, type Warning, type WarningKind } from "../../../shared/contracts/analytics.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateTimeText } from "../../ui/formatted-values.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { AnalyticsFilterBar } from "./analytics-filter-bar.tsx";
import { AnalyticsPageHeader } from "./analytics-page-header.tsx";
import type { WarningsSearch } from "./analytics-search.ts";
import { ExportButtons } from "./export-buttons.tsx";
import { useRefreshWarnings, useWarnings, type WarningsParams } from "./use-analytics.ts";

const route = getRouteApi("/_app/analytics/warnings");

export function WarningsRoute() {
  return (
    <RequirePermission permission="analytics.read">
      <WarningsPage />
    </RequirePermission>
  );
}

const numCell = { textAlign: "right", whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" } as const;
const KIND_COLORS: Record<WarningKind, string> = {
  outlet_stopped: "red",
  sku_falling: "orange",
  territory_behind: "grape",
};

function WarningsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const setSearch = (patch: Partial<WarningsSearch>) =>
    void navigate({ search: (s: WarningsSearch) => ({ ...s, ...patch }), replace: true });
  const kind: WarningKind = search.kind ?? "outlet_stopped";
  const query: WarningsParams = { territoryId: search.territoryId, distributorId: search.distributorId, kind };
  const warnings = useWarnings(query);
  const me = useMe();
  const refresh = useRefreshWarnings();
  const data = warnings.data;

  return (
    <Stack gap="md" data-testid="analytics-warnings">
      <AnalyticsPageHeader
        title={t("analytics.warnings.title")}
        search={{ territoryId: search.territoryId, distributorId: search.distributorId }}
        actions={
          <>
            {hasPermission(me, "analytics.manage") ? (
              <Button
                variant="light"
                loading={refresh.isPending}
                onClick={() => refresh.mutate()}
                data-testid="warnings-refresh"
              >
                {t("analytics.warnings.checkNow")}
              </Button>
            ) : null}
            <ExportButtons report="warnings" query={query} />
          </>
        }
      />
      <AnalyticsFilterBar search={search} onChange={(p) => setSearch(p)} noPeriod />
      {data?.generatedAt ? (
        <Text size="xs" c="dimmed" data-testid="warnings-generated">
          {t("analytics.warnings.generatedAt")} <DateTimeText value={data.generatedAt} />
        </Text>
      ) : data ? (
        <Text size="xs" c="dimmed">
          {t("analytics.warnings.notYet")}
        </Text>
      ) : null}
      <ErrorAlert error={warnings.error} />
      <Paper withBorder p="sm">
        <Tabs value={kind} onChange={(v) => setSearch({ kind: (v as WarningKind | null) ?? undefined })}>
          <Tabs.List mb="xs">
            {WARNING_KINDS.map((k) => (
              <Tabs.Tab
                key={k}
                value={k}
                data-testid={`warnings-tab-${k}`}
                rightSection={
                  data ? (
                    <Badge size="sm" variant="light" color={KIND_COLORS[k]} data-testid={`warnings-count-${k}`}>
                      {fmt.number(data.counts[k])}
                    </Badge>
                  ) : null
                }
              >
                {t(`analytics.warnings.kind.${k}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        <Text size="xs" c="dimmed" mb="xs">
          {t(`analytics.warnings.explain.${kind}`)}
        </Text>
        <WarningTable items={data?.items ?? []} kind={kind} loading={!warnings.isSuccess} />
      </Paper>
    </Stack>
  );
}

function WarningTable({ items, kind, loading }: { items: Warning[]; kind: WarningKind; loading: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const locale = useLocale();
  // A territory's own warning needs no territory column beside it.
  const withTerritory = kind !== "territory_behind";
  const severityLabel = kind === "outlet_stopped" ? t("analytics.warnings.daysOverdue") : t("analytics.warnings.fall");
  return (
    <Table.ScrollContainer minWidth={900} maxHeight="70vh">
      <Table striped highlightOnHover stickyHeader verticalSpacing="xs" data-testid="warnings-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t(`analytics.warnings.subject.${kind}`)}</Table.Th>
            {withTerritory ? <Table.Th>{t("analytics.dimension.territory")}</Table.Th> : null}
            <Table.Th style={numCell}>{severityLabel}</Table.Th>
            <Table.Th>{t("analytics.warnings.what")}</Table.Th>
            <Table.Th>{t("analytics.warnings.detectedOn")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((w) => (
            <Table.Tr key={w.id} data-testid="warning-row">
              <Table.Td>
                <SubjectLink
                  warning={w}
                  label={locale === "bn" && w.subjectLabelBn ? w.subjectLabelBn : w.subjectLabel}
                />
              </Table.Td>
              {withTerritory ? (
                <Table.Td>
                  <Text size="sm">
                    {(locale === "bn" && w.territoryNameBn ? w.territoryNameBn : w.territoryName) ?? "—"}
                  </Text>
                </Table.Td>
              ) : null}
              <Table.Td style={numCell}>
                <Text span inherit fw={600} c={`${KIND_COLORS[w.kind]}.8`}>
                  {w.kind === "outlet_stopped"
                    ? t("analytics.outlet.days", { n: fmt.number(w.severity) })
                    : `${fmt.number(Math.round(w.severity / 10) / 10)}%`}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{w.message}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{fmt.date(w.detectedOn)}</Table.Td>
            </Table.Tr>
          ))}
          {!loading && items.length === 0 ? (
            <EmptyTableRow colSpan={withTerritory ? 5 : 4}>{t("analytics.warnings.none")}</EmptyTableRow>
          ) : null}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Where to look into a warning: the outlet's page, the SKU's sales by territory, or the territory's sales. */
function SubjectLink({ warning: w, label }: { warning: Warning; label: string }) {
  const common = { size: "sm", fw: 500, "data-testid": "warning-subject" } as const;
  switch (w.kind) {
    case "outlet_stopped":
      return (
        <Anchor
          {...common}
          renderRoot={(p) => <Link {...p} to="/analytics/outlets/$outletId" params={{ outletId: w.subjectId }} />}
        >
          {label}
        </Anchor>
      );
    case "sku_falling":
      return (
        <Anchor
          {...common}
          renderRoot={(p) => (
            <Link {...p} to="/analytics" search={{ skuId: w.subjectId, period: "last_90", grain: "week" }} />
          )}
        >
          {label}
        </Anchor>
      );
    case "territory_behind":
      return (
        <Anchor {...common} renderRoot={(p) => <Link {...p} to="/analytics" search={{ territoryId: w.subjectId }} />}>
          {label}
        </Anchor>
      );
  }
}
