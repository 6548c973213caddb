// A member's statement: balance, tier and what expires soon, the movements of a period with the running balance,
// and its CSV. Shared by the office's member page and the retailer's loyalty tab.
import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { addDays, businessDate } from "../../../shared/format.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { movementColor, multiplierText, signedPoints } from "./loyalty-display.ts";
import { statementCsvUrl, useStatement } from "./use-loyalty.ts";

const isoOf = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);

export function MemberStatement({ memberId, compact = false }: { memberId: string; compact?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const locale = useLocale();
  const today = businessDate();
  const [from, setFrom] = useState<string | undefined>(addDays(today, -90));
  const [to, setTo] = useState<string | undefined>(today);
  const st = useStatement(memberId, { from, to });
  const s = st.data;
  return (
    <Stack gap="sm" data-testid="loyalty-statement">
      <ErrorAlert error={st.error} />
      {s ? (
        <SimpleGrid cols={compact ? 2 : 4} spacing="xs">
          <Paper withBorder p="sm">
            <Text size="xs" c="dimmed">
              {t("loyalty.statement.balance")}
            </Text>
            <Text fw={700} size="xl" data-testid="loyalty-balance">
              {fmt.number(s.member.balance)}
            </Text>
          </Paper>
          <Paper withBorder p="sm">
            <Text size="xs" c="dimmed">
              {t("loyalty.statement.tier")}
            </Text>
            <Text fw={700} size="lg" data-testid="loyalty-tier">
              {s.member.tier ? (locale === "bn" ? s.member.tier.nameBn : s.member.tier.name) : "—"}
            </Text>
            {s.member.tier ? (
              <Text size="xs" c="dimmed">
                {t("loyalty.statement.multiplier", { x: multiplierText(s.member.tier.multiplierBp) })}
              </Text>
            ) : null}
          </Paper>
          <Paper withBorder p="sm">
            <Text size="xs" c="dimmed">
              {t("loyalty.statement.earned12")}
            </Text>
            <Text fw={700} size="lg">
              {fmt.number(s.member.earnedLast12Months)}
            </Text>
          </Paper>
          <Paper withBorder p="sm">
            <Text size="xs" c="dimmed">
              {t("loyalty.statement.expiringSoon")}
            </Text>
            <Text fw={700} size="lg" c={s.expiringSoon.points > 0 ? "orange" : undefined}>
              {fmt.number(s.expiringSoon.points)}
            </Text>
            {s.expiringSoon.firstDate ? (
              <Text size="xs" c="dimmed">
                {t("loyalty.statement.firstExpiry", { date: fmt.date(s.expiringSoon.firstDate) })}
              </Text>
            ) : null}
          </Paper>
        </SimpleGrid>
      ) : null}
      <Group gap="xs" align="end" wrap="wrap">
        <TextInput
          type="date"
          label={t("loyalty.statement.from")}
          value={from ?? ""}
          onChange={(e) => setFrom(isoOf(e.currentTarget.value))}
          size="xs"
          w={150}
        />
        <TextInput
          type="date"
          label={t("loyalty.statement.to")}
          value={to ?? ""}
          onChange={(e) => setTo(isoOf(e.currentTarget.value))}
          size="xs"
          w={150}
        />
        <Anchor href={statementCsvUrl(memberId, { from, to })} size="sm" data-testid="loyalty-statement-csv">
          {t("loyalty.statement.csv")}
        </Anchor>
      </Group>
      {s ? (
        <Table.ScrollContainer minWidth={compact ? 320 : 640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("loyalty.statement.date")}</Table.Th>
                <Table.Th>{t("loyalty.statement.what")}</Table.Th>
                <Table.Th ta="right">{t("loyalty.statement.points")}</Table.Th>
                <Table.Th ta="right">{t("loyalty.statement.balance")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <Table.Tr>
                <Table.Td>{fmt.date(s.from)}</Table.Td>
                <Table.Td>{t("loyalty.statement.opening")}</Table.Td>
                <Table.Td />
                <Table.Td ta="right" data-testid="loyalty-opening">
                  {fmt.number(s.opening)}
                </Table.Td>
              </Table.Tr>
              {s.movements.length === 0 ? (
                <EmptyTableRow colSpan={4}>{t("loyalty.statement.none")}</EmptyTableRow>
              ) : (
                s.movements.map((m) => (
                  <Table.Tr key={m.id} data-testid="loyalty-movement">
                    <Table.Td>{fmt.date(m.entryDate)}</Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Badge variant="light" color={movementColor(m.kind, m.points)} size="sm">
                          {t(`loyalty.kinds.${m.kind}`)}
                        </Badge>
                        <Text size="xs" c="dimmed" truncate>
                          {m.valuePoisha !== null ? fmt.money(Math.abs(m.valuePoisha)) : ""} {m.note ?? ""}
                        </Text>
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right" c={movementColor(m.kind, m.points)}>
                      {signedPoints(m.points, fmt.number)}
                    </Table.Td>
                    <Table.Td ta="right">{fmt.number(m.balanceAfter)}</Table.Td>
                  </Table.Tr>
                ))
              )}
              <Table.Tr>
                <Table.Td>{fmt.date(s.to)}</Table.Td>
                <Table.Td fw={600}>{t("loyalty.statement.closing")}</Table.Td>
                <Table.Td />
                <Table.Td ta="right" fw={600} data-testid="loyalty-closing">
                  {fmt.number(s.closing)}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}
