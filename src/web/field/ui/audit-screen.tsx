// The shelf audit: how many of each SKU the outlet holds (0 = out of stock). Must-sell SKUs come first and
// stand out; only the SKUs counted are sent.
import { useEffect, useMemo, useRef, useState } from "react";
import { useLocaleState } from "../i18n/field-i18n.ts";
import { openVisit } from "../model/beat-plan.ts";
import { searchSkus } from "../model/order-lines.ts";
import { recordStockAudit } from "../store/field-actions.ts";
import { editedVisitId, useFieldData } from "./field-data.tsx";
import { navigate } from "./field-router.ts";
import { QtyInput } from "./qty-input.tsx";
import { Button, Card, issuesByField, localName, Notice, outletName, ScreenTitle } from "./ui-kit.tsx";
import { useFieldFormat } from "./use-field-format.ts";

export function AuditScreen(props: { outletId: string; editId?: string | undefined }) {
  const { t, locale } = useLocaleState();
  const fmt = useFieldFormat();
  const data = useFieldData();
  const outlet = data.outlets.get(props.outletId);
  const editing = props.editId ? data.attention.find((e) => e.id === props.editId) : undefined;
  const [counts, setCounts] = useState<Map<string, number>>(new Map());
  const [query, setQuery] = useState("");
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const prefilled = useRef(false);

  useEffect(() => {
    if (prefilled.current || editing?.command.kind !== "stock_audit.record") return;
    prefilled.current = true;
    setCounts(new Map(editing.command.payload.lines.map((l) => [l.skuId, l.qty])));
  }, [editing]);

  const mustSell = useMemo(() => data.skuList.filter((s) => data.mustSell.has(s.id)), [data.skuList, data.mustSell]);
  const others = useMemo(
    () =>
      searchSkus(
        data.skuList.filter((s) => !data.mustSell.has(s.id)),
        query,
        data.mustSell,
        60,
      ),
    [data.skuList, data.mustSell, query],
  );

  if (!outlet) return <Notice tone="warn">{t("outlet.missingHint")}</Notice>;
  const visit = openVisit(data.visits.filter((v) => v.outletId === outlet.id));

  const set = (skuId: string, qty: number | null) =>
    setCounts((c) => {
      const next = new Map(c);
      if (qty === null) next.delete(skuId);
      else next.set(skuId, qty);
      return next;
    });

  const save = async () => {
    setBusy(true);
    try {
      const result = await recordStockAudit(
        { db: data.db, userId: data.userId },
        {
          outletId: outlet.id,
          // An edited command keeps the visit it was taken in.
          visitId: editing ? (editedVisitId(editing) ?? null) : (visit?.id ?? null),
          lines: [...counts].map(([skuId, qty]) => ({ skuId, qty })),
        },
        editing,
      );
      if (!result.ok) {
        setErrors(Object.values(issuesByField(result.issues, t, fmt)));
        return;
      }
      navigate(editing ? { name: "sync" } : { name: "outlet", outletId: outlet.id }, { replace: true });
    } finally {
      setBusy(false);
    }
  };

  const row = (skuId: string, must: boolean) => {
    const sku = data.skus.get(skuId);
    if (!sku) return null;
    const qty = counts.get(skuId) ?? null;
    return (
      <li
        key={skuId}
        className={`audit-row ${must ? "must-sell" : ""} ${qty === 0 ? "oos" : ""}`}
        data-testid="field-audit-row"
        data-sku-code={sku.code}
      >
        <span className="sku-info">
          <span className="sku-name">
            {must ? <span className="star">★ </span> : null}
            {localName(sku, locale)}
          </span>
          <span className="muted small">
            {sku.code} · {qty === null ? t("audit.notCounted") : qty === 0 ? t("audit.outOfStock") : ""}
          </span>
        </span>
        <Button kind={qty === 0 ? "danger" : "ghost"} onClick={() => set(skuId, 0)} data-testid="field-audit-zero">
          {t("audit.none")}
        </Button>
        <QtyInput
          value={qty}
          allowEmpty
          onChange={(q) => set(skuId, q)}
          label={t("audit.qty")}
          testId="field-audit-qty"
        />
      </li>
    );
  };

  return (
    <div className="stack" data-testid="field-audit">
      <ScreenTitle
        title={t("audit.title")}
        subtitle={outletName(outlet, locale)}
        onBack={() => navigate(editing ? { name: "sync" } : { name: "outlet", outletId: outlet.id })}
        backLabel={t("app.back")}
      />
      {editing ? <Notice tone="error">{editing.error.message}</Notice> : null}
      <p className="muted small">{t("audit.hint")}</p>
      {mustSell.length > 0 ? (
        <Card>
          <h2>★ {t("audit.mustSell")}</h2>
          <ul className="plain-list">{mustSell.map((s) => row(s.id, true))}</ul>
        </Card>
      ) : null}
      <Card>
        <h2>{t("audit.others")}</h2>
        <input
          className="input"
          type="search"
          placeholder={t("order.search")}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <ul className="plain-list">{others.map((s) => row(s.id, false))}</ul>
      </Card>
      {errors.length > 0 ? <Notice tone="error">{errors.join(" · ")}</Notice> : null}
      <Button
        kind="primary"
        block
        disabled={busy || counts.size === 0}
        onClick={() => void save()}
        data-testid="field-audit-save"
      >
        {editing ? t("app.resend") : t("audit.save", { count: fmt.number(counts.size) })}
      </Button>
    </div>
  );
}
