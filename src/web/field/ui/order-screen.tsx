// Taking an order from the phone's catalogue and the outlet's price book: find a SKU (Bengali or Latin, or its
// code), add it in cases or pieces, or add the suggested order in one tap (the outlet's forecast until the next
// visit less its audited stock, each line with its reason; else its usual order); must-sell SKUs are marked. The
// running total (VAT included) is the shared pricing code's, with the trade schemes of the last pull applied by the
// shared scheme engine: each line shows what a scheme took off, free goods show as lines of their own. The server
// prices the order again at sync and its price stands. The memo survives a reload until it is saved.
import { useEffect, useMemo, useRef, useState } from "react";
import type { FieldSku } from "../../../shared/contracts/field.ts";
import { useLocaleState } from "../i18n/field-i18n.ts";
import { openVisit } from "../model/beat-plan.ts";
import {
  addAll,
  addToLines,
  type OrderLineDraft,
  priceDraft,
  priceIndex,
  searchSkus,
  setLineQty,
  setLineUnit,
  suggestedOrder,
  suggestionReason,
  unitsLargestFirst,
} from "../model/order-lines.ts";
import { placeOrder, saveOrderDraft } from "../store/field-actions.ts";
import { editedVisitId, useFieldData } from "./field-data.tsx";
import { navigate } from "./field-router.ts";
import { QtyInput } from "./qty-input.tsx";
import { Badge, Button, Card, issuesByField, localName, Notice, outletName, ScreenTitle } from "./ui-kit.tsx";
import { useFieldFormat } from "./use-field-format.ts";

export function unitName(sku: FieldSku, unit: string, locale: "bn" | "en"): string {
  const u = sku.units.find((x) => x.unit === unit);
  return u ? (locale === "bn" ? u.nameBn || u.name : u.name) : unit;
}

export function OrderScreen(props: { outletId: string; editId?: string | undefined }) {
  const { t, locale } = useLocaleState();
  const fmt = useFieldFormat();
  const data = useFieldData();
  const outlet = data.outlets.get(props.outletId);
  const editing = props.editId ? data.attention.find((e) => e.id === props.editId) : undefined;
  const [lines, setLines] = useState<OrderLineDraft[] | null>(null);
  const [query, setQuery] = useState("");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const loadedFor = useRef<string | null>(null);

  // Start from the refused command being edited, else from the draft this phone kept, else empty.
  useEffect(() => {
    const key = `${props.outletId}:${props.editId ?? ""}`;
    if (loadedFor.current === key) return;
    loadedFor.current = key;
    void (async () => {
      if (editing?.command.kind === "order.place") {
        setLines(editing.command.payload.lines.map((l) => ({ skuId: l.skuId, unit: l.unit, qty: l.qty })));
        setNote(editing.command.payload.note ?? "");
        return;
      }
      setLines((await data.db.getMeta(`orderDraft:${props.outletId}`)) ?? []);
    })();
  }, [props.outletId, props.editId, editing, data.db]);

  const update = (next: OrderLineDraft[]) => {
    setLines(next);
    if (!editing) void saveOrderDraft(data.db, props.outletId, next);
  };

  const book = outlet?.priceBookKey ? data.priceBooks.get(outlet.priceBookKey) : undefined;
  const prices = useMemo(() => priceIndex(book), [book]);
  const sellable = useMemo(() => data.skuList.filter((s) => prices.has(s.id)), [data.skuList, prices]);
  const results = useMemo(() => searchSkus(sellable, query, data.mustSell), [sellable, query, data.mustSell]);
  const schemes = useMemo(
    () =>
      outlet
        ? { schemes: data.schemes, exhaustedIds: data.exhaustedSchemeIds, outlet, orderDate: data.today }
        : undefined,
    [outlet, data.schemes, data.exhaustedSchemeIds, data.today],
  );
  const priced = useMemo(
    () => priceDraft(lines ?? [], data.skus, prices, schemes),
    [lines, data.skus, prices, schemes],
  );
  const suggested = useMemo(
    () => (outlet ? suggestedOrder(outlet, data.skus, prices) : { source: "usual" as const, lines: [] }),
    [outlet, data.skus, prices],
  );
  const outOfStock = useMemo(() => new Set(outlet?.lastAuditOutOfStockSkuIds ?? []), [outlet]);

  if (!outlet) return <Notice tone="warn">{t("outlet.missingHint")}</Notice>;
  const visit = openVisit(data.visits.filter((v) => v.outletId === outlet.id));
  const back = () => navigate(editing ? { name: "sync" } : { name: "outlet", outletId: outlet.id });

  const save = async () => {
    if (!lines || !priced.complete) return;
    setBusy(true);
    setErrors({});
    try {
      const result = await placeOrder(
        { db: data.db, userId: data.userId },
        {
          outletId: outlet.id,
          // An edited command keeps the visit it was taken in.
          visitId: editing ? (editedVisitId(editing) ?? null) : (visit?.id ?? null),
          lines,
          expectedTotalPoisha: priced.totals.totalPoisha,
          ...(note.trim() && { note: note.trim() }),
        },
        editing,
      );
      if (!result.ok) {
        setErrors(issuesByField(result.issues, t, fmt));
        return;
      }
      navigate(editing ? { name: "sync" } : { name: "outlet", outletId: outlet.id }, { replace: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack order-screen" data-testid="field-order">
      <ScreenTitle
        title={t("order.title")}
        subtitle={outletName(outlet, locale)}
        onBack={back}
        backLabel={t("app.back")}
      />
      {editing ? <Notice tone="error">{editing.error.message}</Notice> : null}
      {!book ? <Notice tone="error">{t("order.noPriceBook")}</Notice> : null}
      {!visit && !editing ? <Notice tone="info">{t("order.noVisit")}</Notice> : null}
      {suggested.lines.length > 0 ? (
        <Card testId="field-suggested">
          <h2 data-source={suggested.source}>
            {t(suggested.source === "forecast" ? "order.suggestedForecast" : "order.suggested")}
          </h2>
          {suggested.source === "forecast" ? (
            <>
              <p className="muted small">{t("order.suggestedForecastHint")}</p>
              <ul className="plain-list">
                {suggested.lines.map((l) => {
                  const sku = data.skus.get(l.skuId);
                  return sku ? (
                    <li key={`${l.skuId}:${l.unit}`} data-testid="field-suggested-line" data-sku-id={l.skuId}>
                      <span>
                        {localName(sku, locale)} × {fmt.number(l.qty)} {unitName(sku, l.unit, locale)}
                      </span>
                      {l.reason ? (
                        <span className="muted small" data-testid="field-suggested-reason">
                          {" "}
                          {suggestionReason(l.reason, t, fmt)}
                        </span>
                      ) : null}
                    </li>
                  ) : null;
                })}
              </ul>
            </>
          ) : (
            <p className="muted small">
              {suggested.lines
                .map((l) => {
                  const sku = data.skus.get(l.skuId);
                  return sku ? `${localName(sku, locale)} × ${fmt.number(l.qty)} ${unitName(sku, l.unit, locale)}` : "";
                })
                .join(" · ")}
            </p>
          )}
          <Button
            kind="secondary"
            block
            onClick={() => update(addAll(lines ?? [], suggested.lines))}
            data-testid="field-add-suggested"
          >
            {t(suggested.source === "forecast" ? "order.addSuggestedForecast" : "order.addSuggested", {
              count: fmt.number(suggested.lines.length),
            })}
          </Button>
        </Card>
      ) : null}
      <input
        className="input search"
        type="search"
        placeholder={t("order.search")}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="field-sku-search"
      />
      <ul className="sku-results">
        {results.map((sku) => {
          const price = prices.get(sku.id);
          return (
            <li
              key={sku.id}
              className={`sku-row ${data.mustSell.has(sku.id) ? "must-sell" : ""}`}
              data-testid="field-sku-result"
              data-sku-id={sku.id}
              data-sku-code={sku.code}
            >
              <div className="sku-info">
                <span className="sku-name">
                  {data.mustSell.has(sku.id) ? (
                    <span className="star" title={t("order.mustSell")}>
                      ★{" "}
                    </span>
                  ) : null}
                  {localName(sku, locale)}
                </span>
                <span className="muted small">
                  {sku.code} ·{" "}
                  {price ? `${fmt.money(price.unitPricePoisha)}/${unitName(sku, sku.baseUnit, locale)}` : ""}
                  {outOfStock.has(sku.id) ? ` · ${t("order.wasOutOfStock")}` : ""}
                </span>
              </div>
              <div className="unit-buttons">
                {unitsLargestFirst(sku).map((u) => (
                  <Button
                    key={u.unit}
                    kind="secondary"
                    onClick={() => update(addToLines(lines ?? [], sku.id, u.unit, 1))}
                    data-testid="field-add-unit"
                    data-unit={u.unit}
                  >
                    +{locale === "bn" ? u.nameBn || u.name : u.name}
                  </Button>
                ))}
              </div>
            </li>
          );
        })}
        {results.length === 0 ? <li className="muted">{t("order.noSkus")}</li> : null}
      </ul>
      <Card testId="field-order-lines">
        <h2>{t("order.memo", { count: fmt.number(priced.lines.length) })}</h2>
        {priced.lines.length === 0 ? <p className="muted">{t("order.empty")}</p> : null}
        <ul className="plain-list">
          {priced.lines.map((l, i) => (
            <li
              key={`${l.line.skuId}:${l.line.unit}`}
              className="line-row"
              data-testid="field-order-line"
              data-sku-id={l.line.skuId}
            >
              <div className="line-head">
                <span className="line-name">
                  {l.sku && data.mustSell.has(l.sku.id) ? <span className="star">★ </span> : null}
                  {l.sku ? localName(l.sku, locale) : l.line.skuId}
                  {!l.priced ? <Badge tone="error">{t("order.noPrice")}</Badge> : null}
                </span>
                <span className="line-total">{l.priced ? fmt.money(l.priced.totalPoisha) : "—"}</span>
              </div>
              {l.priced?.adjustments.map((a) => (
                <div
                  key={`${a.schemeId}:${a.kind}`}
                  className="muted small line-scheme"
                  data-testid="field-line-scheme"
                  data-scheme-id={a.schemeId}
                  data-poisha={a.poisha}
                >
                  {locale === "bn" ? a.label.bn : a.label.en} · −{fmt.money(a.poisha)}
                </div>
              ))}
              <div className="line-controls">
                <Button kind="ghost" onClick={() => update(setLineQty(lines ?? [], i, l.line.qty - 1))} aria-label="−">
                  −
                </Button>
                <QtyInput
                  value={l.line.qty}
                  onChange={(q) => {
                    // 0 while typing is not a removal: the − button or an emptied line removes it.
                    if (q !== null && q > 0) update(setLineQty(lines ?? [], i, q));
                  }}
                  label={t("order.qty")}
                  testId="field-line-qty"
                />
                <Button kind="ghost" onClick={() => update(setLineQty(lines ?? [], i, l.line.qty + 1))} aria-label="+">
                  +
                </Button>
                {l.sku ? (
                  <select
                    className="input unit"
                    value={l.line.unit}
                    onChange={(e) => update(setLineUnit(lines ?? [], i, e.target.value))}
                    data-testid="field-line-unit"
                    aria-label={t("order.unit")}
                  >
                    {unitsLargestFirst(l.sku).map((u) => (
                      <option key={u.unit} value={u.unit}>
                        {locale === "bn" ? u.nameBn || u.name : u.name}
                      </option>
                    ))}
                  </select>
                ) : null}
              </div>
            </li>
          ))}
          {priced.free.map((f) => (
            <li
              key={`free:${f.schemeId}:${f.priced.skuId}`}
              className="line-row free-line"
              data-testid="field-free-line"
              data-sku-id={f.priced.skuId}
              data-scheme-id={f.schemeId}
            >
              <div className="line-head">
                <span className="line-name">
                  <Badge tone="ok">{t("order.free")}</Badge> {f.sku ? localName(f.sku, locale) : f.priced.skuId} ×{" "}
                  {fmt.number(f.priced.qty)} {f.sku ? unitName(f.sku, f.sku.baseUnit, locale) : ""}
                </span>
                <span className="line-total">{fmt.money(f.priced.totalPoisha)}</span>
              </div>
              {f.priced.adjustments.map((a) => (
                <div key={`${a.schemeId}:${a.kind}`} className="muted small line-scheme">
                  {locale === "bn" ? a.label.bn : a.label.en}
                </div>
              ))}
            </li>
          ))}
        </ul>
        {data.schemes.length > 0 && priced.lines.length > 0 ? (
          <p className="muted small" data-testid="field-schemes-note">
            {t("order.schemesOffline")}
          </p>
        ) : null}
        <div className="totals">
          <span>{t("order.subtotal")}</span>
          <span>{fmt.money(priced.totals.subtotalPoisha)}</span>
          {priced.totals.discountPoisha > 0 ? (
            <>
              <span>{t("order.schemeDiscount")}</span>
              <span data-testid="field-order-discount" data-poisha={priced.totals.discountPoisha}>
                −{fmt.money(priced.totals.discountPoisha)}
              </span>
            </>
          ) : null}
          <span>{t("order.vat")}</span>
          <span>{fmt.money(priced.totals.vatPoisha)}</span>
          <strong>{t("order.total")}</strong>
          <strong data-testid="field-order-total" data-poisha={priced.totals.totalPoisha}>
            {fmt.money(priced.totals.totalPoisha)}
          </strong>
        </div>
        <input
          className="input"
          placeholder={t("order.note")}
          value={note}
          maxLength={500}
          onChange={(e) => setNote(e.target.value)}
        />
        {Object.values(errors).length > 0 ? <Notice tone="error">{Object.values(errors).join(" · ")}</Notice> : null}
        <Button
          kind="primary"
          block
          disabled={busy || !priced.complete}
          onClick={() => void save()}
          data-testid="field-order-save"
        >
          {editing ? t("app.resend") : t("order.save")}
        </Button>
      </Card>
    </div>
  );
}
