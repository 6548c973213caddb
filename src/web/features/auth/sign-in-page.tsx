import { Button, PasswordInput, Stack, TextInput } from "@mantine/core";
import { getRouteApi, useRouter } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { AuthCard } from "./auth-card.tsx";
import { useSignIn } from "./use-session.ts";

const route = getRouteApi("/sign-in");

export function SignInPage() {
  const { t } = useTranslation();
  const router = useRouter();
  const { redirect } = route.useSearch();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const signIn = useSignIn({
    meta: { inlineError: true },
    onSuccess: () => router.history.push(redirect ?? "/"),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim() || !password) return;
    signIn.mutate({ email: email.trim(), password });
  };

  return (
    <AuthCard title={t("auth.signInTitle")}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={signIn.error} />
          <TextInput
            label={t("auth.email")}
            type="email"
            autoComplete="username"
            inputMode="email"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            data-testid="signin-email"
          />
          <PasswordInput
            label={t("auth.password")}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            data-testid="signin-password"
          />
          <Button type="submit" loading={signIn.isPending} fullWidth mt="xs" data-testid="signin-submit">
            {t("auth.signIn")}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
