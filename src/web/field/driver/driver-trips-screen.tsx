// My trips (running and today's first, then coming ones) and one trip's stops in visiting order: the outlet, its
// address, a call button, directions in Google Maps, what to hand over, and where each stop stands. While a trip
// is on the road the phone reports its position every few minutes, for the distributor's live view.
import { useEffect } from "react";
import { newId } from "../../../shared/ids.ts";
import type { ApiCall } from "../api/field-api.ts";
import { currentFix } from "../ui/geolocation.ts";
import { Badge, Button, Card, Notice, ScreenTitle, Stat } from "../ui/ui-kit.tsx";
import { useOnline } from "../ui/use-connectivity.ts";
import { useFieldFormat } from "../ui/use-field-format.ts";
import { qtyText, useDriverData } from "./driver-data.tsx";
import { useDriverT } from "./driver-i18n.ts";
import { DRIVER_API, type DropView, type TripView } from "./driver-plan.ts";
import { goTo } from "./driver-router.ts";
import { requestDriverSync, useDriverSyncStatus } from "./driver-sync.ts";

const STATUS_TONE = {
  pending: "muted",
  delivered: "ok",
  partially_delivered: "warn",
  failed: "error",
} as const;

const TRIP_TONE = { planned: "info", dispatched: "warn", completed: "ok", cancelled: "muted" } as const;

export const nameOf = (r: { name: string; nameBn: string }, locale: string) =>
  locale === "bn" && r.nameBn ? r.nameBn : r.name;

export function DropBadges({ drop }: { drop: DropView }) {
  const { t } = useDriverT();
  return (
    <>
      <Badge tone={STATUS_TONE[drop.status]} testId="driver-drop-status">
        {t(`dropStatus.${drop.status}`)}
      </Badge>
      {drop.local === "waiting" ? (
        <Badge tone="warn" testId="driver-drop-local">
          {t("drop.waiting")}
        </Badge>
      ) : drop.local === "refused" ? (
        <Badge tone="error" testId="driver-drop-local">
          {t("drop.refused")}
        </Badge>
      ) : null}
    </>
  );
}

export function TripsScreen() {
  const { t, locale } = useDriverT();
  const fmt = useFieldFormat();
  const data = useDriverData();
  const online = useOnline();
  const sync = useDriverSyncStatus();
  const trips = [...data.trips.values()];
  return (
    <div className="stack" data-testid="driver-trips">
      <ScreenTitle title={t("trips.title")} />
      {!online && data.fetchedAt ? (
        <Notice tone="warn">{t("trips.offlineCopy", { time: fmt.dateTime(data.fetchedAt) })}</Notice>
      ) : null}
      {!data.fetchedAt ? (
        <Notice tone={online ? "info" : "warn"}>{t("trips.neverLoaded")}</Notice>
      ) : trips.length === 0 ? (
        <Notice tone="info" testId="driver-no-trips">
          {t("trips.none")}
        </Notice>
      ) : null}
      {trips.map((trip) => (
        <button
          key={trip.id}
          type="button"
          className="card trip-card"
          onClick={() => goTo({ name: "trip", tripId: trip.id })}
          data-testid="driver-trip-card"
          data-trip-id={trip.id}
          data-number={trip.number}
        >
          <div className="trip-card-head">
            <strong>{trip.number}</strong>
            <Badge tone={TRIP_TONE[trip.status]}>{t(`tripStatus.${trip.status}`)}</Badge>
          </div>
          <div className="muted">
            {fmt.date(trip.tripDate)} · {t("trips.vehicle", { regNo: trip.vehicleRegNo })}
            {trip.routeName ? ` · ${nameOf({ name: trip.routeName, nameBn: trip.routeNameBn ?? "" }, locale)}` : ""}
          </div>
          <div>{t("trips.drops", { done: fmt.number(trip.doneCount), total: fmt.number(trip.drops.length) })}</div>
          <div className="progress">
            <span style={{ width: `${trip.drops.length ? (trip.doneCount * 100) / trip.drops.length : 0}%` }} />
          </div>
        </button>
      ))}
      <Button
        kind="secondary"
        block
        disabled={!online || sync.running}
        onClick={requestDriverSync}
        data-testid="driver-refresh"
      >
        {sync.running ? t("sync.running") : t("trips.refresh")}
      </Button>
    </div>
  );
}

/** How often a phone on the road reports where it is. */
const LOCATION_EVERY_MS = 5 * 60_000;

function useLocationReports(api: ApiCall, trip: TripView | undefined) {
  const online = useOnline();
  const onRoad = trip?.status === "dispatched";
  const tripId = trip?.id;
  useEffect(() => {
    if (!onRoad || !online || !tripId) return;
    const report = async () => {
      const fix = await currentFix(10_000);
      if (!fix || !navigator.onLine) return;
      // Best effort: a lost report is replaced by the next one, so it is not queued.
      await api("POST", `${DRIVER_API}/trips/${tripId}/location`, fix, { idempotencyKey: newId() }).catch(
        () => undefined,
      );
    };
    void report();
    const timer = setInterval(() => void report(), LOCATION_EVERY_MS);
    return () => clearInterval(timer);
  }, [api, onRoad, online, tripId]);
}

export function TripScreen(props: { tripId: string; api: ApiCall }) {
  const { t, locale } = useDriverT();
  const fmt = useFieldFormat();
  const data = useDriverData();
  const trip = data.trips.get(props.tripId);
  useLocationReports(props.api, trip);
  if (!trip) {
    return (
      <div className="stack">
        <ScreenTitle title={t("trips.title")} onBack={() => goTo({ name: "trips" })} backLabel="←" />
        <Notice tone="warn">{t("trip.missing")}</Notice>
      </div>
    );
  }
  const cash = trip.drops.reduce((s, d) => s + d.cashCollectedPoisha, 0);
  return (
    <div className="stack" data-testid="driver-trip" data-trip-id={trip.id} data-status={trip.status}>
      <ScreenTitle
        title={t("trip.title", { number: trip.number })}
        subtitle={`${fmt.date(trip.tripDate)} · ${t("trips.vehicle", { regNo: trip.vehicleRegNo })} · ${t(
          `tripStatus.${trip.status}`,
        )}`}
        onBack={() => goTo({ name: "trips" })}
        backLabel="←"
      />
      {trip.status === "planned" ? <Notice tone="info">{t("trips.planned")}</Notice> : null}
      <div className="stats">
        <Stat
          label={t("trip.stops")}
          value={t("trips.drops", { done: fmt.number(trip.doneCount), total: fmt.number(trip.drops.length) })}
        />
        <Stat label={t("trip.cash")} value={fmt.money(cash)} testId="driver-trip-cash" />
      </div>
      <ol className="drop-list">
        {trip.drops.map((d) => (
          <li key={d.id}>
            <Card className={`drop-card drop-${d.status}`} testId="driver-drop-card">
              <div className="drop-head" data-drop-id={d.id} data-order-number={d.orderNumber}>
                <span className="outlet-index">{fmt.number(d.seq)}</span>
                <div className="drop-main">
                  <strong>{nameOf({ name: d.outletName, nameBn: d.outletNameBn }, locale)}</strong>
                  <div className="muted small">
                    {d.outletCode} · {d.outletOwnerName}
                  </div>
                  <div className="small">{d.outletAddress}</div>
                </div>
                <div className="drop-badges">
                  <DropBadges drop={d} />
                </div>
              </div>
              <details className="drop-lines">
                <summary>
                  {t("trip.lines", { n: fmt.number(d.lines.length), amount: fmt.money(d.orderTotalPoisha) })}
                  {d.outletDuesPoisha > 0 ? ` · ${t("trip.dues", { amount: fmt.money(d.outletDuesPoisha) })}` : ""}
                </summary>
                <ul className="plain-list">
                  {d.lines.map((l) => (
                    <li key={l.lineNo}>
                      {nameOf({ name: l.skuName, nameBn: l.skuNameBn }, locale)}{" "}
                      <span className="muted small">{l.skuCode}</span> — <strong>{qtyText(l.quantity, t, fmt)}</strong>
                    </li>
                  ))}
                </ul>
              </details>
              <div className="toolbar">
                {d.outletPhone ? (
                  <a className="btn btn-ghost" href={`tel:${d.outletPhone}`} data-testid="driver-call">
                    ☎ {t("trip.call")}
                  </a>
                ) : null}
                {d.navigationUrl ? (
                  <a
                    className="btn btn-ghost"
                    href={d.navigationUrl}
                    target="_blank"
                    rel="noreferrer"
                    data-testid="driver-navigate"
                  >
                    ➤ {t("trip.navigate")}
                  </a>
                ) : null}
                <Button
                  kind={d.status === "pending" && trip.status === "dispatched" ? "primary" : "secondary"}
                  onClick={() => goTo({ name: "drop", tripId: trip.id, dropId: d.id })}
                  data-testid="driver-open-drop"
                >
                  {t("trip.open")}
                </Button>
              </div>
            </Card>
          </li>
        ))}
      </ol>
    </div>
  );
}
