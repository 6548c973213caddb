import { Button, PasswordInput, Stack, Text } from "@mantine/core";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { NewPassword } from "../../../shared/contracts/auth.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { issueMessage } from "../../ui/validation-messages.ts";
import { AuthCard } from "./auth-card.tsx";
import { useAcceptInvite } from "./use-session.ts";

const route = getRouteApi("/invite/$token");

export function InviteAcceptPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const { token } = route.useParams();
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});
  const accept = useAcceptInvite({ meta: { inlineError: true }, onSuccess: () => navigate({ to: "/" }) });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = NewPassword.safeParse(password);
    const next: typeof errors = {};
    if (!parsed.success && parsed.error.issues[0]) next.password = issueMessage(parsed.error.issues[0], t, fmt);
    if (password !== confirm) next.confirm = t("validation.passwordsDiffer");
    setErrors(next);
    if (next.password || next.confirm) return;
    accept.mutate({ token, password });
  };

  return (
    <AuthCard title={t("auth.inviteTitle")}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t("auth.inviteIntro")}
          </Text>
          <ErrorAlert error={accept.error} />
          <PasswordInput
            label={t("auth.newPassword")}
            description={t("auth.passwordRule", { min: fmt.number(NewPassword.minLength ?? 0) })}
            autoComplete="new-password"
            required
            value={password}
            error={errors.password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            data-testid="invite-password"
          />
          <PasswordInput
            label={t("auth.confirmPassword")}
            autoComplete="new-password"
            required
            value={confirm}
            error={errors.confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            data-testid="invite-confirm"
          />
          <Button type="submit" loading={accept.isPending} fullWidth mt="xs" data-testid="invite-submit">
            {t("auth.inviteSubmit")}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
