import { Button, Center, Stack, Text, Title } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { hasPermission, useMe } from "../features/auth/use-session.ts";
import { ErrorAlert } from "./error-alert.tsx";

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Center mih="60vh" p="md">
      <Stack align="center" gap="sm">
        <Title order={2}>{t("status.notFoundTitle")}</Title>
        <Text c="dimmed">{t("status.notFoundBody")}</Text>
        <Button component={Link} to="/">
          {t("status.goHome")}
        </Button>
      </Stack>
    </Center>
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Center mih="50vh" p="md">
      <Stack align="center" gap="sm" data-testid="forbidden">
        <Title order={2}>{t("status.forbiddenTitle")}</Title>
        <Text c="dimmed">{t("status.forbiddenBody")}</Text>
        <Button component={Link} to="/">
          {t("status.goHome")}
        </Button>
      </Stack>
    </Center>
  );
}

export function RouteErrorPage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <Stack p="md" maw={640}>
      <Title order={3}>{t("status.errorTitle")}</Title>
      <ErrorAlert error={error} />
      <Button variant="default" onClick={() => window.location.reload()} w="fit-content">
        {t("status.reload")}
      </Button>
    </Stack>
  );
}

/** Shows its children only to users with the permission; the server checks again on every call. */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const me = useMe();
  return hasPermission(me, permission) ? children : <ForbiddenPage />;
}
