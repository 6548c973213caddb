// The field app's root: the language, the session (kept on the phone so the app opens offline; checked with
// the server whenever it can be reached), and either the sign-in form or the app.
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { SessionResponse } from "../../../shared/contracts/auth.ts";
import type { Locale } from "../../../shared/locale.ts";
import { type ApiCall, apiCaller, csrfFromCookie, isFieldApiError } from "../api/field-api.ts";
import { fieldI18n, LocaleContext, rememberLocale, storedLocale, translatorFor } from "../i18n/field-i18n.ts";
import type { FieldDb, StoredSession } from "../store/field-db.ts";
import { FieldShell } from "./field-shell.tsx";
import { SignInScreen } from "./sign-in-screen.tsx";
import { Button, Notice } from "./ui-kit.tsx";
import { FormatContext, fieldFormat } from "./use-field-format.ts";

// A driver's phone gets "My trips" instead of the beat; a rep's phone never downloads those screens.
const DriverShell = lazy(() => import("../driver/driver-shell.tsx").then((m) => ({ default: m.DriverShell })));
const isDriver = (s: StoredSession) => s.permissions.includes("delivery.drive");

export function toStoredSession(s: SessionResponse): StoredSession {
  return {
    userId: s.user.id,
    name: s.user.name,
    email: s.user.email,
    orgName: s.user.orgNameBn ?? s.user.orgName,
    locale: s.user.locale,
    bengaliDigits: s.user.bengaliDigits,
    permissions: s.user.permissions,
    csrfToken: s.csrfToken,
  };
}

type SessionState =
  | { kind: "loading" }
  | { kind: "signed-out"; reason: "none" | "expired" }
  | { kind: "signed-in"; session: StoredSession; mfaSetupRequired: boolean };

export function FieldApp(props: {
  db: FieldDb;
  initialLocale: Locale;
  /** The session request main.tsx started before rendering; used once, on the first mount. */
  sessionCheck?: Promise<SessionResponse>;
}) {
  const { db } = props;
  const [locale, setLocaleState] = useState<Locale>(props.initialLocale);
  const [state, setState] = useState<SessionState>({ kind: "loading" });
  const currentSession = state.kind === "signed-in" ? state.session : null;
  const csrfRef = useRef<string | null>(null);
  const firstCheck = useRef(props.sessionCheck);
  csrfRef.current = currentSession?.csrfToken ?? null;

  const applyLocale = useCallback((l: Locale) => {
    void fieldI18n.changeLanguage(l);
    document.documentElement.lang = l;
    setLocaleState(l);
  }, []);

  // One caller for the app's life (the sync scheduler holds it): the language and the CSRF token are read per call.
  const api: ApiCall = useMemo(
    () =>
      apiCaller(() => ({
        locale: fieldI18n.language === "en" ? "en" : "bn",
        csrfToken: csrfFromCookie() ?? csrfRef.current ?? undefined,
      })),
    [],
  );

  const adopt = useCallback(
    async (response: SessionResponse) => {
      const session = toStoredSession(response);
      // The rep's own choice on this phone wins; otherwise the profile's language.
      if (!storedLocale()) applyLocale(session.locale);
      setState({ kind: "signed-in", session, mfaSetupRequired: response.mfaSetupRequired });
      await db.setMeta("session", session);
    },
    [db, applyLocale],
  );

  const signedOut = useCallback(
    async (reason: "none" | "expired") => {
      await db.meta.delete("session");
      setState({ kind: "signed-out", reason });
    },
    [db],
  );

  useEffect(() => {
    let cancelled = false;
    // Ask the server and read the phone's copy at the same time: a cold start waits for one round trip only.
    const fromServer = firstCheck.current ?? api<SessionResponse>("GET", "/api/v1/auth/session");
    firstCheck.current = undefined;
    void (async () => {
      const cached = await db.getMeta("session");
      if (cancelled) return;
      // Open at once with what the phone knows; the server's answer (when there is a network) corrects it.
      if (cached) setState({ kind: "signed-in", session: cached, mfaSetupRequired: false });
      try {
        const response = await fromServer;
        if (!cancelled) await adopt(response);
      } catch (e) {
        if (cancelled) return;
        if (isFieldApiError(e) && e.status === 401) await signedOut(cached ? "expired" : "none");
        else if (!cached) setState({ kind: "signed-out", reason: "none" });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [db, api, adopt, signedOut]);

  const setLocale = useCallback(
    (l: Locale) => {
      rememberLocale(l);
      applyLocale(l);
      // Best effort: the profile follows, so the web app and messages from the server use it too.
      if (currentSession && navigator.onLine)
        void api("PATCH", "/api/v1/auth/me", { locale: l }).catch(() => undefined);
    },
    [applyLocale, api, currentSession],
  );

  const t = useMemo(() => translatorFor(locale), [locale]);
  const fmt = useMemo(() => fieldFormat(locale, currentSession?.bengaliDigits ?? true), [locale, currentSession]);

  const sessionEnded = useCallback(() => void signedOut("expired"), [signedOut]);

  const signOut = useCallback(async () => {
    await api("POST", "/api/v1/auth/sign-out").catch(() => undefined);
    await signedOut("none");
  }, [api, signedOut]);

  return (
    <LocaleContext.Provider value={{ locale, t, setLocale }}>
      <FormatContext.Provider value={fmt}>
        {state.kind === "loading" ? (
          <div className="splash">{t("app.loading")}</div>
        ) : state.kind === "signed-out" ? (
          <SignInScreen api={api} expired={state.reason === "expired"} onSignedIn={adopt} />
        ) : !state.session.permissions.includes("field.use") && !isDriver(state.session) ? (
          <div className="page">
            <Notice tone="warn" testId="field-not-rep">
              {t("app.notForRole")}
            </Notice>
            <Button kind="secondary" block onClick={() => void signOut()}>
              {t("app.signOut")}
            </Button>
          </div>
        ) : state.mfaSetupRequired ? (
          <div className="page">
            <Notice tone="warn">{t("app.mfaSetupRequired")}</Notice>
            <a className="btn btn-primary btn-block" href="/">
              {t("app.openWebApp")}
            </a>
          </div>
        ) : isDriver(state.session) ? (
          <Suspense fallback={<div className="splash">{t("app.loading")}</div>}>
            <DriverShell
              api={api}
              session={state.session}
              onSignedOut={sessionEnded}
              onSignOut={() => void signOut()}
            />
          </Suspense>
        ) : (
          <FieldShell
            db={db}
            api={api}
            session={state.session}
            onSignedOut={sessionEnded}
            onSignOut={() => void signOut()}
          />
        )}
      </FormatContext.Provider>
    </LocaleContext.Provider>
  );
}
