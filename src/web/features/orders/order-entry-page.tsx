// /orders/new: take a memo for one outlet as fast as the rep can type. The order book (every SKU with
// this outlet's price) is loaded once; search, pricing and totals then run in the browser with the
// server's own pricing code, so the running total is the invoice's. The schemes in force for the outlet run
// through the same engine as the server's: each line shows what a scheme took off, free goods appear as lines,
// and the schemes panel says which schemes apply and, when asked, why the others do not.
import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useEffect, useMemo, useReducer, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { OrderTotals } from "../../../shared/pricing/order-pricing.ts";
import { isApiError, newIdempotencyKey } from "../../api/api-client.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { Money } from "../../ui/formatted-values.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { outletSchemes } from "../promotions/schemes-in-force.ts";
import { SchemesPanel } from "../promotions/schemes-panel.tsx";
import { useSchemesInForce } from "../promotions/use-promotions.ts";
import { OrderLinesGrid } from "./order-lines-grid.tsx";
import { linesReducer, priceEntry, toOrderLines } from "./order-lines-state.ts";
import { OutletPicker } from "./outlet-picker.tsx";
import { localName, type OutletOption } from "./use-network-lookups.ts";
import { useOrderBook } from "./use-order-book.ts";
import { useCreateSecondaryOrder } from "./use-secondary-orders.ts";

const route = getRouteApi("/_app/orders/new");

/** stock.insufficient names the SKU and what is available; the line shows it. */
export function insufficientStock(error: unknown): { skuId?: string; skuCode?: string; available: number } | null {
  if (!isApiError(error) || error.code !== "stock.insufficient" || !error.details) return null;
  const d = error.details;
  return {
    skuId: typeof d.sku === "string" ? d.sku : typeof d.skuId === "string" ? d.skuId : undefined,
    skuCode: typeof d.skuCode === "string" ? d.skuCode : undefined,
    available: typeof d.available === "number" ? d.available : 0,
  };
}

export function OrderEntryPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const navigate = useNavigate();
  const search = route.useSearch();
  const [outletId, setOutletId] = useState<string | null>(search.outletId ?? null);
  const [outlet, setOutlet] = useState<OutletOption | null>(null);
  const [lines, dispatch] = useReducer(linesReducer, []);
  const [note, setNote] = useState("");
  const [deliveryDate, setDeliveryDate] = useState("");
  const book = useOrderBook({ outletId: outletId ?? undefined });
  const skus = book.data?.skus ?? [];
  const skuMap = useMemo(() => new Map(skus.map((s) => [s.id, s])), [skus]);
  const inForce = useSchemesInForce(outletId);
  const schemes = useMemo(
    () =>
      inForce.data && outletId && book.data
        ? outletSchemes(inForce.data, {
            outletId,
            distributorId: book.data.distributorId ?? outlet?.distributorId ?? null,
            channel: book.data.channel,
          })
        : null,
    [inForce.data, outletId, book.data, outlet?.distributorId],
  );
  const pricing = useMemo(
    () => priceEntry(lines, skuMap, "retailer", schemes?.context ?? null, schemes?.engine ?? null),
    [lines, skuMap, schemes],
  );
  const totals = pricing.totals;
  const skuCode = useMemo(() => (id: string) => skuMap.get(id)?.code ?? id, [skuMap]);

  // One key per content: a retry of the same memo is one order; an edited memo is a new request.
  const idempotencyKey = useRef(newIdempotencyKey());
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new key whenever the memo changes
  useEffect(() => {
    idempotencyKey.current = newIdempotencyKey();
  }, [lines, outletId, note, deliveryDate]);

  const create = useCreateSecondaryOrder({
    meta: { inlineError: true },
    onSuccess: (order) => {
      notifications.show({
        color: "teal",
        message: t(order.status === "draft" ? "orders.entry.savedDraft" : "orders.entry.confirmed", {
          number: order.number,
        }),
      });
      void navigate({ to: "/orders/$orderId", params: { orderId: order.id } });
    },
  });

  const lineErrors = useMemo(() => {
    const shortage = insufficientStock(create.error);
    if (!shortage) return undefined;
    const sku = skus.find((s) => s.id === shortage.skuId || s.code === shortage.skuCode);
    if (!sku) return undefined;
    const base = sku.units.find((u) => u.unit === sku.baseUnit);
    const unit = base ? (locale === "bn" ? base.nameBn || base.name : base.name) : sku.baseUnit;
    return { [sku.id]: t("orders.entry.available", { qty: fmt.number(shortage.available), unit }) };
  }, [create.error, skus, t, fmt, locale]);

  const orderLines = toOrderLines(lines);
  const submit = (confirm: boolean) => {
    if (!outletId || orderLines.length === 0) return;
    create.mutate({
      body: {
        outletId,
        lines: orderLines,
        confirm,
        note: note.trim() || undefined,
        requestedDeliveryDate: deliveryDate || undefined,
      },
      idempotencyKey: idempotencyKey.current,
    });
  };

  return (
    <Stack gap="md" pb={96}>
      <Title order={2}>{t("orders.entry.title")}</Title>
      <Paper withBorder p="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <OutletPicker
            label={t("orders.entry.outlet")}
            value={outletId}
            autoFocus={!outletId}
            onChange={(o) => {
              setOutlet(o);
              setOutletId(o?.id ?? null);
              dispatch({ type: "reset", lines: [] });
              create.reset();
            }}
          />
          <TextInput
            type="date"
            label={t("orders.entry.deliveryDate")}
            value={deliveryDate}
            onChange={(e) => setDeliveryDate(e.currentTarget.value)}
            data-testid="delivery-date"
          />
        </SimpleGrid>
        {outlet?.distributorName ? (
          <Text size="sm" c="dimmed" mt="xs" data-testid="entry-distributor">
            {t("orders.entry.servedBy", {
              name: localName({ name: outlet.distributorName, nameBn: outlet.distributorNameBn ?? "" }, locale),
            })}
          </Text>
        ) : null}
      </Paper>

      <ErrorAlert error={book.error} />
      {outletId && book.isPending ? <Text c="dimmed">{t("orders.common.loading")}</Text> : null}
      {outletId && book.data ? (
        <>
          <OrderLinesGrid
            skus={skus}
            lines={lines}
            dispatch={dispatch}
            basis="retailer"
            lineErrors={lineErrors}
            pricing={pricing}
          />
          {schemes ? <SchemesPanel outlet={schemes} pricing={pricing} skuCode={skuCode} /> : null}
          <Text size="xs" c="dimmed">
            {t("orders.entry.keyboardHint")}
          </Text>
          <Textarea
            label={t("orders.entry.note")}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            maxLength={500}
            autosize
            minRows={1}
            data-testid="order-note"
          />
        </>
      ) : null}
      {!outletId ? (
        <Alert variant="light" color="gray">
          {t("orders.entry.pickOutletFirst")}
        </Alert>
      ) : null}

      {create.error ? <ErrorAlert error={create.error} /> : null}

      <Paper withBorder shadow="sm" p="sm" pos="sticky" bottom={0} style={{ zIndex: 5 }} data-testid="entry-totals-bar">
        <Group justify="space-between" gap="sm">
          <TotalsLine totals={totals} lineCount={orderLines.length} />
          <Group gap="xs">
            <Button
              variant="default"
              onClick={() => submit(false)}
              disabled={!outletId || orderLines.length === 0}
              loading={create.isPending && create.variables?.body.confirm === false}
              data-testid="save-draft"
            >
              {t("orders.entry.saveDraft")}
            </Button>
            <Button
              onClick={() => submit(true)}
              disabled={!outletId || orderLines.length === 0}
              loading={create.isPending && create.variables?.body.confirm === true}
              data-testid="confirm-order"
            >
              {t("orders.entry.confirm")}
            </Button>
          </Group>
        </Group>
      </Paper>
    </Stack>
  );
}

export function TotalsLine({ totals, lineCount }: { totals: OrderTotals; lineCount: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Group gap="md" wrap="wrap" data-testid="entry-totals">
      <Text size="sm">
        {t("orders.entry.lines")}: <b>{fmt.number(lineCount)}</b>
      </Text>
      <Text size="sm">
        {t("orders.totals.subtotal")}: <Money poisha={totals.subtotalPoisha} />
      </Text>
      {totals.discountPoisha > 0 ? (
        <Text size="sm" c="grape">
          {t("orders.totals.discount")}: <Money span poisha={-totals.discountPoisha} data-testid="entry-discount" />
        </Text>
      ) : null}
      <Text size="sm">
        {t("orders.totals.vat")}: <Money poisha={totals.vatPoisha} />
      </Text>
      <Text size="md" fw={700}>
        {t("orders.totals.total")}: <Money poisha={totals.totalPoisha} data-testid="entry-total" />
      </Text>
    </Group>
  );
}
