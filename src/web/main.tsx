import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "@fontsource/noto-sans-bengali/400.css";
import "@fontsource/noto-sans-bengali/500.css";
import "@fontsource/noto-sans-bengali/600.css";
import "@fontsource/noto-sans-bengali/700.css";
import "./ui/global.css";
import { MantineProvider } from "@mantine/core";
import { Notifications, notifications } from "@mantine/notifications";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { isApiError, isUnauthenticated } from "./api/api-client.ts";
import { queryKeys } from "./api/query-keys.ts";
import { i18n, initI18n } from "./i18n/i18n.ts";
import { createAppRouter } from "./router.tsx";
import { theme } from "./ui/theme.ts";

initI18n();

/** A 401 while signed in means the session ended (expired, signed out elsewhere): go and sign in again. */
function onSessionLost(): void {
  if (!queryClient.getQueryData(queryKeys.session)) return;
  queryClient.setQueryData(queryKeys.session, null);
  notifications.show({ color: "yellow", message: i18n.t("auth.sessionEnded") });
  const here = router.state.location.href;
  void router.navigate({ to: "/sign-in", search: { redirect: here } });
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (isUnauthenticated(error) && query.queryKey[0] !== queryKeys.session[0]) onSessionLost();
    },
  }),
  mutationCache: new MutationCache({
    onError: (error, _vars, _ctx, mutation) => {
      if (isUnauthenticated(error)) return onSessionLost();
      // Forms show their errors inline; other actions (revoke, deactivate, mark read) get a toast.
      if (mutation.meta?.inlineError || mutation.meta?.silentError) return;
      notifications.show({
        color: "red",
        message: isApiError(error) ? error.message : i18n.t("errors.generic"),
      });
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

const router = createAppRouter(queryClient);

const rootElement = document.getElementById("root");
if (!rootElement) throw new Error("#root is missing from index.html");

createRoot(rootElement).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  </StrictMode>,
);
