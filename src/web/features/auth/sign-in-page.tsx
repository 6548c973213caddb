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
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const signIn = useSignIn({
    meta: { inlineError: true },
    onSuccess: () => router.history.push(redirect ?? "/"),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const name = login.trim();
    if (!name || !password) return;
    // Staff sign in with their email, retailers usually with their mobile number.
    signIn.mutate(name.includes("@") ? { email: name, password } : { phone: name, password });
  };

  return (
    <AuthCard title={t("auth.signInTitle")}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={signIn.error} />
          <TextInput
            label={t("auth.emailOrPhone")}
            description={t("auth.emailOrPhoneHint")}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            autoFocus
            value={login}
            onChange={(e) => setLogin(e.currentTarget.value)}
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
