import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { businessDate } from "../../../shared/format.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { FIELD_APP_URL, navItemsFor } from "../../ui/app-layout.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { WarningIcon } from "../analytics/analytics-icons.tsx";
import { useWarningCounts } from "../analytics/use-analytics.ts";
import { orgName, scopeLabel } from "../auth/scope-label.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { FieldLiveIcon } from "../field/field-icons.tsx";
import { REPLENISHMENT_ACCESS } from "../replenishment/replenishment-access.ts";
import { StockAlertsCard } from "../replenishment/stock-alerts-card.tsx";

export function HomePage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const me = useMe();
  const shortcuts = navItemsFor(me).filter((i) => i.to !== "/");

  return (
    <Stack gap="lg" data-testid="home">
      <div>
        <Text size="sm" c="dimmed" data-testid="home-date">
          {fmt.date(businessDate())}
        </Text>
        <Title order={2}>{t("home.greeting", { name: me.name })}</Title>
      </div>
      <Card withBorder padding="md">
        <Stack gap={6}>
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {t("home.yourRole")}
            </Text>
            <Badge variant="light" data-testid="home-role">
              {t(`roles.${me.role}`)}
            </Badge>
          </Group>
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {t("home.yourScope")}
            </Text>
            <Text size="sm" data-testid="home-scope">
              {scopeLabel(me.scope, t, locale)}
            </Text>
          </Group>
          <Text size="sm" c="dimmed">
            {t("home.org", { org: orgName(me, locale) })}
          </Text>
        </Stack>
      </Card>
      {hasPermission(me, "field.use") ? (
        <Card
          withBorder
          padding="md"
          component="a"
          href={FIELD_APP_URL}
          style={{ textDecoration: "none", color: "inherit" }}
          data-testid="home-field-app"
        >
          <Group gap="sm" wrap="nowrap">
            <FieldLiveIcon />
            <div>
              <Text fw={600}>{t("field.nav.fieldApp")}</Text>
              <Text size="sm" c="dimmed">
                {t("field.nav.fieldAppDesc")}
              </Text>
            </div>
          </Group>
        </Card>
      ) : null}
      {hasPermission(me, "analytics.read") ? <WarningsCard /> : null}
      {hasPermission(me, REPLENISHMENT_ACCESS.read) ? <StockAlertsCard /> : null}
      {shortcuts.length > 0 ? (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
          {shortcuts.map((s) => (
            <Card
              key={s.to}
              withBorder
              padding="md"
              component={Link}
              to={s.to}
              style={{ textDecoration: "none", color: "inherit" }}
            >
              <Group gap="sm" wrap="nowrap">
                {s.icon}
                <div>
                  <Text fw={600}>{t(s.labelKey)}</Text>
                  {s.descriptionKey && (
                    <Text size="sm" c="dimmed">
                      {t(s.descriptionKey)}
                    </Text>
                  )}
                </div>
              </Group>
            </Card>
          ))}
        </SimpleGrid>
      ) : (
        <Text c="dimmed">{t("home.moreSoon")}</Text>
      )}
    </Stack>
  );
}

/** The early warnings in the person's part of the market, counted, with the way to the list. */
function WarningsCard() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const counts = useWarningCounts();
  const c = counts.data;
  if (!c || c.outlet_stopped + c.sku_falling + c.territory_behind === 0) return null;
  return (
    <Card withBorder padding="md" data-testid="home-warnings">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Text c="orange.8" mt={2}>
          <WarningIcon />
        </Text>
        <div>
          <Text fw={600}>{t("analytics.home.warningsTitle")}</Text>
          <Text size="sm" c="dimmed">
            {t("analytics.home.warningsBody", {
              outlets: fmt.number(c.outlet_stopped),
              skus: fmt.number(c.sku_falling),
              territories: fmt.number(c.territory_behind),
            })}
          </Text>
          <Anchor component={Link} to="/analytics/warnings" size="sm" data-testid="home-warnings-link">
            {t("analytics.home.warningsOpen")}
          </Anchor>
        </div>
      </Group>
    </Card>
  );
}
