// The field app's entry: the language, the phone's database, the service worker (production builds only: it
// is what lets the app open offline), then the app.
import "./field.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import type { SessionResponse } from "../../shared/contracts/auth.ts";
import { apiCaller } from "./api/field-api.ts";
import { initFieldI18n } from "./i18n/field-i18n.ts";
import { fieldDb } from "./store/field-db.ts";
import { FieldApp } from "./ui/field-app.tsx";

const locale = initFieldI18n();

// Ask who is signed in before React even starts: on a slow phone that is one round trip less before the beat shows.
const sessionCheck = apiCaller(() => ({ locale, csrfToken: undefined }))<SessionResponse>(
  "GET",
  "/api/v1/auth/session",
);
sessionCheck.catch(() => undefined);

if (import.meta.env.PROD && "serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/field/sw.js", { scope: "/field/" }).catch((e: unknown) => {
      console.warn("field: the service worker could not be registered; the app will not open offline", e);
    });
  });
}

// Ask the browser to keep this site's storage under pressure: the outbox may hold a day's unsent work.
void navigator.storage?.persist?.().catch(() => false);

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from field.html");
createRoot(root).render(
  <StrictMode>
    <FieldApp db={fieldDb()} initialLocale={locale} sessionCheck={sessionCheck} />
  </StrictMode>,
);
