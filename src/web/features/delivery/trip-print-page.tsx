// /print/trips/$tripId?doc=pick|load|challan&lang=bn|en — outside the app's chrome, A4, with the order print
// styles. The pick list (per SKU, the batches to take, first expiry first: what the ledger will issue), the load
// sheet (per SKU in cases and pieces, then what goes off at each stop) and the challans (one delivery note per
// order, each on its own page), in Bengali or English.
import "../orders/order-print.css";
import "./trip-print.css";
import { Anchor, Button, Group, SegmentedControl } from "@mantine/core";
import { getRouteApi, Link } from "@tanstack/react-router";
import type { TFunction } from "i18next";
import { useContext, useMemo } from "react";
import type { z } from "zod";
import { amountInWords } from "../../../shared/amount-in-words.ts";
import type { CasesPieces } from "../../../shared/contracts/delivery.ts";
import type { Locale } from "../../../shared/locale.ts";
import { i18n } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { type Formatters, formattersFor } from "../../ui/use-format.ts";
import { MeContext } from "../auth/use-session.ts";
import { kgOf, m3Of, nameIn, percentOf } from "./delivery-labels.ts";
import { type Challans, type LoadSheet, type PickList, type TripDocKind, useTripDocument } from "./use-delivery.ts";

export interface TripPrintSearch {
  doc: TripDocKind;
  lang: Locale;
}

const route = getRouteApi("/print/trips/$tripId");

type Qty = z.infer<typeof CasesPieces>;

interface Ctx {
  t: TFunction;
  fmt: Formatters;
  lang: Locale;
}

const unitName = (t: TFunction, unit: string) => t(`orders.units.${unit}`, { defaultValue: unit });

/** "2 case + 5 pc" in the sheet's language; a SKU without a case pack shows pieces only. */
export function casesPieces({ t, fmt, lang }: Ctx, q: Qty): string {
  const base = (n: number) => `${fmt.number(n)} ${unitName(t, q.baseUnit)}`;
  if (!q.caseUnit || !q.caseFactor) return base(q.qty);
  const caseName = (lang === "bn" ? q.caseUnitNameBn : q.caseUnitName) ?? unitName(t, q.caseUnit);
  const parts = [
    ...(q.cases > 0 ? [`${fmt.number(q.cases)} ${caseName}`] : []),
    ...(q.pieces > 0 || q.cases === 0 ? [base(q.pieces)] : []),
  ];
  return parts.join(" + ");
}

const taka = (fmt: Formatters, poisha: number) => fmt.money(poisha).replace("৳", "");

export function TripPrintPage() {
  const { tripId } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const me = useContext(MeContext);
  const lang = search.lang;
  const t = useMemo(() => i18n.getFixedT(lang), [lang]);
  const fmt = useMemo(() => formattersFor(lang, me?.bengaliDigits ?? true), [lang, me?.bengaliDigits]);
  const set = (patch: Partial<TripPrintSearch>) =>
    void navigate({ search: (s: TripPrintSearch) => ({ ...s, ...patch }), replace: true });
  const ctx: Ctx = { t, fmt, lang };

  return (
    <div className="print-page" data-testid="print-page">
      <style>{"@page { size: A4; margin: 12mm; }"}</style>
      <Group className="no-print" justify="center" gap="sm" wrap="wrap">
        <Anchor component={Link} to={`/trips/${tripId}`} size="sm">
          ← {t("delivery.print.back")}
        </Anchor>
        <SegmentedControl
          value={search.doc}
          onChange={(v) => set({ doc: v as TripDocKind })}
          data={[
            { value: "pick", label: t("delivery.print.pickList") },
            { value: "load", label: t("delivery.print.loadSheet") },
            { value: "challan", label: t("delivery.print.challans") },
          ]}
          data-testid="trip-print-doc"
        />
        <SegmentedControl
          value={lang}
          onChange={(v) => set({ lang: v === "en" ? "en" : "bn" })}
          data={[
            { value: "bn", label: "বাংলা" },
            { value: "en", label: "English" },
          ]}
          data-testid="trip-print-lang"
        />
        <Button size="xs" onClick={() => window.print()} data-testid="print-now">
          {t("delivery.print.print")}
        </Button>
      </Group>
      {search.doc === "pick" ? (
        <PickListDoc tripId={tripId} ctx={ctx} />
      ) : search.doc === "load" ? (
        <LoadSheetDoc tripId={tripId} ctx={ctx} />
      ) : (
        <ChallansDoc tripId={tripId} ctx={ctx} />
      )}
    </div>
  );
}

type Header = Pick<
  PickList,
  | "tripNumber"
  | "tripDate"
  | "distributorName"
  | "distributorNameBn"
  | "vehicleRegNo"
  | "vehicleName"
  | "driverName"
  | "driverPhone"
  | "routeName"
  | "routeNameBn"
>;

function TripHeading({ h, title, ctx }: { h: Header; title: string; ctx: Ctx }) {
  const { t, fmt, lang } = ctx;
  return (
    <>
      <div className="center">
        <h1>{nameIn({ name: h.distributorName, nameBn: h.distributorNameBn }, lang)}</h1>
        <h2>{title}</h2>
      </div>
      <div className="parties">
        <div className="box">
          <div>
            <b>{t("delivery.common.trip")}:</b> {h.tripNumber}
          </div>
          <div>
            {t("delivery.print.date")}: {fmt.date(h.tripDate)}
          </div>
          <div>
            {t("delivery.common.route")}:{" "}
            {h.routeName ? nameIn({ name: h.routeName, nameBn: h.routeNameBn }, lang) : "—"}
          </div>
        </div>
        <div className="box">
          <div>
            <b>{t("delivery.common.vehicle")}:</b> {h.vehicleRegNo} · {h.vehicleName}
          </div>
          <div>
            {t("delivery.common.driver")}: {h.driverName}
            {h.driverPhone ? ` · ${h.driverPhone}` : ""}
          </div>
        </div>
      </div>
    </>
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

function PickListDoc({ tripId, ctx }: { tripId: string; ctx: Ctx }) {
  const doc = useTripDocument(tripId, "pick");
  const { t, fmt, lang } = ctx;
  if (doc.error) return <ErrorAlert error={doc.error} />;
  const d = doc.data;
  if (!d) return null;
  return (
    <div className="print-sheet" data-size="A4" data-doc="pick" data-testid="print-sheet" lang={lang}>
      <TripHeading h={d} title={t("delivery.print.pickListTitle")} ctx={ctx} />
      <table className="doc" data-testid="pick-lines">
        <thead>
          <tr>
            <th>{t("delivery.print.sl")}</th>
            <th>{t("delivery.print.code")}</th>
            <th>{t("delivery.print.description")}</th>
            <th className="num">{t("delivery.print.total")}</th>
            <th>{t("delivery.print.batch")}</th>
            <th>{t("delivery.print.expiry")}</th>
            <th className="num">{t("delivery.print.pieces")}</th>
            <th>{t("delivery.print.picked")}</th>
          </tr>
        </thead>
        <tbody>
          {d.items.flatMap((item, i) => {
            const rows = Math.max(1, item.batches.length + (item.shortQty > 0 ? 1 : 0));
            const first = (
              <>
                <td rowSpan={rows} className="center">
                  {fmt.number(i + 1)}
                </td>
                <td rowSpan={rows}>{item.skuCode}</td>
                <td rowSpan={rows}>{nameIn({ name: item.skuName, nameBn: item.skuNameBn }, lang)}</td>
                <td rowSpan={rows} className="num">
                  {casesPieces(ctx, item.total)}
                  {item.total.cases > 0 ? (
                    <div className="muted">
                      {fmt.number(item.total.qty)} {unitName(t, item.total.baseUnit)}
                    </div>
                  ) : null}
                </td>
              </>
            );
            const batchRows = item.batches.map((b, j) => (
              <tr key={b.batchId} data-testid="pick-batch" data-sku={item.skuCode} data-batch={b.batchNo}>
                {j === 0 ? first : null}
                <td>{b.batchNo}</td>
                <td>{b.expiryDate ? fmt.date(b.expiryDate) : "—"}</td>
                <td className="num">{fmt.number(b.qty)}</td>
                <td className="tick" />
              </tr>
            ));
            if (item.shortQty > 0 || item.batches.length === 0)
              batchRows.push(
                <tr key={`${item.skuId}-short`} className="short">
                  {item.batches.length === 0 ? first : null}
                  <td colSpan={2}>{t("delivery.print.short")}</td>
                  <td className="num">{fmt.number(item.shortQty)}</td>
                  <td />
                </tr>,
              );
            return batchRows;
          })}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={6} className="num">
              <b>{t("delivery.print.totalPieces")}</b>
            </td>
            <td className="num">
              <b>{fmt.number(d.totalQty)}</b>
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
      <div className="muted">{t("delivery.print.fefoNote")}</div>
      <Signatures labels={[t("delivery.print.pickedBy"), t("delivery.print.checkedBy")]} />
    </div>
  );
}

function LoadSheetDoc({ tripId, ctx }: { tripId: string; ctx: Ctx }) {
  const doc = useTripDocument(tripId, "load");
  const { t, fmt, lang } = ctx;
  if (doc.error) return <ErrorAlert error={doc.error} />;
  const d: LoadSheet | undefined = doc.data;
  if (!d) return null;
  return (
    <div className="print-sheet" data-size="A4" data-doc="load" data-testid="print-sheet" lang={lang}>
      <TripHeading h={d} title={t("delivery.print.loadSheetTitle")} ctx={ctx} />
      <div className="muted">
        {t("delivery.print.loadLine", {
          weight: fmt.number(kgOf(d.load.weightG)),
          capacity: fmt.number(kgOf(d.load.capacityG)),
          percent: fmt.number(percentOf(d.load.weightUsedBp)),
          volume: fmt.number(m3Of(d.load.volumeCm3)),
        })}
      </div>
      <table className="doc" data-testid="load-skus">
        <thead>
          <tr>
            <th>{t("delivery.print.sl")}</th>
            <th>{t("delivery.print.code")}</th>
            <th>{t("delivery.print.description")}</th>
            <th className="num">{t("delivery.print.casesPieces")}</th>
            <th className="num">{t("delivery.print.pieces")}</th>
            <th className="num">{t("delivery.print.weightKg")}</th>
            <th>{t("delivery.print.loaded")}</th>
          </tr>
        </thead>
        <tbody>
          {d.skus.map((s, i) => (
            <tr key={s.skuId} data-testid="load-sku" data-sku={s.skuCode} data-qty={s.quantity.qty}>
              <td className="center">{fmt.number(i + 1)}</td>
              <td>{s.skuCode}</td>
              <td>{nameIn({ name: s.skuName, nameBn: s.skuNameBn }, lang)}</td>
              <td className="num">{casesPieces(ctx, s.quantity)}</td>
              <td className="num">{fmt.number(s.quantity.qty)}</td>
              <td className="num">{s.weightG === null ? "—" : fmt.number(kgOf(s.weightG))}</td>
              <td className="tick" />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={4} className="num">
              <b>{t("delivery.print.totalPieces")}</b>
            </td>
            <td className="num">
              <b>{fmt.number(d.totalQty)}</b>
            </td>
            <td colSpan={2} />
          </tr>
        </tfoot>
      </table>
      <h2>{t("delivery.print.stops")}</h2>
      <table className="doc" data-testid="load-drops">
        <thead>
          <tr>
            <th>{t("delivery.print.stop")}</th>
            <th>{t("delivery.print.orderNo")}</th>
            <th>{t("delivery.common.outlet")}</th>
            <th>{t("delivery.print.items")}</th>
            <th className="num">{t("delivery.print.amountTk")}</th>
          </tr>
        </thead>
        <tbody>
          {d.drops.map((drop) => (
            <tr key={drop.dropId} data-testid="load-drop">
              <td className="center">{fmt.number(drop.seq)}</td>
              <td>
                {drop.orderNumber}
                {drop.invoiceNumber ? <div className="muted">{drop.invoiceNumber}</div> : null}
              </td>
              <td>
                {nameIn({ name: drop.outletName, nameBn: drop.outletNameBn }, lang)} ({drop.outletCode})
                <div className="muted">{drop.outletAddress}</div>
              </td>
              <td>
                {drop.lines.map((l) => (
                  <div key={l.skuId}>
                    {l.skuCode} × {casesPieces(ctx, l.quantity)}
                  </div>
                ))}
              </td>
              <td className="num">{taka(fmt, drop.totalPoisha)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={4} className="num">
              <b>{t("delivery.print.total")}</b>
            </td>
            <td className="num">
              <b>{taka(fmt, d.orderValuePoisha)}</b>
            </td>
          </tr>
        </tfoot>
      </table>
      <Signatures
        labels={[t("delivery.print.loadedBy"), t("delivery.print.driverSignature"), t("delivery.print.gateCheck")]}
      />
    </div>
  );
}

function ChallansDoc({ tripId, ctx }: { tripId: string; ctx: Ctx }) {
  const doc = useTripDocument(tripId, "challan");
  const { t, fmt, lang } = ctx;
  if (doc.error) return <ErrorAlert error={doc.error} />;
  const d: Challans | undefined = doc.data;
  if (!d) return null;
  return (
    <>
      {d.challans.map((c) => (
        <div
          key={c.dropId}
          className="print-sheet challan-page"
          data-size="A4"
          data-doc="challan"
          data-testid="print-sheet"
          lang={lang}
        >
          <div className="center">
            <h1>{nameIn({ name: d.distributor.name, nameBn: d.distributor.nameBn }, lang)}</h1>
            <div className="muted">{d.distributor.address}</div>
            <div className="muted">
              {t("orders.print.phone")}: {d.distributor.phone}
              {d.distributor.bin ? ` · ${t("orders.print.bin")}: ${d.distributor.bin}` : ""}
            </div>
            <div className="muted">
              {t("orders.print.distributorOf", { org: nameIn({ name: d.org.name, nameBn: d.org.nameBn }, lang) })}
            </div>
            <h2>{t("delivery.print.challanTitle")}</h2>
          </div>
          <div className="parties">
            <div className="box">
              <div>
                <b>{t("orders.print.customer")}:</b> {nameIn({ name: c.outlet.name, nameBn: c.outlet.nameBn }, lang)} (
                {c.outlet.code})
              </div>
              <div>
                {t("orders.print.owner")}: {c.outlet.ownerName}
              </div>
              <div>{c.outlet.address}</div>
              {c.outlet.phone ? (
                <div>
                  {t("orders.print.phone")}: {c.outlet.phone}
                </div>
              ) : null}
            </div>
            <div className="box">
              <div>
                <b>{t("delivery.print.challanNo")}:</b> {d.tripNumber}/{fmt.number(c.seq)}
              </div>
              <div>
                {t("orders.print.memoNo")}: {c.orderNumber}
              </div>
              {c.invoiceNumber ? (
                <div>
                  {t("orders.print.invoiceNo")}: {c.invoiceNumber}
                </div>
              ) : null}
              <div>
                {t("delivery.print.date")}: {fmt.date(d.tripDate)}
              </div>
              <div>
                {t("delivery.common.vehicle")}: {d.vehicleRegNo} · {t("delivery.common.driver")}: {d.driverName}
              </div>
            </div>
          </div>
          <table className="doc" data-testid="challan-lines">
            <thead>
              <tr>
                <th>{t("delivery.print.sl")}</th>
                <th>{t("delivery.print.code")}</th>
                <th>{t("delivery.print.description")}</th>
                <th className="num">{t("delivery.print.casesPieces")}</th>
                <th className="num">{t("delivery.print.pieces")}</th>
                <th className="num">{t("delivery.print.amountTk")}</th>
                <th>{t("delivery.print.receivedQty")}</th>
              </tr>
            </thead>
            <tbody>
              {c.lines.map((l) => (
                <tr key={l.lineNo}>
                  <td className="center">{fmt.number(l.lineNo)}</td>
                  <td>{l.skuCode}</td>
                  <td>{nameIn({ name: l.skuName, nameBn: l.skuNameBn }, lang)}</td>
                  <td className="num">{casesPieces(ctx, l.quantity)}</td>
                  <td className="num">{fmt.number(l.quantity.qty)}</td>
                  <td className="num">{taka(fmt, l.totalPoisha)}</td>
                  <td style={{ minWidth: "20mm" }} />
                </tr>
              ))}
            </tbody>
            <tfoot>
              {c.discountPoisha ? (
                <tr>
                  <td colSpan={5} className="num">
                    {t("orders.totals.discount")}
                  </td>
                  <td className="num">-{taka(fmt, c.discountPoisha)}</td>
                  <td />
                </tr>
              ) : null}
              <tr>
                <td colSpan={5} className="num">
                  {t("orders.totals.vat")}
                </td>
                <td className="num">{taka(fmt, c.vatPoisha)}</td>
                <td />
              </tr>
              <tr>
                <td colSpan={5} className="num">
                  <b>{t("orders.totals.total")}</b>
                </td>
                <td className="num">
                  <b data-testid="challan-total">{taka(fmt, c.totalPoisha)}</b>
                </td>
                <td />
              </tr>
            </tfoot>
          </table>
          <div className="words">
            <b>{t("orders.print.inWords")}:</b> {amountInWords(c.totalPoisha, lang)}
          </div>
          <div className="parties">
            <div>
              {t("delivery.print.previousDues")}: <b>{fmt.money(c.duesPoisha)}</b>
            </div>
            <div>{t("delivery.print.cashReceived")}: ______________</div>
          </div>
          <div className="muted">{t("orders.print.challanNote")}</div>
          <Signatures
            labels={[t("orders.print.preparedBy"), t("orders.print.deliveredBy"), t("orders.print.receivedBy")]}
          />
        </div>
      ))}
    </>
  );
}
