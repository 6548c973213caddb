// The driver's outbox in plain sight: what the server refused (with its message; discard, or record the stop
// again), what is still waiting for the network, and what went through lately.
import { useLocaleState } from "../i18n/field-i18n.ts";
import { Badge, Button, Card, Notice, ScreenTitle } from "../ui/ui-kit.tsx";
import { useOnline } from "../ui/use-connectivity.ts";
import { useFieldFormat } from "../ui/use-field-format.ts";
import { useDriverData } from "./driver-data.tsx";
import type { DriverWrite } from "./driver-db.ts";
import { useDriverT } from "./driver-i18n.ts";
import { goTo } from "./driver-router.ts";
import { discardRefused, requestDriverSync, useDriverSyncStatus } from "./driver-sync.ts";
import { nameOf } from "./driver-trips-screen.tsx";

export function DriverSyncScreen() {
  const { t, locale } = useDriverT();
  const appT = useLocaleState().t;
  const fmt = useFieldFormat();
  const data = useDriverData();
  const online = useOnline();
  const sync = useDriverSyncStatus();

  const what = (write: DriverWrite, at?: string) => {
    const drop = data.trips.get(write.tripId)?.drops.find((d) => d.id === write.dropId);
    return (
      <>
        <strong>{write.kind === "deliver" ? t("sync.deliver") : t("sync.fail")}</strong>
        {drop ? ` · ${nameOf({ name: drop.outletName, nameBn: drop.outletNameBn }, locale)} · ${drop.orderNumber}` : ""}
        {at ? <span className="muted small"> {fmt.time(at)}</span> : null}
      </>
    );
  };

  return (
    <div className="stack" data-testid="driver-sync">
      <ScreenTitle title={t("sync.title")} />
      <Card>
        <p data-testid="driver-sync-status">
          {sync.running
            ? t("sync.running")
            : !online
              ? t("sync.offline", { n: fmt.number(data.outbox.length) })
              : sync.last?.stoppedBy === "blocked"
                ? (sync.last.message ?? t("sync.failed"))
                : sync.last?.stoppedBy === "server"
                  ? t("sync.failed")
                  : sync.lastSuccessAt
                    ? t("sync.lastAt", { time: fmt.time(sync.lastSuccessAt) })
                    : ""}
        </p>
        <Button
          kind="primary"
          block
          disabled={!online || sync.running}
          onClick={requestDriverSync}
          data-testid="driver-sync-now"
        >
          {t("sync.now")}
        </Button>
      </Card>

      {data.refused.length > 0 ? (
        <Card className="attention" testId="driver-refused">
          <h2>{t("sync.refused", { n: fmt.number(data.refused.length) })}</h2>
          <p className="muted small">{t("sync.refusedHint")}</p>
          <ul className="plain-list">
            {data.refused.map((r) => (
              <li key={r.id} data-testid="driver-refused-item" data-code={r.error.code}>
                <div>{what(r.write, r.rejectedAt)}</div>
                <Notice tone="error">{r.error.message || r.error.code}</Notice>
                <div className="toolbar">
                  <Button
                    kind="primary"
                    onClick={() => goTo({ name: "drop", tripId: r.write.tripId, dropId: r.write.dropId })}
                  >
                    {t("trip.open")}
                  </Button>
                  <Button
                    kind="danger"
                    onClick={() => {
                      if (window.confirm(t("sync.discardConfirm"))) void discardRefused(data.db, r.id);
                    }}
                    data-testid="driver-refused-discard"
                  >
                    {t("sync.discard")}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <Card testId="driver-outbox">
        <h2>{t("sync.waiting", { n: fmt.number(data.outbox.length) })}</h2>
        {data.outbox.length === 0 ? <p className="muted">{t("sync.nothingWaiting")}</p> : null}
        <ul className="plain-list">
          {data.outbox.map((e) => (
            <li key={e.id} data-testid="driver-outbox-item">
              {what(e.write, e.createdAt)}{" "}
              {e.attempts > 0 ? <Badge tone="warn">{t("sync.attempts", { n: fmt.number(e.attempts) })}</Badge> : null}
            </li>
          ))}
        </ul>
      </Card>

      {data.sent.length > 0 ? (
        <Card testId="driver-sent">
          <h2>{appT("sync.historyTitle")}</h2>
          <ul className="plain-list">
            {data.sent.slice(0, 30).map((s) => {
              const drop = data.trips.get(s.tripId)?.drops.find((d) => d.id === s.dropId);
              return (
                <li key={s.id} data-testid="driver-sent-item">
                  <strong>{s.kind === "deliver" ? t("sync.deliver") : t("sync.fail")}</strong>
                  {drop ? ` · ${nameOf({ name: drop.outletName, nameBn: drop.outletNameBn }, locale)}` : ""}{" "}
                  <span className="muted small">{fmt.time(s.sentAt)}</span>{" "}
                  <Badge tone="ok">{s.outcome?.drop.paymentNumber ?? t("drop.synced")}</Badge>
                </li>
              );
            })}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
