// /incentives: the commission statements of a period the caller may see (all; a manager's team; a rep's or a
// distributor's own), each opening its lines. Head office computes a plan's drafts and downloads the payout file.
import { Anchor, Badge, Button, Group, Paper, Select, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { StatementStatus } from "../../../shared/contracts/incentives.ts";
import { businessDate } from "../../../shared/format.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { Money } from "../../ui/formatted-values.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { localName } from "../orders/use-network-lookups.ts";
import { INCENTIVES_ACCESS } from "./incentives-access.ts";
import { IncentivesHeader } from "./incentives-header.tsx";
import type { StatementsSearch } from "./incentives-search.ts";
import { recentPeriodStarts } from "./plan-form.ts";
import { downloadPayout, useComputeStatements, usePlans, useStatements } from "./use-incentives.ts";

const route = getRouteApi("/_app/incentives");

export const STATUS_COLORS: Record<StatementStatus, string> = { draft: "gray", approved: "blue", paid: "teal" };

export function StatementsRoute() {
  return (
    <RequirePermission permission={INCENTIVES_ACCESS.read}>
      <StatementsPage />
    </RequirePermission>
  );
}

function StatementsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const me = useMe();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const setSearch = (patch: Partial<StatementsSearch>) =>
    void navigate({ search: (s: StatementsSearch) => ({ ...s, ...patch }), replace: true });
  const periods = recentPeriodStarts(businessDate(), 15);
  const periodStart = search.periodStart ?? (periods[0] as string);
  const plans = usePlans();
  const statements = useStatements({ periodStart, planId: search.planId, status: search.status });
  const compute = useComputeStatements({
    onSuccess: (r) =>
      notifications.show({
        color: "teal",
        message: t("incentives.statements.computed", { count: fmt.number(r.items.length) }),
      }),
  });
  const canManage = hasPermission(me, INCENTIVES_ACCESS.manage);
  const canApprove = hasPermission(me, INCENTIVES_ACCESS.approve);
  const download = (format: "csv" | "xlsx") =>
    downloadPayout(periodStart, format, search.planId).catch((e: Error) =>
      notifications.show({ color: "red", message: e.message }),
    );
  const items = statements.data?.items ?? [];
  const total = items.reduce((s, i) => s + i.payoutPoisha, 0);
  return (
    <Stack gap="md" data-testid="incentive-statements">
      <IncentivesHeader
        title={t("incentives.statements.title")}
        actions={
          <>
            {canManage ? (
              <Button
                disabled={!search.planId}
                title={search.planId ? undefined : t("incentives.statements.computeHint")}
                loading={compute.isPending}
                onClick={() => search.planId && compute.mutate({ planId: search.planId, periodStart })}
                data-testid="statements-compute"
              >
                {t("incentives.statements.compute")}
              </Button>
            ) : null}
            {canApprove ? (
              <>
                <Button variant="default" onClick={() => download("csv")} data-testid="statements-export-csv">
                  {t("incentives.statements.exportCsv")}
                </Button>
                <Button variant="default" onClick={() => download("xlsx")} data-testid="statements-export-xlsx">
                  {t("incentives.statements.exportXlsx")}
                </Button>
              </>
            ) : null}
          </>
        }
      />
      <Group gap="sm" align="flex-end">
        <Select
          label={t("incentives.statements.period")}
          data={periods.map((p) => ({ value: p, label: fmt.date(p) }))}
          value={periodStart}
          onChange={(v) => setSearch({ periodStart: v ?? undefined })}
          allowDeselect={false}
          w={180}
          data-testid="statements-period"
        />
        <Select
          label={t("incentives.statements.plan")}
          placeholder={t("incentives.statements.allPlans")}
          data={(plans.data ?? []).map((p) => ({ value: p.id, label: localName(p, locale) }))}
          value={search.planId ?? null}
          onChange={(v) => setSearch({ planId: v ?? undefined })}
          clearable
          w={260}
          data-testid="statements-plan"
        />
        <Select
          label={t("incentives.statements.status")}
          placeholder={t("incentives.statements.anyStatus")}
          data={(["draft", "approved", "paid"] as const).map((s) => ({ value: s, label: t(`incentives.status.${s}`) }))}
          value={search.status ?? null}
          onChange={(v) => setSearch({ status: (v as StatementStatus | null) ?? undefined })}
          clearable
          w={180}
          data-testid="statements-status"
        />
      </Group>
      <ErrorAlert error={statements.error ?? compute.error} />
      <Paper withBorder p="sm">
        <Table.ScrollContainer minWidth={820}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="statements-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("incentives.statements.person")}</Table.Th>
                <Table.Th>{t("incentives.statements.plan")}</Table.Th>
                <Table.Th ta="right">{t("incentives.statements.netSales")}</Table.Th>
                <Table.Th ta="right">{t("incentives.statements.target")}</Table.Th>
                <Table.Th ta="right">{t("incentives.statements.attainment")}</Table.Th>
                <Table.Th ta="right">{t("incentives.statements.payout")}</Table.Th>
                <Table.Th ta="right">{t("incentives.statements.carry")}</Table.Th>
                <Table.Th>{t("incentives.statements.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s) => (
                <Table.Tr key={s.id} data-testid="statement-row" data-status={s.status}>
                  <Table.Td>
                    <Anchor
                      size="sm"
                      fw={500}
                      renderRoot={(r) => (
                        <Link {...r} to="/incentives/statements/$statementId" params={{ statementId: s.id }} />
                      )}
                      data-testid="statement-open"
                    >
                      {s.personName}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {t(`incentives.kind.${s.personKind}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{localName({ name: s.planName, nameBn: s.planNameBn }, locale)}</Table.Td>
                  <Table.Td ta="right">
                    <Money size="sm" poisha={s.netSalesPoisha} />
                  </Table.Td>
                  <Table.Td ta="right">
                    {s.targetPoisha === null ? "—" : <Money size="sm" poisha={s.targetPoisha} />}
                  </Table.Td>
                  <Table.Td ta="right">
                    {s.attainmentBp === null ? "—" : `${fmt.number(s.attainmentBp / 100)}%`}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Money size="sm" poisha={s.payoutPoisha} fw={600} />
                  </Table.Td>
                  <Table.Td ta="right">
                    {s.carryForwardPoisha > 0 ? <Money size="sm" poisha={s.carryForwardPoisha} c="red" /> : "—"}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLORS[s.status]} variant="light" tt="none">
                      {t(`incentives.status.${s.status}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
              {statements.isSuccess && items.length === 0 ? (
                <EmptyTableRow colSpan={8}>{t("incentives.statements.empty")}</EmptyTableRow>
              ) : null}
              {items.length > 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text size="sm" fw={600}>
                      {t("incentives.statements.total")}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Money size="sm" poisha={total} fw={700} data-testid="statements-total" />
                  </Table.Td>
                  <Table.Td colSpan={2} />
                </Table.Tr>
              ) : null}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}
