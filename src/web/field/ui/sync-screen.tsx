// The outbox in plain sight: what the server refused (first, with its message and what the rep can do: edit and
// send again, send again, or discard), what is still waiting, and what went through lately (order and receipt
// numbers, and the server's warnings).
import type { FieldCommand } from "../../../shared/contracts/field.ts";
import { type FieldKey, useLocaleState } from "../i18n/field-i18n.ts";
import { discardRejected, resendRejected } from "../store/field-actions.ts";
import type { AttentionEntry } from "../store/field-db.ts";
import { requestSync } from "../sync/sync-scheduler.ts";
import { resultText, useFieldData } from "./field-data.tsx";
import { type FieldRoute, navigate } from "./field-router.ts";
import { Badge, Button, Card, Notice, outletName, ScreenTitle } from "./ui-kit.tsx";
import { useOnline, useSyncStatus } from "./use-connectivity.ts";
import { useFieldFormat } from "./use-field-format.ts";

const KIND_LABEL: Record<FieldCommand["kind"], FieldKey> = {
  "day.start": "kinds.dayStart",
  "day.end": "kinds.dayEnd",
  "visit.check_in": "kinds.checkIn",
  "visit.check_out": "kinds.checkOut",
  "order.place": "kinds.order",
  "stock_audit.record": "kinds.audit",
  "payment.collect": "kinds.payment",
  "outlet.propose": "kinds.outlet",
  "beat.reorder": "kinds.reorder",
};

/** The outlet a command is about, when it names one. */
function outletIdOf(command: FieldCommand): string | null {
  const p = command.payload as { outletId?: unknown };
  return typeof p.outletId === "string" ? p.outletId : null;
}

/** Where a refused command can be corrected: the screen it came from, filled in with it. */
function editRoute(entry: AttentionEntry): FieldRoute | null {
  const c = entry.command;
  switch (c.kind) {
    case "order.place":
      return { name: "order", outletId: c.payload.outletId, edit: entry.id };
    case "stock_audit.record":
      return { name: "audit", outletId: c.payload.outletId, edit: entry.id };
    case "payment.collect":
      return { name: "collect", outletId: c.payload.outletId, edit: entry.id };
    case "outlet.propose":
      return { name: "onboard", edit: entry.id };
    default:
      return null;
  }
}

export function SyncScreen() {
  const { t, locale } = useLocaleState();
  const fmt = useFieldFormat();
  const data = useFieldData();
  const online = useOnline();
  const sync = useSyncStatus();
  const ctx = { db: data.db, userId: data.userId };

  const what = (command: FieldCommand) => {
    const outletId = command.kind === "outlet.propose" ? null : outletIdOf(command);
    const outlet = outletId ? data.outlets.get(outletId) : undefined;
    const name =
      command.kind === "outlet.propose"
        ? command.payload.nameBn || command.payload.name
        : outlet
          ? outletName(outlet, locale)
          : "";
    return (
      <>
        <strong>{t(KIND_LABEL[command.kind])}</strong>
        {name ? ` · ${name}` : ""} <span className="muted small">{fmt.time(command.at)}</span>
      </>
    );
  };

  return (
    <div className="stack" data-testid="field-sync">
      <ScreenTitle title={t("sync.title")} />
      <Card>
        <p data-testid="field-sync-status">
          {sync.running
            ? t("sync.running")
            : !online
              ? t("sync.offlineWaiting", { count: fmt.number(data.outbox.length) })
              : sync.last?.stoppedBy === "blocked"
                ? (sync.last.message ?? t("sync.failed"))
                : sync.last?.stoppedBy === "server"
                  ? t("sync.failed")
                  : sync.lastSuccessAt
                    ? t("sync.lastAt", { time: fmt.time(sync.lastSuccessAt) })
                    : t("sync.never")}
        </p>
        {data.snapshot ? (
          <p className="muted small">{t("sync.pulledAt", { time: fmt.dateTime(data.snapshot.pulledAt) })}</p>
        ) : null}
        <Button
          kind="primary"
          block
          disabled={!online || sync.running}
          onClick={requestSync}
          data-testid="field-sync-now"
        >
          {t("sync.now")}
        </Button>
      </Card>

      {data.attention.length > 0 ? (
        <Card className="attention" testId="field-attention">
          <h2>{t("sync.attentionTitle", { count: fmt.number(data.attention.length) })}</h2>
          <p className="muted small">{t("sync.attentionHint")}</p>
          <ul className="plain-list">
            {data.attention.map((entry) => {
              const edit = editRoute(entry);
              return (
                <li
                  key={entry.id}
                  data-testid="field-attention-item"
                  data-kind={entry.command.kind}
                  data-code={entry.error.code}
                >
                  <div>{what(entry.command)}</div>
                  <Notice tone="error">{entry.error.message || entry.error.code}</Notice>
                  <div className="toolbar">
                    {edit ? (
                      <Button kind="primary" onClick={() => navigate(edit)} data-testid="field-attention-edit">
                        {t("sync.edit")}
                      </Button>
                    ) : (
                      <Button
                        kind="primary"
                        onClick={() => void resendRejected(ctx, entry)}
                        data-testid="field-attention-resend"
                      >
                        {t("app.resend")}
                      </Button>
                    )}
                    <Button
                      kind="danger"
                      onClick={() => {
                        if (window.confirm(t("sync.discardConfirm"))) void discardRejected(ctx, entry);
                      }}
                      data-testid="field-attention-discard"
                    >
                      {t("sync.discard")}
                    </Button>
                  </div>
                </li>
              );
            })}
          </ul>
        </Card>
      ) : null}

      <Card testId="field-outbox">
        <h2>{t("sync.waitingTitle", { count: fmt.number(data.outbox.length) })}</h2>
        {data.outbox.length === 0 ? <p className="muted">{t("sync.nothingWaiting")}</p> : null}
        <ul className="plain-list">
          {data.outbox.map((e) => (
            <li key={e.id} data-testid="field-outbox-item">
              {what(e.command)}
              {e.attempts > 0 ? (
                <Badge tone="warn">{t("sync.attempts", { count: fmt.number(e.attempts) })}</Badge>
              ) : null}
            </li>
          ))}
        </ul>
      </Card>

      {data.history.length > 0 ? (
        <Card testId="field-history">
          <h2>{t("sync.historyTitle")}</h2>
          <ul className="plain-list">
            {data.history.slice(0, 50).map((h) => {
              const number = resultText(h, "orderNumber", "receiptNumber", "number", "code");
              return (
                <li key={h.id} data-testid="field-history-item">
                  {what(h.command)}{" "}
                  {number ? <Badge tone="ok">{number}</Badge> : <Badge tone="ok">{t("sync.stateSynced")}</Badge>}
                  {h.warnings.map((w) => (
                    <Notice key={w.code} tone="warn" testId="field-history-warning">
                      {w.message}
                    </Notice>
                  ))}
                </li>
              );
            })}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
