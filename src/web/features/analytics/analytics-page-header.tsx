// The top of every analytics screen: its title, the row of links between the screens (carrying the period and the
// slice of the network along, so switching screens keeps the question), and the screen's own actions.
import { Button, Group, ScrollArea, Stack, Title } from "@mantine/core";
import { Link, useRouterState } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { type AnalyticsBaseSearch, sharedFilters } from "./analytics-search.ts";

const SCREENS = [
  { to: "/analytics", key: "sales", filters: true },
  { to: "/analytics/field", key: "field", filters: true },
  { to: "/analytics/availability", key: "availability", filters: true },
  { to: "/analytics/distributors", key: "distributors", filters: true },
  { to: "/analytics/warnings", key: "warnings", filters: false },
  { to: "/analytics/schedules", key: "schedules", filters: false },
] as const;

export function AnalyticsPageHeader({
  title,
  search,
  actions,
}: {
  title: string;
  search?: AnalyticsBaseSearch;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const carried = search ? sharedFilters(search) : {};
  return (
    <Stack gap="xs">
      <ScrollArea type="never">
        <Group gap={4} wrap="nowrap" data-testid="analytics-screens">
          {SCREENS.map((s) => {
            const active = s.to === "/analytics" ? pathname === "/analytics" : pathname.startsWith(s.to);
            return (
              <Button
                key={s.key}
                component={Link}
                to={s.to}
                search={
                  (s.filters
                    ? carried
                    : s.key === "warnings"
                      ? { territoryId: carried.territoryId, distributorId: carried.distributorId }
                      : {}) as never
                }
                size="compact-sm"
                variant={active ? "light" : "subtle"}
                color={active ? undefined : "gray"}
                data-testid={`analytics-screen-${s.key}`}
              >
                {t(`analytics.screens.${s.key}`)}
              </Button>
            );
          })}
        </Group>
      </ScrollArea>
      <Group justify="space-between" align="flex-end" gap="sm">
        <Title order={2}>{title}</Title>
        {actions ? <Group gap="xs">{actions}</Group> : null}
      </Group>
    </Stack>
  );
}
