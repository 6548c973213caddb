import { Badge, Button, Group, Paper, PasswordInput, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { ReactNode } from "react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { NewPassword } from "../../../shared/contracts/auth.ts";
import { DigitsSwitch } from "../../ui/digits-switch.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { LanguageSwitch } from "../../ui/language-switch.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { issueMessage } from "../../ui/validation-messages.ts";
import { TwoStepSection } from "./two-step-section.tsx";
import { useChangePassword, useMe, useUpdateMe } from "./use-session.ts";

export function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Stack maw={720} gap="md">
      <Title order={2}>{t("profile.title")}</Title>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Group gap="xs">
            <Text fw={600}>{me.email}</Text>
            <Badge variant="light">{t(`roles.${me.role}`)}</Badge>
          </Group>
          <NameForm name={me.name} />
          <Setting label={t("language.label")} hint={t("profile.languageHint")}>
            <LanguageSwitch size="sm" />
          </Setting>
          <Setting label={t("digits.label")} hint={t("digits.hint")}>
            <DigitsSwitch size="sm" />
          </Setting>
        </Stack>
      </Paper>
      <PasswordForm />
      <TwoStepSection />
    </Stack>
  );
}

function NameForm({ name: initial }: { name: string }) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial);
  const update = useUpdateMe({
    meta: { inlineError: true },
    onSuccess: () => notifications.show({ color: "teal", message: t("profile.saved") }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) update.mutate({ name: name.trim() });
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="xs">
        <ErrorAlert error={update.error} />
        <Group align="flex-end" gap="xs">
          <TextInput
            label={t("profile.name")}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            maxLength={120}
            style={{ flex: 1, minWidth: 200 }}
            data-testid="profile-name"
          />
          <Button type="submit" loading={update.isPending} disabled={!name.trim() || name.trim() === initial}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const [errors, setErrors] = useState<{ next?: string; confirm?: string }>({});
  const change = useChangePassword({
    meta: { inlineError: true },
    onSuccess: () => {
      setCurrent("");
      setNext("");
      setConfirm("");
      notifications.show({ color: "teal", message: t("profile.passwordChanged") });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = NewPassword.safeParse(next);
    const errs: typeof errors = {};
    if (!parsed.success && parsed.error.issues[0]) errs.next = issueMessage(parsed.error.issues[0], t, fmt);
    if (next !== confirm) errs.confirm = t("validation.passwordsDiffer");
    setErrors(errs);
    if (errs.next || errs.confirm || !current) return;
    change.mutate({ currentPassword: current, newPassword: next });
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={4}>{t("profile.changePassword")}</Title>
          <ErrorAlert error={change.error} />
          <PasswordInput
            label={t("profile.currentPassword")}
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <PasswordInput
              label={t("auth.newPassword")}
              description={t("auth.passwordRule", { min: fmt.number(NewPassword.minLength ?? 0) })}
              autoComplete="new-password"
              required
              value={next}
              error={errors.next}
              onChange={(e) => setNext(e.currentTarget.value)}
            />
            <PasswordInput
              label={t("auth.confirmPassword")}
              autoComplete="new-password"
              required
              value={confirm}
              error={errors.confirm}
              onChange={(e) => setConfirm(e.currentTarget.value)}
            />
          </SimpleGrid>
          <Button type="submit" loading={change.isPending} w="fit-content">
            {t("profile.changePassword")}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

/** A labelled preference with a line of explanation under its control. */
function Setting({ label, hint, children }: { label: string; hint: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" fw={500} mb={4}>
        {label}
      </Text>
      {children}
      <Text size="xs" c="dimmed" mt={4}>
        {hint}
      </Text>
    </div>
  );
}
