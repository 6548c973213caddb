// One outlet and the visit to it: check in with GPS (the distance from the outlet, flagged beyond the radius),
// take an order, audit the shelf, collect against dues, and check out with the outcome (an order, or why not).
// What was done here today is listed with where it stands (waiting to sync, synced with its number, refused).
import { useEffect, useState } from "react";
import { useLocaleState } from "../i18n/field-i18n.ts";
import { minutesSpent, openVisit } from "../model/beat-plan.ts";
import { checkIn, checkOut } from "../store/field-actions.ts";
import type { LocalVisit } from "../store/field-db.ts";
import type { PaymentMethod } from "./collect-screen.tsx";
import { StateBadge, Warnings } from "./command-badges.tsx";
import { commandState, resultText, useFieldData } from "./field-data.tsx";
import { navigate } from "./field-router.ts";
import { currentFix } from "./geolocation.ts";
import { Button, Card, Notice, outletName, ScreenTitle, Stat } from "./ui-kit.tsx";
import { useFieldFormat } from "./use-field-format.ts";

function useNow(everyMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function OutletScreen(props: { outletId: string }) {
  const { t, locale } = useLocaleState();
  const fmt = useFieldFormat();
  const data = useFieldData();
  const outlet = data.outlets.get(props.outletId);
  if (!outlet) {
    return (
      <div className="stack">
        <ScreenTitle title={t("outlet.missing")} onBack={() => navigate({ name: "beat" })} backLabel={t("app.back")} />
        <Notice tone="warn">{t("outlet.missingHint")}</Notice>
      </div>
    );
  }
  const visitsHere = data.visits.filter((v) => v.outletId === outlet.id);
  const open = openVisit(visitsHere);
  const elsewhere = open ? undefined : openVisit(data.visits);
  const orders = data.orders.filter((o) => o.outletId === outlet.id);
  const payments = data.payments.filter((p) => p.outletId === outlet.id);
  const audits = data.audits.filter((a) => a.outletId === outlet.id);
  return (
    <div className="stack" data-testid="field-outlet">
      <ScreenTitle
        title={outletName(outlet, locale)}
        subtitle={`${outlet.code} · ${outlet.ownerName}`}
        onBack={() => navigate({ name: "beat" })}
        backLabel={t("app.back")}
      />
      <Card>
        <p className="muted">{outlet.address}</p>
        {outlet.phone ? (
          <a className="btn btn-ghost" href={`tel:${outlet.phone}`}>
            ☎ {outlet.phone}
          </a>
        ) : null}
        <div className="stats">
          <Stat
            label={t("outlet.dues")}
            value={fmt.money(outlet.duesPoisha)}
            tone={outlet.duesPoisha > 0 ? "warn" : undefined}
          />
          <Stat
            label={t("outlet.overdue")}
            value={fmt.money(outlet.overduePoisha)}
            tone={outlet.overduePoisha > 0 ? "error" : undefined}
          />
          {outlet.creditLimitPoisha !== null ? (
            <Stat label={t("outlet.creditLimit")} value={fmt.money(outlet.creditLimitPoisha)} />
          ) : null}
          <Stat
            label={t("outlet.lastOrder")}
            value={
              outlet.lastOrder ? `${fmt.date(outlet.lastOrder.date)} · ${fmt.money(outlet.lastOrder.totalPoisha)}` : "—"
            }
          />
          <Stat label={t("outlet.lastVisit")} value={outlet.lastVisitDate ? fmt.date(outlet.lastVisitDate) : "—"} />
        </div>
      </Card>
      {open ? (
        <OpenVisit visit={open} hasOrder={orders.some((o) => o.visitId === open.id)} />
      ) : (
        <CheckInCard outletId={outlet.id} elsewhere={elsewhere} lastVisit={visitsHere.at(-1)} />
      )}
      {orders.length + payments.length + audits.length > 0 ? (
        <Card testId="field-outlet-today">
          <h2>{t("outlet.today")}</h2>
          <ul className="plain-list">
            {orders.map((o) => {
              const st = commandState(data, o.commandId);
              const number = st.state === "synced" ? resultText(st.entry, "orderNumber", "number") : null;
              // Once synced, the server's price stands (its schemes, budgets and prices of the moment).
              const server = st.state === "synced" ? st.entry?.data.totalPoisha : undefined;
              const total = typeof server === "number" ? server : o.totalPoisha;
              return (
                <li key={o.id} data-testid="field-outlet-order" data-total-poisha={total}>
                  <strong>{t("outlet.order")}</strong> {number ?? ""} · {fmt.money(total)} ·{" "}
                  {t("outlet.lines", { count: fmt.number(o.lines.length) })} <StateBadge state={st} />
                  {typeof server === "number" && server !== o.totalPoisha ? (
                    <div className="muted small" data-testid="field-order-repriced">
                      {t("outlet.repriced", { server: fmt.money(server), phone: fmt.money(o.totalPoisha) })}
                    </div>
                  ) : null}
                  <Warnings state={st} />
                </li>
              );
            })}
            {payments.map((p) => {
              const st = commandState(data, p.commandId);
              return (
                <li key={p.id}>
                  <button type="button" className="link" onClick={() => navigate({ name: "receipt", paymentId: p.id })}>
                    {t("outlet.payment")} · {fmt.money(p.amountPoisha)} · {t(`methods.${p.method as PaymentMethod}`)}
                  </button>{" "}
                  <StateBadge state={st} />
                </li>
              );
            })}
            {audits.map((a) => (
              <li key={a.id}>
                {t("outlet.audit")} · {t("outlet.lines", { count: fmt.number(a.lines.length) })}{" "}
                <StateBadge state={commandState(data, a.commandId)} />
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}

function CheckInCard(props: {
  outletId: string;
  elsewhere: LocalVisit | undefined;
  lastVisit: LocalVisit | undefined;
}) {
  const { t, locale } = useLocaleState();
  const fmt = useFieldFormat();
  const data = useFieldData();
  const [busy, setBusy] = useState(false);
  const outlet = data.outlets.get(props.outletId);
  const other = props.elsewhere ? data.outlets.get(props.elsewhere.outletId) : undefined;
  const radius = data.snapshot?.settings.checkInRadiusM ?? 100;

  const doCheckIn = async () => {
    if (!outlet) return;
    setBusy(true);
    try {
      const gps = await currentFix();
      await checkIn({ db: data.db, userId: data.userId }, outlet, gps, radius);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card testId="field-checkin-card">
      {props.lastVisit ? <VisitSummary visit={props.lastVisit} /> : null}
      {props.elsewhere ? (
        <Notice tone="warn">
          {t("visit.openElsewhere", { outlet: other ? outletName(other, locale) : "" })}{" "}
          <Button
            kind="ghost"
            onClick={() => props.elsewhere && navigate({ name: "outlet", outletId: props.elsewhere.outletId })}
          >
            {t("visit.goThere")}
          </Button>
        </Notice>
      ) : (
        <Button kind="primary" block disabled={busy} onClick={() => void doCheckIn()} data-testid="field-checkin">
          {busy ? t("day.locating") : props.lastVisit ? t("visit.checkInAgain") : t("visit.checkIn")}
        </Button>
      )}
      <p className="muted small">{t("visit.radiusHint", { radius: fmt.distance(radius) })}</p>
    </Card>
  );
}

function VisitSummary(props: { visit: LocalVisit }) {
  const { t } = useLocaleState();
  const fmt = useFieldFormat();
  const data = useFieldData();
  const v = props.visit;
  const reason = data.snapshot?.noOrderReasons.find((r) => r.code === v.noOrderReason);
  const { locale } = useLocaleState();
  return (
    <div className="visit-summary" data-testid="field-visit-summary" data-outcome={v.outcome ?? ""}>
      <p>
        <strong>{v.outcome === "order" ? t("visit.outcomeOrder") : t("visit.outcomeNoOrder")}</strong>
        {reason ? ` · ${locale === "bn" ? reason.labelBn : reason.labelEn}` : ""}
      </p>
      <p className="muted small">
        {fmt.time(v.checkedInAt)}–{v.checkedOutAt ? fmt.time(v.checkedOutAt) : ""} ·{" "}
        {t("visit.minutes", { count: fmt.number(minutesSpent(v.checkedInAt, v.checkedOutAt ?? new Date())) })}{" "}
        <StateBadge state={commandState(data, v.checkOutCommandId ?? v.checkInCommandId)} />
      </p>
      <Warnings state={commandState(data, v.checkInCommandId)} />
    </div>
  );
}

function DistanceLine(props: { visit: LocalVisit }) {
  const { t } = useLocaleState();
  const fmt = useFieldFormat();
  const data = useFieldData();
  const radius = data.snapshot?.settings.checkInRadiusM ?? 100;
  const v = props.visit;
  if (v.distanceM === null)
    return (
      <Notice tone="warn" testId="field-visit-distance">
        {t("visit.noDistance")}
      </Notice>
    );
  return (
    <Notice tone={v.outsideRadius ? "warn" : "ok"} testId="field-visit-distance">
      <span data-outside={v.outsideRadius ? "true" : "false"}>
        {v.outsideRadius
          ? t("visit.farFromOutlet", { distance: fmt.distance(v.distanceM), radius: fmt.distance(radius) })
          : t("visit.nearOutlet", { distance: fmt.distance(v.distanceM) })}
      </span>
    </Notice>
  );
}

function OpenVisit(props: { visit: LocalVisit; hasOrder: boolean }) {
  const { t, locale } = useLocaleState();
  const fmt = useFieldFormat();
  const data = useFieldData();
  const now = useNow(15_000);
  const v = props.visit;
  const [reason, setReason] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const reasons = data.snapshot?.noOrderReasons ?? [];

  const finish = async () => {
    setBusy(true);
    try {
      await checkOut(
        { db: data.db, userId: data.userId },
        v,
        props.hasOrder ? "order" : "no_order",
        props.hasOrder ? undefined : (reason ?? undefined),
        note.trim() || undefined,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card testId="field-open-visit">
      <p data-testid="field-visit-time">
        {t("visit.checkedInAt", { time: fmt.time(v.checkedInAt) })} ·{" "}
        <strong>{t("visit.minutes", { count: fmt.number(minutesSpent(v.checkedInAt, now)) })}</strong>
      </p>
      <DistanceLine visit={v} />
      <Warnings state={commandState(data, v.checkInCommandId)} />
      <div className="action-grid">
        <Button
          kind="primary"
          onClick={() => navigate({ name: "order", outletId: v.outletId })}
          data-testid="field-take-order"
        >
          {t("visit.takeOrder")}
        </Button>
        <Button onClick={() => navigate({ name: "audit", outletId: v.outletId })} data-testid="field-stock-audit">
          {t("visit.stockAudit")}
        </Button>
        <Button onClick={() => navigate({ name: "collect", outletId: v.outletId })} data-testid="field-collect">
          {t("visit.collect")}
        </Button>
      </div>
      <h2>{t("visit.checkOutTitle")}</h2>
      {props.hasOrder ? (
        <p className="muted">{t("visit.outcomeWillBeOrder")}</p>
      ) : (
        <fieldset className="reasons">
          <legend>{t("visit.noOrderReason")}</legend>
          {reasons.map((r) => (
            <label
              key={r.code}
              className={`choice ${reason === r.code ? "choice-on" : ""}`}
              data-testid={`field-reason-${r.code}`}
            >
              <input
                type="radio"
                name="reason"
                value={r.code}
                checked={reason === r.code}
                onChange={() => setReason(r.code)}
              />
              {locale === "bn" ? r.labelBn : r.labelEn}
            </label>
          ))}
        </fieldset>
      )}
      <input
        className="input"
        placeholder={t("visit.note")}
        value={note}
        maxLength={500}
        onChange={(e) => setNote(e.target.value)}
        data-testid="field-visit-note"
      />
      <Button
        kind={props.hasOrder ? "primary" : "danger"}
        block
        disabled={busy || (!props.hasOrder && reason === null)}
        onClick={() => void finish()}
        data-testid="field-checkout"
      >
        {props.hasOrder ? t("visit.checkOutOrder") : t("visit.checkOutNoOrder")}
      </Button>
    </Card>
  );
}
