// The order detail's schemes: what the order was given (one grant per scheme: discount, free goods' value, what it
// cost, claimable or not), and on request every other scheme in force on its date with why it gave nothing.
import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/api-client.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { Money } from "../../ui/formatted-values.tsx";
import { useOrderSchemes } from "./use-promotions.ts";

export function OrderSchemesPanel({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [why, setWhy] = useState(false);
  const q = useOrderSchemes(orderId);
  // 404: the order's page already says when the order itself is missing.
  if (q.error) return isApiError(q.error) && q.error.status === 404 ? null : <ErrorAlert error={q.error} />;
  const d = q.data;
  if (!d) return null;
  const granted = new Set(d.grants.map((g) => g.schemeId));
  const applied = d.schemes.filter((s) => s.applied && !granted.has(s.schemeId));
  const others = d.schemes.filter((s) => !s.applied);
  if (d.grants.length === 0 && d.schemes.length === 0) return null;
  return (
    <Paper withBorder p="sm" data-testid="order-schemes">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{t("promotions.memo.schemes")}</Title>
        {others.length > 0 ? (
          <Button size="compact-xs" variant="subtle" onClick={() => setWhy((w) => !w)} data-testid="order-schemes-why">
            {why ? t("promotions.entry.hideWhy") : t("promotions.memo.why")}
          </Button>
        ) : null}
      </Group>
      <Stack gap={6}>
        {d.grants.length > 0 ? (
          <Table verticalSpacing={4}>
            <Table.Tbody>
              {d.grants.map((g) => (
                <Table.Tr key={g.schemeId} data-testid="order-grant" data-code={g.code}>
                  <Table.Td>
                    <Badge color="grape" variant="light" tt="none">
                      {g.code}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{g.name[locale]}</Text>
                    <Group gap={4}>
                      {g.claimable ? (
                        <Badge size="xs" color="teal" variant="light" tt="none">
                          {t("promotions.memo.claimable")}
                        </Badge>
                      ) : null}
                      {g.status === "released" ? (
                        <Badge size="xs" color="gray" variant="light" tt="none">
                          {t("promotions.memo.released")}
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="xs" c="dimmed">
                      {t("promotions.memo.given")}
                    </Text>
                    <Money size="sm" fw={600} poisha={g.costPoisha} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
        {applied.map((s) => (
          <Group key={s.schemeId} gap={6} data-testid="order-scheme-applied">
            <Badge color="grape" variant="light" tt="none">
              {s.code}
            </Badge>
            <Text size="sm">{s.text[locale]}</Text>
          </Group>
        ))}
        {why
          ? others.map((s) => (
              <Group key={s.schemeId} gap={6} wrap="nowrap" align="flex-start" data-testid="order-scheme-skipped">
                <Badge color="gray" variant="light" tt="none">
                  {s.code}
                </Badge>
                <Text size="sm" c="dimmed">
                  {s.text[locale]}
                </Text>
              </Group>
            ))
          : null}
      </Stack>
    </Paper>
  );
}
