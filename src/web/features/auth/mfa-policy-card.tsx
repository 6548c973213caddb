// The org's two-step sign-in policy, for admins: which roles must use it. Shown on the users page.
import { Button, Checkbox, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ROLES, type Role } from "../../../shared/roles.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { useMfaPolicy, useUpdateMfaPolicy } from "./use-two-step.ts";

export function MfaPolicyCard() {
  const { t } = useTranslation();
  const policy = useMfaPolicy();
  const [roles, setRoles] = useState<Role[]>([]);
  useEffect(() => {
    if (policy.data) setRoles(policy.data.roles);
  }, [policy.data]);
  const save = useUpdateMfaPolicy({
    meta: { inlineError: true },
    onSuccess: () => notifications.show({ color: "teal", message: t("twoStep.policy.saved") }),
  });
  const saved = policy.data?.roles ?? [];
  const changed = roles.length !== saved.length || roles.some((r) => !saved.includes(r));
  return (
    <Paper withBorder p="md" data-testid="mfa-policy">
      <Stack gap="xs">
        <Title order={4}>{t("twoStep.policy.title")}</Title>
        <Text size="sm" c="dimmed">
          {t("twoStep.policy.intro")}
        </Text>
        <ErrorAlert error={policy.error ?? save.error} />
        <Checkbox.Group value={roles} onChange={(v) => setRoles(v as Role[])}>
          <Group gap="md" mt={4}>
            {ROLES.map((r) => (
              <Checkbox key={r} value={r} label={t(`roles.${r}`)} data-testid={`mfa-role-${r}`} />
            ))}
          </Group>
        </Checkbox.Group>
        <Button
          w="fit-content"
          mt={4}
          disabled={!policy.data || !changed}
          loading={save.isPending}
          onClick={() => save.mutate({ roles })}
          data-testid="mfa-policy-save"
        >
          {t("twoStep.policy.save")}
        </Button>
      </Stack>
    </Paper>
  );
}
