// The signed-in session: who the user is, their permissions and the CSRF token; sign in (one step, or two
// with an authenticator code) and out, the profile (name, language) and the password.
import { queryOptions, type UseMutationOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useContext } from "react";
import type { z } from "zod";
import type {
  ChangePasswordRequest,
  MeResponse,
  SessionResponse,
  SignInRequest,
  SignInResponse,
  SignInTotpRequest,
  UpdateMeRequest,
} from "../../../shared/contracts/auth.ts";
import type { Locale } from "../../../shared/locale.ts";
import { api, isUnauthenticated, mayHaveSession, setCsrfToken } from "../../api/api-client.ts";
import { queryKeys } from "../../api/query-keys.ts";
import { applyLocale, currentLocale } from "../../i18n/i18n.ts";

type ChangePassword = z.infer<typeof ChangePasswordRequest>;
type UpdateMe = z.infer<typeof UpdateMeRequest>;

/** Set when the user picks a language before signing in: that choice then wins over the saved one. */
let localeChosenWhileSignedOut = false;

export function markLocaleChosenWhileSignedOut(): void {
  localeChosenWhileSignedOut = true;
}

async function fetchSession(): Promise<SessionResponse | null> {
  // Skipping the request when there is surely no session also keeps a 401 out of the browser console.
  if (!mayHaveSession()) {
    setCsrfToken(undefined);
    return null;
  }
  try {
    const session = await api.get<SessionResponse>("/api/v1/auth/session");
    setCsrfToken(session.csrfToken ?? undefined);
    applyLocale(session.user.locale);
    return session;
  } catch (e) {
    if (isUnauthenticated(e)) {
      setCsrfToken(undefined);
      return null;
    }
    throw e;
  }
}

export const sessionQueryOptions = queryOptions({
  queryKey: queryKeys.session,
  queryFn: fetchSession,
  staleTime: 5 * 60_000,
  retry: false,
});

export function useSession() {
  return useQuery(sessionQueryOptions);
}

/**
 * The signed-in user, provided by the signed-in layout. A context rather than the query itself: while
 * signing out the cache empties a moment before the layout unmounts, and pages must not see that gap.
 */
export const MeContext = createContext<MeResponse | null>(null);

export function useMe(): MeResponse {
  const me = useContext(MeContext);
  if (!me) throw new Error("useMe() outside the signed-in layout");
  return me;
}

export function hasPermission(me: Pick<MeResponse, "permissions">, permission: string): boolean {
  return me.permissions.includes(permission);
}

type MutationOpts<TData, TVars> = Omit<UseMutationOptions<TData, Error, TVars>, "mutationFn">;

/** Store a new session: cache, CSRF token, and the language (the pre-sign-in choice wins if made). */
function useAdoptSession() {
  const qc = useQueryClient();
  return async (session: SessionResponse) => {
    setCsrfToken(session.csrfToken ?? undefined);
    // Nothing cached for a previous user (a lost session, a shared computer) may show to this one.
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.session[0] });
    qc.setQueryData(queryKeys.session, session);
    const chosen = currentLocale();
    if (localeChosenWhileSignedOut && chosen !== session.user.locale) {
      localeChosenWhileSignedOut = false;
      try {
        const user = await api.patch<MeResponse>("/api/v1/auth/me", { locale: chosen } satisfies UpdateMe);
        qc.setQueryData(queryKeys.session, { ...session, user });
      } catch {
        // the language still applies on this device; the profile keeps the old one
      }
      return;
    }
    localeChosenWhileSignedOut = false;
    applyLocale(session.user.locale);
  };
}

/** The password step: a session, or (with two-step sign-in on) a challenge for useCompleteSignIn. */
export function useSignIn(options: MutationOpts<SignInResponse, SignInRequest> = {}) {
  const adopt = useAdoptSession();
  return useMutation({
    ...options,
    mutationFn: (body: SignInRequest) => api.post<SignInResponse>("/api/v1/auth/sign-in", body),
    onSuccess: async (...args) => {
      const result = args[0];
      if (!("mfaRequired" in result)) await adopt(result);
      await options.onSuccess?.(...args);
    },
  });
}

/** The second step: the challenge with a code from the authenticator app or a recovery code. */
export function useCompleteSignIn(options: MutationOpts<SessionResponse, SignInTotpRequest> = {}) {
  const adopt = useAdoptSession();
  return useMutation({
    ...options,
    mutationFn: (body: SignInTotpRequest) => api.post<SessionResponse>("/api/v1/auth/sign-in/totp", body),
    onSuccess: async (...args) => {
      await adopt(args[0]);
      await options.onSuccess?.(...args);
    },
  });
}

export function useAcceptInvite(options: MutationOpts<SessionResponse, { token: string; password: string }> = {}) {
  const adopt = useAdoptSession();
  return useMutation({
    ...options,
    mutationFn: (body: { token: string; password: string }) =>
      api.post<SessionResponse>("/api/v1/auth/invites/accept", body),
    onSuccess: async (...args) => {
      await adopt(args[0]);
      await options.onSuccess?.(...args);
    },
  });
}

export function useSignOut(options: MutationOpts<void, void> = {}) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: () => api.post<void>("/api/v1/auth/sign-out"),
    // Signing out locally must happen even when the server call fails (e.g. session already gone).
    onSettled: async (...args) => {
      setCsrfToken(undefined);
      // Session first: the signed-in layout unmounts, and with it every query of this user's pages.
      // Forget their data only after that, or a still-mounted query would refetch without a session.
      qc.setQueryData(queryKeys.session, null);
      setTimeout(() => qc.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.session[0] }), 0);
      await options.onSettled?.(...args);
    },
  });
}

export function useUpdateMe(options: MutationOpts<MeResponse, UpdateMe> = {}) {
  const qc = useQueryClient();
  return useMutation({
    ...options,
    mutationFn: (body: UpdateMe) => api.patch<MeResponse>("/api/v1/auth/me", body),
    onSuccess: async (...args) => {
      const user = args[0];
      qc.setQueryData<SessionResponse | null>(queryKeys.session, (s) => (s ? { ...s, user } : s));
      // A user's name appears in user lists and audit entries.
      await qc.invalidateQueries({ queryKey: queryKeys.users.all });
      await options.onSuccess?.(...args);
    },
  });
}

export function useChangePassword(options: MutationOpts<void, ChangePassword> = {}) {
  return useMutation({
    ...options,
    mutationFn: (body: ChangePassword) => api.post<void>("/api/v1/auth/password", body),
  });
}

/** Switch language: at once in the UI, and on the profile when signed in. */
export function useChangeLanguage() {
  const { data: session } = useSession();
  const updateMe = useUpdateMe({ meta: { silentError: true } });
  return (locale: Locale) => {
    applyLocale(locale);
    if (session) {
      if (session.user.locale !== locale) updateMe.mutate({ locale });
    } else {
      markLocaleChosenWhileSignedOut();
    }
  };
}
