// /incentives/statements/$statementId: one person's statement for a period, every line with the figures it was
// computed from and its amount, summing to the payout; head office approves a draft and records the payment.
import { Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateTimeText, Money } from "../../ui/formatted-values.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { localName } from "../orders/use-network-lookups.ts";
import { INCENTIVES_ACCESS } from "./incentives-access.ts";
import { IncentivesHeader } from "./incentives-header.tsx";
import { STATUS_COLORS } from "./statements-page.tsx";
import { useApproveStatement, useMarkPaid, useStatement } from "./use-incentives.ts";

const route = getRouteApi("/_app/incentives/statements/$statementId");

export function StatementRoute() {
  return (
    <RequirePermission permission={INCENTIVES_ACCESS.read}>
      <StatementPage />
    </RequirePermission>
  );
}

function Figure({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="xs">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{children}</Text>
    </Paper>
  );
}

function StatementPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const me = useMe();
  const { statementId } = route.useParams();
  const statement = useStatement(statementId);
  const [reference, setReference] = useState("");
  const approve = useApproveStatement(statementId, {
    onSuccess: () => notifications.show({ color: "teal", message: t("incentives.statement.approved") }),
  });
  const pay = useMarkPaid(statementId, {
    onSuccess: () => notifications.show({ color: "teal", message: t("incentives.statement.paid") }),
  });
  const s = statement.data;
  const canApprove = hasPermission(me, INCENTIVES_ACCESS.approve);
  const pct = (bp: number | null) => (bp === null ? "—" : `${fmt.number(bp / 100)}%`);
  return (
    <Stack gap="md" data-testid="incentive-statement">
      <IncentivesHeader
        title={s ? t("incentives.statement.title", { name: s.personName }) : "…"}
        subtitle={
          s
            ? `${localName({ name: s.planName, nameBn: s.planNameBn }, locale)} · ${t(
                "incentives.statement.periodRange",
                {
                  from: fmt.date(s.periodStart),
                  to: fmt.date(s.periodEnd),
                },
              )}`
            : undefined
        }
        actions={
          <Button component={Link} to="/incentives" variant="subtle">
            {t("incentives.statement.back")}
          </Button>
        }
      />
      <ErrorAlert error={statement.error ?? approve.error ?? pay.error} />
      {s ? (
        <>
          <Group gap="xs">
            <Badge color={STATUS_COLORS[s.status]} variant="light" tt="none" data-testid="statement-status">
              {t(`incentives.status.${s.status}`)}
            </Badge>
            {s.approvedAt ? (
              <Text size="sm" c="dimmed">
                {t("incentives.statement.approvedAt")}: <DateTimeText value={s.approvedAt} />
              </Text>
            ) : null}
            {s.paidAt ? (
              <Text size="sm" c="dimmed">
                {t("incentives.statement.paidAt")}: <DateTimeText value={s.paidAt} /> · {s.payoutReference}
              </Text>
            ) : null}
          </Group>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Figure label={t("incentives.statements.netSales")}>{fmt.money(s.netSalesPoisha)}</Figure>
            <Figure label={t("incentives.statements.target")}>
              {s.targetPoisha === null ? "—" : fmt.money(s.targetPoisha)}
            </Figure>
            <Figure label={t("incentives.statements.attainment")}>{pct(s.attainmentBp)}</Figure>
            <Figure label={t("incentives.statement.coverage")}>{pct(s.coverageBp)}</Figure>
            <Figure label={t("incentives.statement.commission")}>{fmt.money(s.commissionPoisha)}</Figure>
            <Figure label={t("incentives.statement.kickers")}>{fmt.money(s.kickersPoisha)}</Figure>
            <Figure label={t("incentives.statement.clawback")}>{fmt.money(s.clawbackPoisha)}</Figure>
            <Figure label={t("incentives.statements.payout")}>
              <span data-testid="statement-payout">{fmt.money(s.payoutPoisha)}</span>
            </Figure>
          </SimpleGrid>
          <Paper withBorder p="sm">
            <Text fw={600} mb="xs">
              {t("incentives.statement.lines")}
            </Text>
            <Table verticalSpacing="xs" data-testid="statement-lines">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("incentives.statement.line")}</Table.Th>
                  <Table.Th ta="right">{t("incentives.statement.amount")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.lines.map((l, i) => (
                  // Lines have no id of their own: their order is the computation's.
                  // biome-ignore lint/suspicious/noArrayIndexKey: the statement's lines never reorder
                  <Table.Tr key={i} data-testid="statement-line" data-code={l.code}>
                    <Table.Td>{l.label[locale]}</Table.Td>
                    <Table.Td ta="right">
                      <Money size="sm" poisha={l.amountPoisha} c={l.amountPoisha < 0 ? "red" : undefined} />
                    </Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Td>
                    <Text size="sm" fw={700}>
                      {t("incentives.statements.payout")}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Money size="sm" poisha={s.payoutPoisha} fw={700} />
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Paper>
          {canApprove && s.status === "draft" ? (
            <Group>
              <Button loading={approve.isPending} onClick={() => approve.mutate()} data-testid="statement-approve">
                {t("incentives.statement.approve")}
              </Button>
              <Text size="sm" c="dimmed">
                {t("incentives.statement.approveHint")}
              </Text>
            </Group>
          ) : null}
          {canApprove && s.status === "approved" ? (
            <Group align="flex-end">
              <TextInput
                label={t("incentives.statement.reference")}
                placeholder={t("incentives.statement.referencePlaceholder")}
                value={reference}
                onChange={(e) => setReference(e.currentTarget.value)}
                maxLength={100}
                data-testid="statement-reference"
              />
              <Button
                disabled={reference.trim() === ""}
                loading={pay.isPending}
                onClick={() => pay.mutate({ reference: reference.trim() })}
                data-testid="statement-pay"
              >
                {t("incentives.statement.markPaid")}
              </Button>
            </Group>
          ) : null}
        </>
      ) : null}
    </Stack>
  );
}
