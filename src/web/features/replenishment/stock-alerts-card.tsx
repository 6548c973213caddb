// The stock alerts in the person's part of the network, counted, with the way to the list: on the home page.
import { Anchor, Card, Group, Text } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { ALERT_KINDS } from "../../../shared/contracts/replenishment.ts";
import { useFormat } from "../../ui/use-format.ts";
import { StockAlertIcon } from "./replenishment-icons.tsx";
import { useAlertCounts } from "./use-replenishment.ts";

export function StockAlertsCard() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const counts = useAlertCounts();
  const c = counts.data;
  if (!c || ALERT_KINDS.every((k) => (c[k] ?? 0) === 0)) return null;
  return (
    <Card withBorder padding="md" data-testid="home-stock-alerts">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Text c="red.7" mt={2}>
          <StockAlertIcon />
        </Text>
        <div>
          <Text fw={600}>{t("replenishment.alerts.cardTitle")}</Text>
          <Text size="sm" c="dimmed">
            {t("replenishment.alerts.cardBody", {
              stockOut: fmt.number(c.stock_out ?? 0),
              atRisk: fmt.number(c.at_risk ?? 0),
              overStock: fmt.number(c.over_stock ?? 0),
              nearExpiry: fmt.number(c.near_expiry ?? 0),
            })}
          </Text>
          <Anchor component={Link} to="/replenishment/alerts" size="sm" data-testid="home-stock-alerts-link">
            {t("replenishment.alerts.cardOpen")}
          </Anchor>
        </div>
      </Group>
    </Card>
  );
}
