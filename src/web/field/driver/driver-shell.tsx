// The driver's frame in the field app: the top bar (network, outcomes waiting to be sent, language, menu), the
// screen (My trips, a trip's stops, one stop, sync) and the bottom navigation. It starts the driver's sync.
import "./driver.css";
import { useEffect, useState } from "react";
import type { ApiCall } from "../api/field-api.ts";
import { useLocaleState } from "../i18n/field-i18n.ts";
import type { StoredSession } from "../store/field-db.ts";
import { useOnline } from "../ui/use-connectivity.ts";
import { useFieldFormat } from "../ui/use-field-format.ts";
import { DriverDataProvider, useDriverData } from "./driver-data.tsx";
import { driverDb } from "./driver-db.ts";
import { DropScreen } from "./driver-drop-screen.tsx";
import { useDriverT } from "./driver-i18n.ts";
import { type DriverRoute, goTo, useDriverRoute } from "./driver-router.ts";
import { startDriverSync, useDriverSyncStatus } from "./driver-sync.ts";
import { DriverSyncScreen } from "./driver-sync-screen.tsx";
import { TripScreen, TripsScreen } from "./driver-trips-screen.tsx";

export function DriverShell(props: {
  api: ApiCall;
  session: StoredSession;
  onSignedOut: () => void;
  onSignOut: () => void;
}) {
  const { api, session, onSignedOut } = props;
  const db = driverDb();
  const userId = session.userId;
  useEffect(() => startDriverSync({ deps: () => ({ db, api, userId }), onSignedOut }), [db, api, userId, onSignedOut]);
  // The app's first path is the rep's beat ("/field/"); the driver's home is My trips.
  useEffect(() => {
    if (!/^\/field\/(trips|sync)/.test(window.location.pathname)) goTo({ name: "trips" }, { replace: true });
  }, []);
  return (
    <DriverDataProvider db={db} session={session}>
      <Frame api={api} onSignOut={props.onSignOut} />
    </DriverDataProvider>
  );
}

function Frame(props: { api: ApiCall; onSignOut: () => void }) {
  const { locale, setLocale } = useLocaleState();
  const { t } = useDriverT();
  const appT = useLocaleState().t;
  const fmt = useFieldFormat();
  const data = useDriverData();
  const route = useDriverRoute();
  const online = useOnline();
  const sync = useDriverSyncStatus();
  const [menu, setMenu] = useState(false);
  const waiting = data.outbox.length;

  return (
    <div className="app driver-app" data-field-ready={data.loaded ? "true" : "false"} data-testid="driver-app">
      <header className="topbar">
        <button type="button" className="brand" onClick={() => goTo({ name: "trips" })}>
          <img src="/field/icon.svg" alt="" width={28} height={28} />
          <span>{t("nav.trips")}</span>
        </button>
        <span className={`net ${online ? "net-on" : "net-off"}`} data-testid="field-network">
          {online ? appT("app.online") : appT("app.offline")}
        </span>
        <button
          type="button"
          className={`pending ${waiting > 0 ? "pending-some" : ""}`}
          onClick={() => goTo({ name: "sync" })}
          data-testid="driver-pending"
          data-count={waiting}
          aria-label={t("sync.waiting", { n: fmt.number(waiting) })}
        >
          <span aria-hidden="true">{sync.running ? "⟳" : "⇅"}</span>
          <span>{fmt.number(waiting)}</span>
        </button>
        <button
          type="button"
          className="lang"
          onClick={() => setLocale(locale === "bn" ? "en" : "bn")}
          data-testid="field-lang-toggle"
        >
          {locale === "bn" ? "EN" : "বাং"}
        </button>
        <button type="button" className="menu" onClick={() => setMenu((m) => !m)} aria-label={appT("app.menu")}>
          ⋮
        </button>
      </header>
      {menu ? (
        <div className="menu-panel">
          <p className="muted">
            {data.session.name} · {data.session.orgName}
          </p>
          {waiting > 0 ? (
            <div className="notice notice-warn">{appT("app.signOutPending", { count: fmt.number(waiting) })}</div>
          ) : null}
          <button type="button" className="btn btn-secondary btn-block" onClick={props.onSignOut}>
            {appT("app.signOut")}
          </button>
        </div>
      ) : null}
      {data.refused.length > 0 && route.name !== "sync" ? (
        <button
          type="button"
          className="attention-banner"
          onClick={() => goTo({ name: "sync" })}
          data-testid="driver-refused-banner"
        >
          {t("sync.refused", { n: fmt.number(data.refused.length) })}
        </button>
      ) : null}
      <main className="page">
        {!data.loaded ? <div className="splash">{appT("app.loading")}</div> : <Screen route={route} api={props.api} />}
      </main>
      <nav className="bottomnav">
        <button
          type="button"
          className={`navitem ${route.name !== "sync" ? "navitem-active" : ""}`}
          onClick={() => goTo({ name: "trips" })}
          data-testid="driver-nav-trips"
        >
          <span className="navicon" aria-hidden="true">
            ⛟
          </span>
          <span>{t("nav.trips")}</span>
        </button>
        <button
          type="button"
          className={`navitem ${route.name === "sync" ? "navitem-active" : ""}`}
          onClick={() => goTo({ name: "sync" })}
          data-testid="driver-nav-sync"
        >
          <span className="navicon" aria-hidden="true">
            ⇅
            {data.refused.length > 0 || waiting > 0 ? (
              <span className="navbadge">{data.refused.length > 0 ? "!" : fmt.number(waiting)}</span>
            ) : null}
          </span>
          <span>{t("nav.sync")}</span>
        </button>
      </nav>
    </div>
  );
}

function Screen(props: { route: DriverRoute; api: ApiCall }) {
  const { route } = props;
  switch (route.name) {
    case "trips":
      return <TripsScreen />;
    case "trip":
      return <TripScreen tripId={route.tripId} api={props.api} />;
    case "drop":
      return <DropScreen tripId={route.tripId} dropId={route.dropId} />;
    case "sync":
      return <DriverSyncScreen />;
  }
}
