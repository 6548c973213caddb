// /print/orders/$orderId?doc=memo|challan|invoice&size=A4|A5&lang=bn|en — outside the app's chrome.
// The cash memo, the delivery challan (quantities, no prices, signature boxes), and for a VAT-registered
// distributor the Bangladesh VAT invoice (Mushak-6.3): seller and buyer with BIN, date and time of issue,
// per line the value without VAT, the VAT rate and amount and the value with VAT, and the total in words.
import "./order-print.css";
import { Anchor, Button, Group, SegmentedControl, Text } from "@mantine/core";
import { getRouteApi, Link } from "@tanstack/react-router";
import type { TFunction } from "i18next";
import { useContext, useMemo } from "react";
import { amountInWords } from "../../../shared/amount-in-words.ts";
import type { Locale } from "../../../shared/locale.ts";
import { i18n } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { type Formatters, formattersFor } from "../../ui/use-format.ts";
import { MeContext } from "../auth/use-session.ts";
import { adjustmentTexts, lineSchemes } from "../promotions/line-schemes.tsx";
import { type OrderDocument, useOrderDocument } from "./use-secondary-orders.ts";

export type PrintDoc = "memo" | "challan" | "invoice";
export type PaperSize = "A4" | "A5";
export interface PrintSearch {
  doc: PrintDoc;
  size: PaperSize;
  lang: Locale;
}

const route = getRouteApi("/print/orders/$orderId");

type Line = OrderDocument["order"]["lines"][number];

/** Quantities print in the unit they were ordered in; the price per that unit is exact (factor x base price). */
function asEntered(l: Line) {
  const factor = l.enteredQty > 0 ? Math.max(1, Math.round(l.qty / l.enteredQty)) : 1;
  return { qty: l.enteredQty, unit: l.enteredUnit, unitPricePoisha: l.unitPricePoisha * factor };
}

export function OrderPrintPage() {
  const { orderId } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const me = useContext(MeContext);
  const doc = useOrderDocument(orderId);
  const lang = search.lang;
  const t = useMemo(() => i18n.getFixedT(lang), [lang]);
  const fmt = useMemo(() => formattersFor(lang, me?.bengaliDigits ?? true), [lang, me?.bengaliDigits]);
  const set = (patch: Partial<PrintSearch>) =>
    void navigate({ search: (s: PrintSearch) => ({ ...s, ...patch }), replace: true });
  const kind: PrintDoc = search.doc === "invoice" && doc.data && !doc.data.vatInvoice ? "memo" : search.doc;

  return (
    <div className="print-page" data-testid="print-page">
      <style>{`@page { size: ${search.size}; margin: ${search.size === "A5" ? "8mm" : "12mm"}; }`}</style>
      <Group className="no-print" justify="center" gap="sm" wrap="wrap">
        <Anchor component={Link} to={`/orders/${orderId}`} size="sm">
          ← {t("orders.print.back")}
        </Anchor>
        <SegmentedControl
          value={kind}
          onChange={(v) => set({ doc: v as PrintDoc })}
          data={[
            { value: "memo", label: t("orders.print.memo") },
            { value: "challan", label: t("orders.print.challan") },
            { value: "invoice", label: t("orders.print.invoice"), disabled: doc.data ? !doc.data.vatInvoice : false },
          ]}
          data-testid="print-doc"
        />
        <SegmentedControl
          value={search.size}
          onChange={(v) => set({ size: v === "A5" ? "A5" : "A4" })}
          data={["A4", "A5"]}
          data-testid="print-size"
        />
        <SegmentedControl
          value={lang}
          onChange={(v) => set({ lang: v === "en" ? "en" : "bn" })}
          data={[
            { value: "bn", label: "বাংলা" },
            { value: "en", label: "English" },
          ]}
          data-testid="print-lang"
        />
        <Button size="xs" onClick={() => window.print()} data-testid="print-now">
          {t("orders.print.print")}
        </Button>
      </Group>
      {search.doc === "invoice" && doc.data && !doc.data.vatInvoice ? (
        <Text className="no-print" ta="center" size="sm" c="dimmed" mt="xs">
          {t("orders.print.notVatRegistered")}
        </Text>
      ) : null}
      <ErrorAlert error={doc.error} />
      {doc.data ? (
        <div className="print-sheet" data-size={search.size} data-doc={kind} data-testid="print-sheet" lang={lang}>
          {kind === "invoice" ? (
            <MushakInvoice d={doc.data} t={t} fmt={fmt} lang={lang} />
          ) : kind === "challan" ? (
            <Challan d={doc.data} t={t} fmt={fmt} lang={lang} />
          ) : (
            <CashMemo d={doc.data} t={t} fmt={fmt} lang={lang} />
          )}
        </div>
      ) : null}
    </div>
  );
}

interface DocProps {
  d: OrderDocument;
  t: TFunction;
  fmt: Formatters;
  lang: Locale;
}

const name = (r: { name: string; nameBn: string | null }, lang: Locale) =>
  lang === "bn" && r.nameBn ? r.nameBn : r.name;
const unitName = (t: TFunction, unit: string) => t(`orders.units.${unit}`, { defaultValue: unit });
/** Amount columns say "(Tk)" in their heading; the cells show the figure alone. */
const taka = (fmt: Formatters, poisha: number) => fmt.money(poisha).replace("৳", "");

function SellerHeader({ d, t, lang, title }: DocProps & { title: string }) {
  return (
    <div className="center">
      <h1>{name(d.distributor, lang)}</h1>
      <div className="muted">{d.distributor.address}</div>
      <div className="muted">
        {t("orders.print.phone")}: {d.distributor.phone}
        {d.distributor.bin ? ` · ${t("orders.print.bin")}: ${d.distributor.bin}` : ""}
      </div>
      <div className="muted">
        {t("orders.print.distributorOf", { org: name({ name: d.org.name, nameBn: d.org.nameBn }, lang) })}
      </div>
      <h2>{title}</h2>
    </div>
  );
}

function Parties({ d, t, fmt, lang }: DocProps) {
  const o = d.order;
  return (
    <div className="parties">
      <div className="box">
        <div>
          <b>{t("orders.print.customer")}:</b> {name(d.outlet, lang)} ({d.outlet.code})
        </div>
        <div>
          {t("orders.print.owner")}: {d.outlet.ownerName}
        </div>
        <div>{d.outlet.address}</div>
        {d.outlet.phone ? (
          <div>
            {t("orders.print.phone")}: {d.outlet.phone}
          </div>
        ) : null}
      </div>
      <div className="box">
        <div>
          <b>{t("orders.print.memoNo")}:</b> {o.number}
        </div>
        {o.invoiceNumber ? (
          <div>
            {t("orders.print.invoiceNo")}: {o.invoiceNumber}
          </div>
        ) : null}
        <div>
          {t("orders.print.date")}: {fmt.date(o.orderDate)}
        </div>
        {o.repName ? (
          <div>
            {t("orders.print.rep")}: {o.repName}
          </div>
        ) : null}
      </div>
    </div>
  );
}

function Signatures({ labels }: { labels: string[] }) {
  return (
    <div className="signatures">
      {labels.map((l) => (
        <div key={l}>{l}</div>
      ))}
    </div>
  );
}

function CashMemo(p: DocProps) {
  const { d, t, fmt, lang } = p;
  const o = d.order;
  return (
    <>
      <SellerHeader {...p} title={t("orders.print.memoTitle")} />
      <Parties {...p} />
      <table className="doc" data-testid="print-lines">
        <thead>
          <tr>
            <th>{t("orders.print.sl")}</th>
            <th>{t("orders.print.description")}</th>
            <th className="num">{t("orders.print.qty")}</th>
            <th className="num">{t("orders.print.unitPrice")}</th>
            <th className="num">{t("orders.print.amount")}</th>
          </tr>
        </thead>
        <tbody>
          {o.lines.map((l) => {
            const e = asEntered(l);
            return (
              <tr key={l.lineNo}>
                <td className="center">{fmt.number(l.lineNo)}</td>
                <td>
                  {name({ name: l.skuName, nameBn: l.skuNameBn }, lang)} <span className="muted">{l.skuCode}</span>
                  {adjustmentTexts(l, lang, fmt.money, (label) => t("promotions.memo.freeOf", { label })).map(
                    (text) => (
                      <div key={text} className="muted" data-testid="print-scheme">
                        {text}
                      </div>
                    ),
                  )}
                </td>
                <td className="num">
                  {fmt.number(e.qty)} {unitName(t, e.unit)}
                </td>
                <td className="num">{taka(fmt, e.unitPricePoisha)}</td>
                <td className="num">{taka(fmt, l.grossPoisha)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <TotalRow cols={4} label={t("orders.totals.subtotal")} value={taka(fmt, o.subtotalPoisha)} />
          {o.discountPoisha ? (
            <TotalRow cols={4} label={t("orders.totals.discount")} value={`-${taka(fmt, o.discountPoisha)}`} />
          ) : null}
          <TotalRow cols={4} label={t("orders.totals.vat")} value={taka(fmt, o.vatPoisha)} />
          <TotalRow cols={4} label={t("orders.totals.total")} value={taka(fmt, o.totalPoisha)} strong />
        </tfoot>
      </table>
      <div className="words">
        <b>{t("orders.print.inWords")}:</b> {amountInWords(o.totalPoisha, lang)}
      </div>
      <Signatures labels={[t("orders.print.customerSignature"), t("orders.print.sellerSignature")]} />
    </>
  );
}

function TotalRow({ cols, label, value, strong }: { cols: number; label: string; value: string; strong?: boolean }) {
  return (
    <tr>
      <td colSpan={cols} className="num">
        {strong ? <b>{label}</b> : label}
      </td>
      <td className="num">{strong ? <b>{value}</b> : value}</td>
    </tr>
  );
}

function Challan(p: DocProps) {
  const { d, t, fmt, lang } = p;
  const o = d.order;
  return (
    <>
      <SellerHeader {...p} title={t("orders.print.challanTitle")} />
      <Parties {...p} />
      <table className="doc" data-testid="print-lines">
        <thead>
          <tr>
            <th>{t("orders.print.sl")}</th>
            <th>{t("orders.print.code")}</th>
            <th>{t("orders.print.description")}</th>
            <th className="num">{t("orders.print.qty")}</th>
            <th className="num">{t("orders.print.baseQty")}</th>
            <th>{t("orders.print.received")}</th>
          </tr>
        </thead>
        <tbody>
          {o.lines.map((l) => (
            <tr key={l.lineNo}>
              <td className="center">{fmt.number(l.lineNo)}</td>
              <td>{l.skuCode}</td>
              <td>
                {name({ name: l.skuName, nameBn: l.skuNameBn }, lang)}
                {lineSchemes(l).freeOfSchemeId ? ` (${t("promotions.entry.free")})` : ""}
              </td>
              <td className="num">
                {fmt.number(l.enteredQty)} {unitName(t, l.enteredUnit)}
              </td>
              <td className="num">{fmt.number(l.qty)}</td>
              <td style={{ minWidth: "20mm" }} />
            </tr>
          ))}
        </tbody>
      </table>
      <div className="muted">{t("orders.print.challanNote")}</div>
      <Signatures
        labels={[t("orders.print.preparedBy"), t("orders.print.deliveredBy"), t("orders.print.receivedBy")]}
      />
    </>
  );
}

function MushakInvoice({ d, t, fmt, lang }: DocProps) {
  const o = d.order;
  const issuedAt = o.invoicedAt ?? o.confirmedAt ?? o.createdAt;
  const excl = (l: Line) => l.totalPoisha - l.vatPoisha;
  const totalExcl = o.lines.reduce((s, l) => s + excl(l), 0);
  return (
    <>
      <div className="center">
        <div className="muted">{t("orders.mushak.government")}</div>
        <div className="muted">{t("orders.mushak.nbr")}</div>
        <h2>{t("orders.mushak.title")}</h2>
        <div className="muted">{t("orders.mushak.rule")}</div>
        <div style={{ textAlign: "right", fontWeight: 600 }}>{t("orders.mushak.form")}</div>
      </div>
      <div className="parties">
        <div className="box">
          <div>
            <b>{t("orders.mushak.seller")}:</b> {name(d.distributor, lang)}
          </div>
          <div>
            {t("orders.mushak.sellerBin")}: <b data-testid="seller-bin">{d.distributor.bin ?? "—"}</b>
          </div>
          <div>
            {t("orders.mushak.sellerAddress")}: {d.distributor.address}
          </div>
        </div>
        <div className="box">
          <div>
            <b>{t("orders.mushak.buyer")}:</b> {name(d.outlet, lang)} ({d.outlet.code})
          </div>
          <div>{t("orders.mushak.buyerBin")}: —</div>
          <div>
            {t("orders.mushak.buyerAddress")}: {d.outlet.address}
          </div>
          <div>
            {t("orders.mushak.destination")}: {d.outlet.address}
          </div>
        </div>
      </div>
      <div className="parties">
        <div>
          {t("orders.mushak.invoiceNo")}: <b>{o.invoiceNumber ?? o.number}</b>
        </div>
        <div>
          {t("orders.mushak.issuedAt")}: <b>{fmt.dateTime(issuedAt)}</b>
        </div>
      </div>
      <table className="doc" data-testid="print-lines">
        <thead>
          <tr>
            <th>{t("orders.print.sl")}</th>
            <th>{t("orders.mushak.description")}</th>
            <th>{t("orders.mushak.unit")}</th>
            <th className="num">{t("orders.mushak.qty")}</th>
            <th className="num">{t("orders.mushak.unitPrice")}</th>
            <th className="num">{t("orders.mushak.valueExclVat")}</th>
            <th className="num">{t("orders.mushak.vatRate")}</th>
            <th className="num">{t("orders.mushak.vatAmount")}</th>
            <th className="num">{t("orders.mushak.valueInclVat")}</th>
          </tr>
          <tr>
            {Array.from({ length: 9 }, (_, i) => (
              <th key={String(i)} className="center">
                {fmt.number(i + 1)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {o.lines.map((l) => {
            const e = asEntered(l);
            return (
              <tr key={l.lineNo}>
                <td className="center">{fmt.number(l.lineNo)}</td>
                <td>
                  {name({ name: l.skuName, nameBn: l.skuNameBn }, lang)} <span className="muted">{l.skuCode}</span>
                </td>
                <td>{unitName(t, e.unit)}</td>
                <td className="num">{fmt.number(e.qty)}</td>
                <td className="num">{taka(fmt, e.unitPricePoisha)}</td>
                <td className="num">{taka(fmt, excl(l))}</td>
                <td className="num">{fmt.number(l.vatRateBp / 100)}%</td>
                <td className="num">{taka(fmt, l.vatPoisha)}</td>
                <td className="num">{taka(fmt, l.totalPoisha)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={5} className="num">
              <b>{t("orders.mushak.total")}</b>
            </td>
            <td className="num">
              <b>{taka(fmt, totalExcl)}</b>
            </td>
            <td />
            <td className="num">
              <b>{taka(fmt, o.vatPoisha)}</b>
            </td>
            <td className="num">
              <b data-testid="invoice-total">{taka(fmt, o.totalPoisha)}</b>
            </td>
          </tr>
        </tfoot>
      </table>
      <div className="words" data-testid="amount-in-words">
        <b>{t("orders.print.inWords")}:</b> {amountInWords(o.totalPoisha, lang)}
      </div>
      <div className="signatures" style={{ gridTemplateColumns: "1fr 1fr" }}>
        <div />
        <div>
          {t("orders.mushak.signatory")}
          <br />
          <span className="muted">{t("orders.mushak.signatoryDetail")}</span>
        </div>
      </div>
    </>
  );
}
