// Collecting against the outlet's dues (cash, mobile money, cheque, bank) and the receipt shown on the screen:
// provisional, with the phone's number, until the server has it and gives its money-receipt number.
import { useEffect, useRef, useState } from "react";
import { PAYMENT_METHODS } from "../../../shared/contracts/orders.ts";
import { useLocaleState } from "../i18n/field-i18n.ts";
import { openVisit } from "../model/beat-plan.ts";
import { parseTaka, takaInputText } from "../model/money-input.ts";
import { collectPayment } from "../store/field-actions.ts";
import { StateBadge } from "./command-badges.tsx";
import { commandState, editedVisitId, resultText, useFieldData } from "./field-data.tsx";
import { navigate } from "./field-router.ts";
import { Button, Card, issuesByField, LabeledField, Notice, outletName, ScreenTitle, Stat } from "./ui-kit.tsx";
import { useFieldFormat } from "./use-field-format.ts";

export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export function CollectScreen(props: { outletId: string; editId?: string | undefined }) {
  const { t, locale } = useLocaleState();
  const fmt = useFieldFormat();
  const data = useFieldData();
  const outlet = data.outlets.get(props.outletId);
  const editing = props.editId ? data.attention.find((e) => e.id === props.editId) : undefined;
  const [method, setMethod] = useState<PaymentMethod>("cash");
  const [amount, setAmount] = useState("");
  const [reference, setReference] = useState("");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const prefilled = useRef(false);

  useEffect(() => {
    if (prefilled.current || editing?.command.kind !== "payment.collect") return;
    prefilled.current = true;
    const p = editing.command.payload;
    setMethod(p.method);
    setAmount(takaInputText(p.amountPoisha));
    setReference(p.reference ?? "");
    setNote(p.note ?? "");
  }, [editing]);

  if (!outlet) return <Notice tone="warn">{t("outlet.missingHint")}</Notice>;
  const visit = openVisit(data.visits.filter((v) => v.outletId === outlet.id));
  const poisha = parseTaka(amount);

  const save = async () => {
    if (poisha === null) {
      setErrors({ amountPoisha: t("collect.badAmount") });
      return;
    }
    setBusy(true);
    try {
      const result = await collectPayment(
        { db: data.db, userId: data.userId },
        {
          outletId: outlet.id,
          // An edited command keeps the visit it was taken in.
          visitId: editing ? (editedVisitId(editing) ?? null) : (visit?.id ?? null),
          method,
          reference: method === "cash" ? "" : reference,
          amountPoisha: poisha,
          ...(note.trim() && { note: note.trim() }),
        },
        editing,
      );
      if (!result.ok) {
        setErrors(issuesByField(result.issues, t, fmt));
        return;
      }
      navigate({ name: "receipt", paymentId: result.value }, { replace: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack" data-testid="field-collect-screen">
      <ScreenTitle
        title={t("collect.title")}
        subtitle={outletName(outlet, locale)}
        onBack={() => navigate(editing ? { name: "sync" } : { name: "outlet", outletId: outlet.id })}
        backLabel={t("app.back")}
      />
      {editing ? <Notice tone="error">{editing.error.message}</Notice> : null}
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
      </div>
      <Card>
        <fieldset className="reasons">
          <legend>{t("collect.method")}</legend>
          {PAYMENT_METHODS.map((m) => (
            <label key={m} className={`choice ${method === m ? "choice-on" : ""}`} data-testid={`field-method-${m}`}>
              <input type="radio" name="method" value={m} checked={method === m} onChange={() => setMethod(m)} />
              {t(`methods.${m}`)}
            </label>
          ))}
        </fieldset>
        <LabeledField label={t("collect.amount")} error={errors.amountPoisha}>
          <input
            className="input"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            placeholder="৳"
            data-testid="field-collect-amount"
          />
        </LabeledField>
        {outlet.duesPoisha > 0 ? (
          <Button kind="ghost" onClick={() => setAmount(takaInputText(outlet.duesPoisha))}>
            {t("collect.fullDues", { amount: fmt.money(outlet.duesPoisha) })}
          </Button>
        ) : null}
        {method !== "cash" ? (
          <LabeledField label={t("collect.reference")} error={errors.reference}>
            <input
              className="input"
              value={reference}
              maxLength={60}
              onChange={(e) => setReference(e.target.value)}
              data-testid="field-collect-reference"
            />
          </LabeledField>
        ) : null}
        <LabeledField label={t("collect.note")}>
          <input className="input" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
        </LabeledField>
        {errors._ ? <Notice tone="error">{errors._}</Notice> : null}
        <Button kind="primary" block disabled={busy} onClick={() => void save()} data-testid="field-collect-save">
          {editing ? t("app.resend") : t("collect.save")}
        </Button>
      </Card>
    </div>
  );
}

export function ReceiptScreen(props: { paymentId: string }) {
  const { t, locale } = useLocaleState();
  const fmt = useFieldFormat();
  const data = useFieldData();
  const payment = data.payments.find((p) => p.id === props.paymentId);
  if (!payment) return <Notice tone="warn">{t("collect.receiptMissing")}</Notice>;
  const outlet = data.outlets.get(payment.outletId);
  const st = commandState(data, payment.commandId);
  const number = st.state === "synced" ? resultText(st.entry, "receiptNumber", "number") : null;
  return (
    <div className="stack" data-testid="field-receipt">
      <ScreenTitle
        title={t("collect.receipt")}
        onBack={() => navigate({ name: "outlet", outletId: payment.outletId })}
        backLabel={t("app.back")}
      />
      <Card className="receipt">
        <p className="receipt-org">{data.session.orgName}</p>
        {number ? (
          <p data-testid="field-receipt-number">
            {t("collect.receiptNumber")}: <strong>{number}</strong>
          </p>
        ) : (
          <p data-testid="field-receipt-provisional">
            {t("collect.provisional")}: <strong>{payment.id.slice(-8).toUpperCase()}</strong>
          </p>
        )}
        <p>{outlet ? outletName(outlet, locale) : ""}</p>
        <p className="receipt-amount">{fmt.money(payment.amountPoisha)}</p>
        <p>
          {t(`methods.${payment.method as PaymentMethod}`)}
          {payment.reference ? ` · ${payment.reference}` : ""}
        </p>
        <p className="muted small">
          {fmt.dateTime(payment.createdAt)} · {data.session.name}
        </p>
        <StateBadge state={st} />
        {st.state === "attention" ? <Notice tone="error">{st.entry.error.message}</Notice> : null}
        {!number && st.state !== "attention" ? <p className="muted small">{t("collect.provisionalHint")}</p> : null}
      </Card>
      <Button
        kind="primary"
        block
        onClick={() => navigate({ name: "outlet", outletId: payment.outletId })}
        data-testid="field-receipt-done"
      >
        {t("app.done")}
      </Button>
    </div>
  );
}
