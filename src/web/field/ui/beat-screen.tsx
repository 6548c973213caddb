// Today's beat: the working day (start, end), the route walked today (or the rep's pick when none is scheduled),
// its outlets in visit order with distance, last order, dues and how each visit went; reordering the route;
// an unplanned visit to another of the rep's outlets; and the map, loaded only when asked for.
import { lazy, Suspense, useMemo, useState } from "react";
import type { FieldOutlet, FieldRoute } from "../../../shared/contracts/field.ts";
import type { ApiCall } from "../api/field-api.ts";
import { useLocaleState } from "../i18n/field-i18n.ts";
import {
  chooseBeat,
  commandsByOutlet,
  distanceTo,
  moveItem,
  searchOutlets,
  type VisitStatus,
  visitsByOutlet,
} from "../model/beat-plan.ts";
import { chooseRoute, endDay, reorderBeat, startDay } from "../store/field-actions.ts";
import { useFieldData } from "./field-data.tsx";
import { navigate } from "./field-router.ts";
import { currentFix, useWatchedPosition } from "./geolocation.ts";
import { Badge, Button, Card, localName, Notice, outletName } from "./ui-kit.tsx";
import { useFieldFormat } from "./use-field-format.ts";

const BeatMap = lazy(() => import("./beat-map.tsx").then((m) => ({ default: m.BeatMap })));

export function BeatScreen(props: { api: ApiCall }) {
  const { t, locale } = useLocaleState();
  const fmt = useFieldFormat();
  const data = useFieldData();
  const position = useWatchedPosition();
  const [picking, setPicking] = useState(false);
  const [showMap, setShowMap] = useState(false);
  const [reordering, setReordering] = useState<string[] | null>(null);
  const [searching, setSearching] = useState(false);

  const beat = chooseBeat(data.routes, data.today, data.routeChoice, data.userId);
  const route = beat.route;
  const status = useMemo(() => visitsByOutlet(data.visits), [data.visits]);
  const planned = useMemo(
    () => (route ? route.outletIds.flatMap((id) => data.outlets.get(id) ?? []) : []),
    [route, data.outlets],
  );
  const plannedIds = useMemo(() => new Set(planned.map((o) => o.id)), [planned]);
  const waiting = useMemo(
    () =>
      commandsByOutlet(
        data.outbox.map((e) => e.command),
        data.visits,
      ),
    [data.outbox, data.visits],
  );
  const refused = useMemo(
    () =>
      commandsByOutlet(
        data.attention.map((e) => e.command),
        data.visits,
      ),
    [data.attention, data.visits],
  );
  const unplannedToday = [...status.keys()]
    .filter((id) => !plannedIds.has(id))
    .flatMap((id) => data.outlets.get(id) ?? []);
  const visited = planned.filter((o) => {
    const s = status.get(o.id)?.status;
    return s === "order" || s === "no_order";
  }).length;
  const orders = planned.filter((o) => status.get(o.id)?.status === "order").length;

  const pick = async (r: FieldRoute) => {
    await chooseRoute({ db: data.db, userId: data.userId }, r.id, data.today);
    setPicking(false);
  };

  const saveOrder = async () => {
    if (!route || !reordering) return;
    await reorderBeat({ db: data.db, userId: data.userId }, route.id, reordering);
    setReordering(null);
  };

  const list = reordering ? reordering.flatMap((id) => data.outlets.get(id) ?? []) : planned;

  return (
    <div className="stack" data-testid="field-beat">
      <DayCard />
      {route === null || picking ? (
        <Card testId="field-route-picker">
          {route === null ? (
            <Notice tone="info" testId="field-no-beat-today">
              {t("beat.noneToday")}
            </Notice>
          ) : null}
          <h2>{t("beat.chooseRoute")}</h2>
          <div className="stack-sm">
            {data.routes.length === 0 ? <p className="muted">{t("beat.noRoutes")}</p> : null}
            {data.routes.map((r) => (
              <Button
                key={r.id}
                kind={route?.id === r.id ? "primary" : "secondary"}
                block
                onClick={() => void pick(r)}
                data-testid="field-route-option"
                data-route-id={r.id}
              >
                {localName(r, locale)} · {t("beat.outletCount", { count: fmt.number(r.outletIds.length) })}
                {beat.scheduled.some((s) => s.id === r.id) ? ` · ${t("beat.scheduledToday")}` : ""}
              </Button>
            ))}
          </div>
        </Card>
      ) : null}
      {route ? (
        <>
          <div className="beat-head">
            <div>
              <h1 data-testid="field-route-name">{localName(route, locale)}</h1>
              <p className="muted" data-testid="field-beat-progress">
                {t("beat.progress", {
                  visited: fmt.number(visited),
                  total: fmt.number(planned.length),
                  orders: fmt.number(orders),
                })}
              </p>
            </div>
            {!picking ? (
              <Button kind="ghost" onClick={() => setPicking(true)} data-testid="field-route-change">
                {t("beat.changeRoute")}
              </Button>
            ) : null}
          </div>
          <div className="toolbar">
            <Button
              kind={showMap ? "primary" : "secondary"}
              onClick={() => setShowMap((m) => !m)}
              data-testid="field-map-toggle"
            >
              {showMap ? t("beat.hideMap") : t("beat.showMap")}
            </Button>
            <Button
              kind={reordering ? "primary" : "secondary"}
              onClick={() => setReordering(reordering ? null : route.outletIds.filter((id) => data.outlets.has(id)))}
              data-testid="field-reorder-toggle"
            >
              {reordering ? t("app.cancel") : t("beat.reorder")}
            </Button>
            <Button
              kind={searching ? "primary" : "secondary"}
              onClick={() => setSearching((s) => !s)}
              data-testid="field-unplanned"
            >
              {t("beat.unplanned")}
            </Button>
          </div>
          {position.denied ? <Notice tone="warn">{t("beat.locationDenied")}</Notice> : null}
          {showMap ? (
            <Suspense fallback={<div className="map-box splash">{t("app.loading")}</div>}>
              <BeatMap api={props.api} outlets={planned} status={status} fix={position.fix} />
            </Suspense>
          ) : null}
          {searching ? <UnplannedSearch excludeIds={plannedIds} /> : null}
          {reordering ? (
            <Notice tone="info">
              {t("beat.reorderHint")}{" "}
              <Button kind="primary" onClick={() => void saveOrder()} data-testid="field-reorder-save">
                {t("beat.saveOrder")}
              </Button>
            </Notice>
          ) : null}
          <ol className="outlet-list">
            {list.map((o, i) => (
              <OutletCard
                key={o.id}
                outlet={o}
                index={i}
                status={status.get(o.id)?.status ?? "pending"}
                distanceM={distanceTo(o, position.fix)}
                waiting={waiting.get(o.id) ?? 0}
                refused={refused.get(o.id) ?? 0}
                reorder={
                  reordering
                    ? {
                        up: () => setReordering(moveItem(reordering, i, -1)),
                        down: () => setReordering(moveItem(reordering, i, 1)),
                        first: i === 0,
                        last: i === reordering.length - 1,
                      }
                    : undefined
                }
              />
            ))}
          </ol>
          {planned.length === 0 ? <p className="muted">{t("beat.emptyRoute")}</p> : null}
        </>
      ) : null}
      {unplannedToday.length > 0 ? (
        <>
          <h2>{t("beat.unplannedToday")}</h2>
          <ol className="outlet-list">
            {unplannedToday.map((o, i) => (
              <OutletCard
                key={o.id}
                outlet={o}
                index={i}
                status={status.get(o.id)?.status ?? "pending"}
                distanceM={distanceTo(o, position.fix)}
                waiting={waiting.get(o.id) ?? 0}
                refused={refused.get(o.id) ?? 0}
              />
            ))}
          </ol>
        </>
      ) : null}
    </div>
  );
}

const STATUS_TONE: Record<VisitStatus, "muted" | "info" | "ok" | "warn"> = {
  pending: "muted",
  in_progress: "info",
  order: "ok",
  no_order: "warn",
};

function OutletCard(props: {
  outlet: FieldOutlet;
  index: number;
  status: VisitStatus;
  distanceM: number | null;
  /** Commands about this outlet still in the outbox, and refused ones. */
  waiting: number;
  refused: number;
  reorder?: { up: () => void; down: () => void; first: boolean; last: boolean } | undefined;
}) {
  const { t, locale } = useLocaleState();
  const fmt = useFieldFormat();
  const o = props.outlet;
  const body = (
    <>
      <span className="outlet-index">{fmt.number(props.index + 1)}</span>
      <span className="outlet-main">
        <span className="outlet-name">{outletName(o, locale)}</span>
        <span className="muted small">{o.address || o.code}</span>
        <span className="outlet-facts">
          {props.distanceM !== null ? <Badge tone="info">{fmt.distance(props.distanceM)}</Badge> : null}
          <Badge tone={STATUS_TONE[props.status]} testId="field-outlet-status">
            {t(`visitStatus.${props.status}`)}
          </Badge>
          {props.refused > 0 ? <Badge tone="error">{t("sync.stateAttention")}</Badge> : null}
          {props.waiting > 0 ? (
            <Badge tone="warn" testId="field-outlet-waiting">
              ⇅ {fmt.number(props.waiting)}
            </Badge>
          ) : null}
          {o.duesPoisha > 0 ? (
            <Badge tone={o.overduePoisha > 0 ? "error" : "warn"}>
              {t("outlet.dues")} {fmt.money(o.duesPoisha)}
            </Badge>
          ) : null}
        </span>
        {o.lastOrder ? (
          <span className="muted small">
            {t("outlet.lastOrder")}: {fmt.date(o.lastOrder.date)} · {fmt.money(o.lastOrder.totalPoisha)}
          </span>
        ) : null}
      </span>
    </>
  );
  return (
    <li
      className={`outlet-card status-${props.status}`}
      data-testid="field-outlet-card"
      data-outlet-id={o.id}
      data-status={props.status}
    >
      {props.reorder ? (
        <div className="outlet-row">
          {body}
          <span className="reorder-buttons">
            <Button
              kind="ghost"
              disabled={props.reorder.first}
              onClick={props.reorder.up}
              aria-label={t("beat.moveUp")}
              data-testid="field-move-up"
            >
              ↑
            </Button>
            <Button
              kind="ghost"
              disabled={props.reorder.last}
              onClick={props.reorder.down}
              aria-label={t("beat.moveDown")}
              data-testid="field-move-down"
            >
              ↓
            </Button>
          </span>
        </div>
      ) : (
        <button type="button" className="outlet-row" onClick={() => navigate({ name: "outlet", outletId: o.id })}>
          {body}
        </button>
      )}
    </li>
  );
}

function UnplannedSearch(props: { excludeIds: ReadonlySet<string> }) {
  const { t, locale } = useLocaleState();
  const data = useFieldData();
  const [query, setQuery] = useState("");
  const results = useMemo(
    () => searchOutlets(data.outletList, query, props.excludeIds),
    [data.outletList, query, props.excludeIds],
  );
  return (
    <Card testId="field-unplanned-search">
      <h2>{t("beat.unplannedTitle")}</h2>
      <input
        className="input"
        type="search"
        placeholder={t("beat.searchOutlets")}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="field-unplanned-query"
      />
      <ul className="plain-list">
        {results.map((o) => (
          <li key={o.id}>
            <button
              type="button"
              className="list-button"
              onClick={() => navigate({ name: "outlet", outletId: o.id })}
              data-testid="field-unplanned-result"
            >
              <span>{outletName(o, locale)}</span>
              <span className="muted small">
                {o.code} · {o.address}
              </span>
            </button>
          </li>
        ))}
        {results.length === 0 ? <li className="muted">{t("beat.noOutletsFound")}</li> : null}
      </ul>
    </Card>
  );
}

function DayCard() {
  const { t } = useLocaleState();
  const fmt = useFieldFormat();
  const data = useFieldData();
  const [busy, setBusy] = useState(false);
  const day = data.day;
  const ctx = { db: data.db, userId: data.userId };

  const act = async (which: "start" | "end") => {
    setBusy(true);
    try {
      const gps = await currentFix();
      await (which === "start" ? startDay(ctx, gps) : endDay(ctx, gps));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className="day-card" testId="field-day">
      {!day?.startedAt ? (
        <>
          <p>{t("day.notStarted")}</p>
          <Button kind="primary" block disabled={busy} onClick={() => void act("start")} data-testid="field-day-start">
            {busy ? t("day.locating") : t("day.start")}
          </Button>
        </>
      ) : (
        <div className="day-row">
          <span data-testid="field-day-started">
            {t("day.startedAt", { time: fmt.time(day.startedAt) })}
            {day.endedAt ? ` · ${t("day.endedAt", { time: fmt.time(day.endedAt) })}` : ""}
          </span>
          {!day.endedAt ? (
            <Button
              kind="secondary"
              disabled={busy}
              onClick={() => {
                if (window.confirm(t("day.endConfirm"))) void act("end");
              }}
              data-testid="field-day-end"
            >
              {busy ? t("day.locating") : t("day.end")}
            </Button>
          ) : null}
        </div>
      )}
    </Card>
  );
}
