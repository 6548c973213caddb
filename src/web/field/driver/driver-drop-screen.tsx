// One stop: the outlet and what to hand over; then deliver it all, or change the quantities (a partial
// delivery), with the receiver's name (required), their signature on the screen or a photo, and the cash taken;
// or "could not deliver" with a reason. The outcome is saved on the phone at once and sent when there is a
// network (driver-sync.ts); once the stop has an outcome the screen shows it.
import { type ChangeEvent, useMemo, useState } from "react";
import { FAILURE_REASONS, type FailureReason, type PodKind } from "../../../shared/contracts/delivery.ts";
import { type FieldT, useLocaleState } from "../i18n/field-i18n.ts";
import { parseQty, parseTaka, takaInputText } from "../model/money-input.ts";
import { currentFix } from "../ui/geolocation.ts";
import { Button, Card, issuesByField, LabeledField, Notice, ScreenTitle, Stat } from "../ui/ui-kit.tsx";
import { type FieldFormat, useFieldFormat } from "../ui/use-field-format.ts";
import { qtyText, useDriverData } from "./driver-data.tsx";
import type { DriverWrite } from "./driver-db.ts";
import { useDriverT } from "./driver-i18n.ts";
import { type DropView, deliveredValue, shortLines } from "./driver-plan.ts";
import { goTo } from "./driver-router.ts";
import { type Issues, queueDriverWrite } from "./driver-sync.ts";
import { DropBadges, nameOf } from "./driver-trips-screen.tsx";
import { podPhoto } from "./pod-photo.ts";
import { SignaturePad } from "./signature-pad.tsx";

type Mode = "choose" | "all" | "adjust" | "fail";

export function DropScreen(props: { tripId: string; dropId: string }) {
  const { t, locale } = useDriverT();
  const fmt = useFieldFormat();
  const data = useDriverData();
  const trip = data.trips.get(props.tripId);
  const drop = trip?.drops.find((d) => d.id === props.dropId);
  const [mode, setMode] = useState<Mode>("choose");
  const back = () => goTo({ name: "trip", tripId: props.tripId });
  if (!trip || !drop) {
    return (
      <div className="stack">
        <ScreenTitle title={t("trips.title")} onBack={back} backLabel="←" />
        <Notice tone="warn">{t("trip.missing")}</Notice>
      </div>
    );
  }
  const refusal = drop.local === "refused" ? data.refused.find((r) => r.id === drop.localId) : undefined;
  const open = drop.status === "pending" && trip.status === "dispatched";

  return (
    <div className="stack" data-testid="driver-drop" data-drop-id={drop.id} data-status={drop.status}>
      <ScreenTitle
        title={t("drop.title", { seq: fmt.number(drop.seq) })}
        subtitle={nameOf({ name: drop.outletName, nameBn: drop.outletNameBn }, locale)}
        onBack={mode === "choose" ? back : () => setMode("choose")}
        backLabel="←"
      />
      <Card>
        <p className="small">
          {t("drop.order", { number: drop.orderNumber })} · {drop.outletAddress}
        </p>
        <div className="toolbar">
          <DropBadges drop={drop} />
        </div>
        {refusal ? <Notice tone="error">{refusal.error.message || refusal.error.code}</Notice> : null}
      </Card>
      {open && mode === "choose" ? (
        <>
          <Lines drop={drop} />
          <div className="action-grid">
            <Button kind="primary" onClick={() => setMode("all")} data-testid="driver-deliver-all">
              {t("drop.deliverAll")}
            </Button>
            <Button kind="secondary" onClick={() => setMode("adjust")} data-testid="driver-adjust">
              {t("drop.adjust")}
            </Button>
            <Button kind="danger" onClick={() => setMode("fail")} data-testid="driver-could-not">
              {t("drop.couldNot")}
            </Button>
          </div>
        </>
      ) : open && (mode === "all" || mode === "adjust") ? (
        <DeliverForm
          drop={drop}
          tripId={trip.id}
          adjust={mode === "adjust"}
          onDone={() => goTo({ name: "trip", tripId: trip.id }, { replace: true })}
        />
      ) : open && mode === "fail" ? (
        <FailForm
          drop={drop}
          tripId={trip.id}
          onDone={() => goTo({ name: "trip", tripId: trip.id }, { replace: true })}
        />
      ) : (
        <>
          <Outcome drop={drop} />
          <Lines drop={drop} />
        </>
      )}
    </div>
  );
}

function Lines({ drop }: { drop: DropView }) {
  const { t, locale } = useDriverT();
  const fmt = useFieldFormat();
  return (
    <Card testId="driver-drop-lines">
      <ul className="plain-list">
        {drop.lines.map((l) => (
          <li key={l.lineNo}>
            {nameOf({ name: l.skuName, nameBn: l.skuNameBn }, locale)} <span className="muted small">{l.skuCode}</span>
            <div>
              <strong>{qtyText(l.quantity, t, fmt)}</strong> · {fmt.money(l.totalPoisha)}
            </div>
          </li>
        ))}
      </ul>
      <div className="stats">
        <Stat label={t("drop.ordered")} value={fmt.money(drop.orderTotalPoisha)} />
        {drop.outletDuesPoisha > 0 ? (
          <Stat label={t("drop.dues")} value={fmt.money(drop.outletDuesPoisha)} tone="warn" />
        ) : null}
      </div>
    </Card>
  );
}

function Outcome({ drop }: { drop: DropView }) {
  const { t } = useDriverT();
  const fmt = useFieldFormat();
  if (drop.status === "pending") return null;
  return (
    <Card testId="driver-drop-outcome">
      {drop.status === "failed" ? (
        <>
          <p>
            <strong>{t(`failure.${drop.failureReason ?? "other"}`)}</strong>
          </p>
          {drop.failureNote ? <p className="muted">{drop.failureNote}</p> : null}
        </>
      ) : (
        <>
          <p data-testid="driver-drop-receiver">{t("drop.receivedBy", { name: drop.receiverName ?? "" })}</p>
          {drop.deliveredQty !== null && drop.orderedQty !== null ? (
            <p className="muted small">
              {fmt.number(drop.deliveredQty)} / {fmt.number(drop.orderedQty)}
              {drop.deliveredPoisha !== null ? ` · ${fmt.money(drop.deliveredPoisha)}` : ""}
            </p>
          ) : null}
          {drop.cashCollectedPoisha > 0 ? (
            <p data-testid="driver-drop-cash">
              {t("trip.cash")}: <strong>{fmt.money(drop.cashCollectedPoisha)}</strong>
            </p>
          ) : null}
          {drop.paymentNumber ? <p className="small">{t("drop.receipt", { number: drop.paymentNumber })}</p> : null}
        </>
      )}
      {drop.local === "waiting" ? <p className="muted small">{t("drop.waiting")}</p> : null}
    </Card>
  );
}

/** The contract's objections, per field, in the UI language (the field app's validation messages). */
const objections = (issues: Issues, fieldT: FieldT, fmt: FieldFormat): Record<string, string> =>
  issuesByField(issues as unknown as Parameters<typeof issuesByField>[0], fieldT, fmt);

/** Empty, or zero, is no cash; otherwise an amount in taka; null when it cannot be read. */
function cashPoisha(text: string): number | null {
  const s = text.trim();
  if (s === "" || /^[0০.,]+$/.test(s)) return 0;
  return parseTaka(s);
}

function DeliverForm(props: { drop: DropView; tripId: string; adjust: boolean; onDone: () => void }) {
  const { drop } = props;
  const { t, locale } = useDriverT();
  const fieldT = useLocaleState().t;
  const fmt = useFieldFormat();
  const data = useDriverData();
  const [delivered, setDelivered] = useState<Map<number, number>>(
    () => new Map(drop.lines.map((l) => [l.lineNo, l.quantity.qty])),
  );
  const [receiver, setReceiver] = useState("");
  const [kind, setKind] = useState<PodKind>("signature");
  const [signature, setSignature] = useState<string | null>(null);
  const [photo, setPhoto] = useState<{ dataUrl: string; bytes: number } | null>(null);
  const [cash, setCash] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const value = useMemo(() => deliveredValue(drop, delivered), [drop, delivered]);
  const nothing = drop.lines.every((l) => (delivered.get(l.lineNo) ?? 0) === 0);

  const onPhoto = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    try {
      setPhoto(await podPhoto(file));
      setErrors(({ pod: _pod, ...rest }) => rest);
    } catch {
      setErrors((x) => ({ ...x, pod: t("drop.photoFailed") }));
    }
  };

  const save = async () => {
    const found: Record<string, string> = {};
    if (receiver.trim().length < 2) found.receiverName = t("drop.receiverRequired");
    const image = kind === "signature" ? signature : (photo?.dataUrl ?? null);
    if (!image) found.pod = kind === "signature" ? t("drop.signatureRequired") : t("drop.photoRequired");
    const cashCollectedPoisha = cashPoisha(cash);
    if (cashCollectedPoisha === null) found.cashCollectedPoisha = t("drop.badCash");
    if (nothing) found._ = t("drop.nothingDelivered");
    setErrors(found);
    if (Object.keys(found).length > 0 || !image || cashCollectedPoisha === null) return;
    setBusy(true);
    try {
      const gps = await currentFix(5_000);
      const write: DriverWrite = {
        kind: "deliver",
        tripId: props.tripId,
        dropId: drop.id,
        body: {
          receiverName: receiver.trim(),
          pod: { kind, image },
          lines: shortLines(drop, delivered),
          cashCollectedPoisha,
          gps: gps
            ? { lat: gps.lat, lng: gps.lng, ...(gps.accuracyM !== undefined && { accuracyM: gps.accuracyM }) }
            : null,
        },
      };
      const queued = await queueDriverWrite(data.db, data.userId, write);
      if (!queued.ok) {
        setErrors(objections(queued.issues, fieldT, fmt));
        return;
      }
      props.onDone();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack" data-testid="driver-deliver-form">
      {props.adjust ? (
        <Card testId="driver-adjust-lines">
          <ul className="plain-list">
            {drop.lines.map((l) => (
              <li key={l.lineNo} className="line-row" data-line-no={l.lineNo}>
                <div>
                  {nameOf({ name: l.skuName, nameBn: l.skuNameBn }, locale)}{" "}
                  <span className="muted small">{l.skuCode}</span>
                </div>
                <div className="line-controls">
                  <span className="small">{t("drop.deliveredQty")}</span>
                  <input
                    className="input qty"
                    inputMode="numeric"
                    aria-label={`${t("drop.deliveredQty")} ${l.skuCode}`}
                    defaultValue={String(l.quantity.qty)}
                    onChange={(e) => {
                      const q = parseQty(e.target.value);
                      setDelivered((m) => new Map(m).set(l.lineNo, Math.min(q ?? 0, l.quantity.qty)));
                    }}
                    data-testid="driver-line-qty"
                  />
                  <span className="small muted">
                    {t("drop.of", { n: fmt.number(l.quantity.qty) })} ({qtyText(l.quantity, t, fmt)})
                  </span>
                </div>
              </li>
            ))}
          </ul>
        </Card>
      ) : (
        <Lines drop={drop} />
      )}
      <Card>
        <p data-testid="driver-deliver-value">
          <strong>{t("drop.deliverTotal", { amount: fmt.money(value) })}</strong>
        </p>
        <LabeledField label={t("drop.receiver")} error={errors.receiverName}>
          <input
            className="input"
            value={receiver}
            maxLength={120}
            autoComplete="off"
            onChange={(e) => setReceiver(e.target.value)}
            data-testid="driver-receiver"
          />
        </LabeledField>
        <fieldset className="reasons">
          <legend>{t("drop.proof")}</legend>
          {(["signature", "photo"] as const).map((k) => (
            <label key={k} className={`choice ${kind === k ? "choice-on" : ""}`} data-testid={`driver-pod-${k}`}>
              <input type="radio" name="pod" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {t(`drop.${k}`)}
            </label>
          ))}
        </fieldset>
        {kind === "signature" ? (
          <SignaturePad onChange={setSignature} label={t("drop.signHere")} clearLabel={t("drop.clear")} />
        ) : (
          <div className="stack-sm">
            <label className="btn btn-secondary btn-block">
              {photo ? t("drop.retakePhoto") : t("drop.takePhoto")}
              <input
                type="file"
                accept="image/*"
                capture="environment"
                hidden
                onChange={(e) => void onPhoto(e)}
                data-testid="driver-photo-input"
              />
            </label>
            {photo ? (
              <div className="photo-preview" data-testid="driver-photo-preview" data-bytes={photo.bytes}>
                <img src={photo.dataUrl} alt={t("drop.photo")} />
              </div>
            ) : null}
          </div>
        )}
        {errors.pod ? <span className="field-error">{errors.pod}</span> : null}
        <LabeledField
          label={t("drop.cash")}
          error={errors.cashCollectedPoisha}
          hint={t("drop.cashHint", { order: fmt.money(value), dues: fmt.money(drop.outletDuesPoisha) })}
        >
          <input
            className="input"
            inputMode="decimal"
            value={cash}
            placeholder="৳"
            onChange={(e) => setCash(e.target.value)}
            data-testid="driver-cash"
          />
        </LabeledField>
        <Button kind="ghost" onClick={() => setCash(takaInputText(value))} data-testid="driver-cash-full">
          {t("drop.cashFull", { amount: fmt.money(value) })}
        </Button>
        {errors._ ? <Notice tone="error">{errors._}</Notice> : null}
        <Button kind="primary" block disabled={busy} onClick={() => void save()} data-testid="driver-deliver-save">
          {t("drop.save")}
        </Button>
      </Card>
    </div>
  );
}

function FailForm(props: { drop: DropView; tripId: string; onDone: () => void }) {
  const { t } = useDriverT();
  const fieldT = useLocaleState().t;
  const fmt = useFieldFormat();
  const data = useDriverData();
  const [reason, setReason] = useState<FailureReason | null>(null);
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const save = async () => {
    if (!reason) {
      setErrors({ reason: t("drop.reason") });
      return;
    }
    if (reason === "other" && note.trim() === "") {
      setErrors({ note: t("drop.noteRequired") });
      return;
    }
    setBusy(true);
    try {
      const gps = await currentFix(5_000);
      const queued = await queueDriverWrite(data.db, data.userId, {
        kind: "fail",
        tripId: props.tripId,
        dropId: props.drop.id,
        body: {
          reason,
          ...(note.trim() && { note: note.trim() }),
          gps: gps
            ? { lat: gps.lat, lng: gps.lng, ...(gps.accuracyM !== undefined && { accuracyM: gps.accuracyM }) }
            : null,
        },
      });
      if (!queued.ok) {
        setErrors(objections(queued.issues, fieldT, fmt));
        return;
      }
      props.onDone();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card testId="driver-fail-form">
      <fieldset className="reasons">
        <legend>{t("drop.reason")}</legend>
        {FAILURE_REASONS.map((r) => (
          <label key={r} className={`choice ${reason === r ? "choice-on" : ""}`} data-testid={`driver-reason-${r}`}>
            <input type="radio" name="reason" value={r} checked={reason === r} onChange={() => setReason(r)} />
            {t(`failure.${r}`)}
          </label>
        ))}
      </fieldset>
      {errors.reason ? <span className="field-error">{errors.reason}</span> : null}
      <LabeledField label={t("drop.note")} error={errors.note}>
        <textarea
          className="input"
          rows={3}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="driver-fail-note"
        />
      </LabeledField>
      <Button kind="danger" block disabled={busy} onClick={() => void save()} data-testid="driver-fail-save">
        {t("drop.saveFailure")}
      </Button>
    </Card>
  );
}
