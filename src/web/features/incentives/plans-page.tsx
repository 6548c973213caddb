// /incentives/plans: the organisation's incentive plans with their slabs and cap; head office opens one to edit it.
import { Anchor, Badge, Button, Paper, Stack, Table, Text } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { Plan } from "../../../shared/contracts/incentives.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateText, Money } from "../../ui/formatted-values.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { localName } from "../orders/use-network-lookups.ts";
import { INCENTIVES_ACCESS } from "./incentives-access.ts";
import { IncentivesHeader } from "./incentives-header.tsx";
import { usePlans } from "./use-incentives.ts";

export function PlansRoute() {
  return (
    <RequirePermission permission={INCENTIVES_ACCESS.read}>
      <PlansPage />
    </RequirePermission>
  );
}

function SlabsText({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const pct = (bp: number) => `${fmt.number(bp / 100)}%`;
  return (
    <Text size="xs">
      {plan.slabs
        .map((s) =>
          s.toBp === null
            ? `${pct(s.fromBp)} ${t("incentives.plans.openEnded")}: ${pct(s.rateBp)}`
            : `${pct(s.fromBp)}–${pct(s.toBp)}: ${pct(s.rateBp)}`,
        )
        .join(" · ")}
    </Text>
  );
}

function PlansPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const plans = usePlans();
  const items = plans.data ?? [];
  return (
    <Stack gap="md" data-testid="incentive-plans">
      <IncentivesHeader
        title={t("incentives.plans.title")}
        actions={
          hasPermission(me, INCENTIVES_ACCESS.manage) ? (
            <Button
              renderRoot={(r) => <Link {...r} to="/incentives/plans/$planId" params={{ planId: "new" }} />}
              data-testid="plan-new"
            >
              {t("incentives.plans.new")}
            </Button>
          ) : null
        }
      />
      <ErrorAlert error={plans.error} />
      <Paper withBorder p="sm">
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="plans-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("incentives.plans.name")}</Table.Th>
                <Table.Th>{t("incentives.plans.appliesTo")}</Table.Th>
                <Table.Th>{t("incentives.plans.periodKind")}</Table.Th>
                <Table.Th>{t("incentives.plans.valid")}</Table.Th>
                <Table.Th>{t("incentives.plans.slabs")}</Table.Th>
                <Table.Th ta="right">{t("incentives.plans.cap")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <Table.Tr key={p.id} data-testid="plan-row">
                  <Table.Td>
                    <Anchor
                      size="sm"
                      fw={500}
                      renderRoot={(r) => <Link {...r} to="/incentives/plans/$planId" params={{ planId: p.id }} />}
                    >
                      {localName(p, locale)}
                    </Anchor>
                    {p.archived ? (
                      <Badge ml="xs" color="gray" variant="light" tt="none">
                        {t("incentives.plans.archived")}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{t(`incentives.kind.${p.appliesTo}`)}</Table.Td>
                  <Table.Td>{t(`incentives.periodKind.${p.periodKind}`)}</Table.Td>
                  <Table.Td>
                    <DateText value={p.validFrom} />
                    {p.validTo ? (
                      <>
                        {" – "}
                        <DateText value={p.validTo} />
                      </>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <SlabsText plan={p} />
                  </Table.Td>
                  <Table.Td ta="right">
                    {p.capPoisha === null ? t("incentives.plans.noCap") : <Money size="sm" poisha={p.capPoisha} />}
                  </Table.Td>
                </Table.Tr>
              ))}
              {plans.isSuccess && items.length === 0 ? (
                <EmptyTableRow colSpan={6}>{t("incentives.plans.empty")}</EmptyTableRow>
              ) : null}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}
