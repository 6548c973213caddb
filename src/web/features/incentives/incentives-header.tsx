// The top of every incentive screen: its title, the links between statements and plans, and the screen's actions.
import { Button, Group, Stack, Text, Title } from "@mantine/core";
import { Link, useRouterState } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Icon, type IconProps } from "../../ui/icons.tsx";

/** A rising bar with a coin: commission earned on sales. */
export const IncentiveIcon = (p: IconProps) => (
  <Icon {...p}>
    <path d="M4 20V14M9 20V10M14 20V13" />
    <circle cx="18" cy="7" r="3" />
    <path d="M3 21h18" />
  </Icon>
);

const SCREENS = [
  { to: "/incentives", key: "statements" },
  { to: "/incentives/plans", key: "plans" },
] as const;

export function IncentivesHeader({
  title,
  subtitle,
  actions,
}: {
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  return (
    <Stack gap="xs">
      <Group gap={4} data-testid="incentives-screens">
        {SCREENS.map((s) => {
          const active = s.key === "plans" ? pathname.startsWith(s.to) : !pathname.startsWith("/incentives/plans");
          return (
            <Button
              key={s.key}
              component={Link}
              to={s.to}
              size="compact-sm"
              variant={active ? "light" : "subtle"}
              color={active ? undefined : "gray"}
              data-testid={`incentives-screen-${s.key}`}
            >
              {t(`incentives.screens.${s.key}`)}
            </Button>
          );
        })}
      </Group>
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Title order={2}>{title}</Title>
          {subtitle ? (
            <Text size="sm" c="dimmed">
              {subtitle}
            </Text>
          ) : null}
        </div>
        {actions ? <Group gap="xs">{actions}</Group> : null}
      </Group>
    </Stack>
  );
}
