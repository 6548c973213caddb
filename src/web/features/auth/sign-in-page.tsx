import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { getRouteApi, useRouter } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/api-client.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { AuthCard } from "./auth-card.tsx";
import { useCompleteSignIn, useSignIn } from "./use-session.ts";

const route = getRouteApi("/sign-in");

export function SignInPage() {
  const { t } = useTranslation();
  const router = useRouter();
  const { redirect } = route.useSearch();
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  /** Set when the password was right and the account asks for a code as well. */
  const [challenge, setChallenge] = useState<string | null>(null);
  const done = () => router.history.push(redirect ?? "/");
  const signIn = useSignIn({
    meta: { inlineError: true },
    onSuccess: (result) => {
      if ("mfaRequired" in result) {
        setPassword("");
        setChallenge(result.challenge);
      } else done();
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const name = login.trim();
    if (!name || !password) return;
    // Staff sign in with their email, retailers usually with their mobile number.
    signIn.mutate(name.includes("@") ? { email: name, password } : { phone: name, password });
  };

  if (challenge)
    return (
      <CodeStep
        challenge={challenge}
        onSignedIn={done}
        onStartOver={(expired) => {
          setChallenge(null);
          signIn.reset();
          if (expired) setPassword("");
        }}
      />
    );

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

/** The second step: the 6-digit code from the authenticator app, or one of the recovery codes. */
function CodeStep({
  challenge,
  onSignedIn,
  onStartOver,
}: {
  challenge: string;
  onSignedIn: () => void;
  onStartOver: (expired: boolean) => void;
}) {
  const { t } = useTranslation();
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState("");
  const complete = useCompleteSignIn({ meta: { inlineError: true }, onSuccess: onSignedIn });
  // An expired (or, after a lockout, voided) challenge cannot be retried: the password step comes again.
  const expired = isApiError(complete.error) && complete.error.code === "auth.mfa_challenge_invalid";

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = code.trim();
    if (!value) return;
    complete.mutate(useRecovery ? { challenge, recoveryCode: value } : { challenge, code: value });
  };

  return (
    <AuthCard title={t("twoStep.signInStepTitle")}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {!useRecovery ? <Text size="sm">{t("twoStep.signInStepIntro")}</Text> : null}
          <ErrorAlert error={complete.error} />
          {useRecovery ? (
            <TextInput
              key="recovery"
              label={t("twoStep.recoveryCode")}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              required
              autoFocus
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              placeholder="xxxxx-xxxxx"
              data-testid="signin-recovery-code"
            />
          ) : (
            <TextInput
              key="code"
              label={t("twoStep.code")}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={12}
              required
              autoFocus
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              styles={{ input: { letterSpacing: "0.3em", fontFamily: "var(--mantine-font-family-monospace)" } }}
              data-testid="signin-code"
            />
          )}
          {expired ? (
            <Button fullWidth mt="xs" onClick={() => onStartOver(true)} data-testid="signin-start-over">
              {t("twoStep.startOver")}
            </Button>
          ) : (
            <Button type="submit" loading={complete.isPending} fullWidth mt="xs" data-testid="signin-code-submit">
              {t("twoStep.verify")}
            </Button>
          )}
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => {
              setUseRecovery(!useRecovery);
              setCode("");
              complete.reset();
            }}
            data-testid="signin-toggle-recovery"
          >
            {useRecovery ? t("twoStep.useApp") : t("twoStep.useRecovery")}
          </Anchor>
          {!expired ? (
            <Anchor component="button" type="button" size="sm" c="dimmed" onClick={() => onStartOver(false)}>
              {t("twoStep.startOver")}
            </Anchor>
          ) : null}
        </Stack>
      </form>
    </AuthCard>
  );
}
