// Sign in with an email or a mobile number and the password (the server's own sign-in), and the second step
// when the account uses two-step sign-in. Messages are the server's, in the rep's language.
import { type FormEvent, useState } from "react";
import type { MfaChallengeResponse, SessionResponse, SignInResponse } from "../../../shared/contracts/auth.ts";
import { type ApiCall, isFieldApiError } from "../api/field-api.ts";
import { useLocaleState } from "../i18n/field-i18n.ts";
import { Button, LabeledField, Notice } from "./ui-kit.tsx";

const isChallenge = (r: SignInResponse): r is MfaChallengeResponse => "mfaRequired" in r;

export function SignInScreen(props: {
  api: ApiCall;
  expired: boolean;
  onSignedIn: (s: SessionResponse) => Promise<void>;
}) {
  const { t, locale, setLocale } = useLocaleState();
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [challenge, setChallenge] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const failed = (e: unknown) => {
    if (!isFieldApiError(e)) throw e;
    setError(e.status === 0 ? t("app.offlineSignIn") : e.message || t("errors.generic"));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (challenge) {
        const session = await props.api<SessionResponse>("POST", "/api/v1/auth/sign-in/totp", { challenge, code });
        await props.onSignedIn(session);
        return;
      }
      const who = login.trim();
      const body = who.includes("@") ? { email: who, password } : { phone: who, password };
      const response = await props.api<SignInResponse>("POST", "/api/v1/auth/sign-in", body);
      if (isChallenge(response)) setChallenge(response.challenge);
      else await props.onSignedIn(response);
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page signin" data-testid="field-signin">
      <div className="signin-head">
        <img src="/field/icon.svg" alt="" width={56} height={56} />
        <div>
          <h1>{t("app.name")}</h1>
          <p className="muted">{t("signIn.intro")}</p>
        </div>
      </div>
      <div className="lang-row">
        <Button
          kind={locale === "bn" ? "primary" : "ghost"}
          onClick={() => setLocale("bn")}
          data-testid="field-lang-bn"
        >
          বাংলা
        </Button>
        <Button
          kind={locale === "en" ? "primary" : "ghost"}
          onClick={() => setLocale("en")}
          data-testid="field-lang-en"
        >
          English
        </Button>
      </div>
      {props.expired ? <Notice tone="warn">{t("signIn.expired")}</Notice> : null}
      <form onSubmit={(e) => void submit(e)} className="stack">
        {challenge ? (
          <LabeledField label={t("signIn.code")} hint={t("signIn.codeHint")}>
            <input
              className="input"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              data-testid="field-signin-code"
              required
            />
          </LabeledField>
        ) : (
          <>
            <LabeledField label={t("signIn.login")}>
              <input
                className="input"
                type="text"
                autoComplete="username"
                inputMode="email"
                value={login}
                onChange={(e) => setLogin(e.target.value)}
                data-testid="field-signin-email"
                required
              />
            </LabeledField>
            <LabeledField label={t("signIn.password")}>
              <input
                className="input"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                data-testid="field-signin-password"
                required
              />
            </LabeledField>
          </>
        )}
        {error ? (
          <Notice tone="error" testId="field-signin-error">
            {error}
          </Notice>
        ) : null}
        <Button kind="primary" block type="submit" disabled={busy} data-testid="field-signin-submit">
          {busy ? t("app.wait") : challenge ? t("signIn.verify") : t("signIn.submit")}
        </Button>
      </form>
    </div>
  );
}
