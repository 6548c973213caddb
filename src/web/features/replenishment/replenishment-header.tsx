// The top of every replenishment screen: its title, the row of links between the screens (carrying the distributor
// along, so switching screens keeps the question), and the screen's own actions. Settings are the admin's.
import { Button, Group, ScrollArea, Stack, Text, Title } from "@mantine/core";
import { Link, useRouterState } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { REPLENISHMENT_ACCESS } from "./replenishment-access.ts";

const SCREENS = [
  { to: "/replenishment", key: "plan", carries: true, manage: false },
  { to: "/replenishment/proposals", key: "proposals", carries: true, manage: false },
  { to: "/replenishment/alerts", key: "alerts", carries: true, manage: false },
  { to: "/replenishment/accuracy", key: "accuracy", carries: true, manage: false },
  { to: "/replenishment/settings", key: "settings", carries: false, manage: true },
] as const;

export function ReplenishmentHeader({
  title,
  subtitle,
  distributorId,
  actions,
}: {
  title: string;
  subtitle?: ReactNode;
  distributorId?: string;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const screens = SCREENS.filter((s) => !s.manage || hasPermission(me, REPLENISHMENT_ACCESS.manage));
  return (
    <Stack gap="xs">
      <ScrollArea type="never">
        <Group gap={4} wrap="nowrap" data-testid="replenishment-screens">
          {screens.map((s) => {
            const active =
              s.to === "/replenishment"
                ? pathname === "/replenishment" || pathname === "/replenishment/forecast"
                : pathname.startsWith(s.to);
            return (
              <Button
                key={s.key}
                component={Link}
                to={s.to}
                search={(s.carries && distributorId ? { distributorId } : {}) as never}
                size="compact-sm"
                variant={active ? "light" : "subtle"}
                color={active ? undefined : "gray"}
                data-testid={`replenishment-screen-${s.key}`}
              >
                {t(`replenishment.screens.${s.key}`)}
              </Button>
            );
          })}
        </Group>
      </ScrollArea>
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Title order={2}>{title}</Title>
          {subtitle ? (
            <Text size="sm" c="dimmed" component="div">
              {subtitle}
            </Text>
          ) : null}
        </div>
        {actions ? <Group gap="xs">{actions}</Group> : null}
      </Group>
    </Stack>
  );
}
