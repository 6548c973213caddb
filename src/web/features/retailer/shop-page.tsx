// /shop: the retailer's own re-order page, made for a 360 px phone and Bengali first. "Order again" starts
// from the shop's usual lines (its last orders, with their last quantities), big +/- steppers and the
// total; "My orders" shows what was ordered and delivered; "My dues" what is owed.
import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQueries } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { SecondaryOrderResponse } from "../../../shared/contracts/orders.ts";
import { api, newIdempotencyKey } from "../../api/api-client.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateText, Money } from "../../ui/formatted-values.tsx";
import { SearchIcon } from "../../ui/icons.tsx";
import { LanguageSwitch } from "../../ui/language-switch.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { orgName } from "../auth/scope-label.ts";
import { useMe, useSignOut } from "../auth/use-session.ts";
import { RetailerLoyaltyPanel } from "../loyalty/retailer-loyalty-panel.tsx";
import { OutletDuesPanel } from "../orders/collections-page.tsx";
import { skuLabel } from "../orders/order-labels.ts";
import {
  buildSkuIndex,
  defaultUnit,
  type EntryLine,
  type EntryPricing,
  priceEntry,
  searchSkus,
} from "../orders/order-lines-state.ts";
import { OrderStatusBadge } from "../orders/order-list-page.tsx";
import { type OrderBookSku, useOrderBook } from "../orders/use-order-book.ts";
import { secondaryOrderKeys, useCreateSecondaryOrder, useSecondaryOrders } from "../orders/use-secondary-orders.ts";
import { type OutletSchemes, outletSchemes } from "../promotions/schemes-in-force.ts";
import { useSchemesInForce } from "../promotions/use-promotions.ts";

type Tab = "reorder" | "orders" | "dues" | "loyalty";

export function ShopPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const navigate = useNavigate();
  const signOut = useSignOut({ onSettled: () => navigate({ to: "/sign-in", search: {} }) });
  const [tab, setTab] = useState<Tab>("reorder");
  const outletId = me.scope.kind === "outlet" ? me.scope.outletId : undefined;

  return (
    <Box maw={560} mx="auto" p="sm" pb={120} data-testid="shop">
      <Group justify="space-between" wrap="nowrap" mb="sm">
        <div style={{ minWidth: 0 }}>
          <Text fw={700} c="cyan.8" size="lg">
            বিক্রি
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {orgName(me, locale)}
          </Text>
        </div>
        <Group gap={6} wrap="nowrap">
          <LanguageSwitch />
          <Button component="a" href={`/help/${me.orgSlug}`} size="compact-sm" variant="subtle" data-testid="shop-help">
            {t("service.help.shopLink")}
          </Button>
          <Button
            size="compact-sm"
            variant="subtle"
            color="gray"
            onClick={() => signOut.mutate()}
            data-testid="signout"
          >
            {t("userMenu.signOut")}
          </Button>
        </Group>
      </Group>
      <SegmentedControl
        fullWidth
        size="sm"
        value={tab}
        onChange={(v) => setTab(v as Tab)}
        data={[
          { value: "reorder", label: t("orders.shop.reorder") },
          { value: "orders", label: t("orders.shop.myOrders") },
          { value: "dues", label: t("orders.shop.myDues") },
          { value: "loyalty", label: t("loyalty.shop.tab") },
        ]}
        mb="md"
        data-testid="shop-tabs"
      />
      {!outletId ? (
        <Text c="dimmed">{t("orders.shop.noOutlet")}</Text>
      ) : tab === "reorder" ? (
        <ReorderTab outletId={outletId} onPlaced={() => setTab("orders")} />
      ) : tab === "orders" ? (
        <MyOrdersTab outletId={outletId} />
      ) : tab === "dues" ? (
        <OutletDuesPanel outletId={outletId} />
      ) : (
        <RetailerLoyaltyPanel />
      )}
    </Box>
  );
}

interface Pick {
  qty: number;
  unit: string;
}

function ReorderTab({ outletId, onPlaced }: { outletId: string; onPlaced: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const book = useOrderBook({ outletId });
  const skus = book.data?.skus ?? [];
  const skuMap = useMemo(() => new Map(skus.map((s) => [s.id, s])), [skus]);
  const recent = useSecondaryOrders({ outletId }, { limit: 5 });
  const recentIds = useMemo(
    () =>
      (recent.data?.pages[0]?.items ?? [])
        .filter((o) => o.status !== "cancelled" && o.status !== "draft")
        .slice(0, 3)
        .map((o) => o.id),
    [recent.data],
  );
  const details = useQueries({
    queries: recentIds.map((id) => ({
      queryKey: secondaryOrderKeys.detail(id),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<SecondaryOrderResponse>(`/api/v1/secondary-orders/${id}`, undefined, signal),
    })),
  });
  const detailsReady = recent.isSuccess && details.every((d) => d.isSuccess);
  const usual = useMemo(() => {
    const m = new Map<string, Pick>();
    for (const d of details)
      for (const l of d.data?.lines ?? [])
        if (!m.has(l.skuId)) m.set(l.skuId, { qty: l.enteredQty, unit: l.enteredUnit });
    return m;
  }, [details]);

  const [picks, setPicks] = useState<Record<string, Pick>>({});
  const [order, setOrder] = useState<string[]>([]);
  const initialised = useRef(false);
  useEffect(() => {
    if (initialised.current || !detailsReady || !book.data) return;
    initialised.current = true;
    const known = [...usual.entries()].filter(([id]) => skuMap.get(id)?.price);
    setPicks(Object.fromEntries(known));
    setOrder(known.map(([id]) => id));
  }, [detailsReady, book.data, usual, skuMap]);

  const step = useCallback((skuId: string, delta: number, unit?: string) => {
    setPicks((p) => {
      const cur = p[skuId] ?? { qty: 0, unit: unit ?? "piece" };
      return { ...p, [skuId]: { ...cur, qty: Math.max(0, cur.qty + delta) } };
    });
    setOrder((o) => (o.includes(skuId) ? o : [...o, skuId]));
  }, []);

  const lines: EntryLine[] = order
    .filter((id) => (picks[id]?.qty ?? 0) > 0)
    .map((id) => ({ key: id, skuId: id, qty: String(picks[id]?.qty ?? 0), unit: picks[id]?.unit ?? "piece" }));
  // Priced as the server will price it: the same engine over the schemes on offer to this shop.
  const inForce = useSchemesInForce(outletId);
  const schemes = useMemo(
    () =>
      inForce.data && book.data
        ? outletSchemes(inForce.data, { outletId, distributorId: book.data.distributorId, channel: book.data.channel })
        : null,
    [inForce.data, book.data, outletId],
  );
  const pricing = priceEntry(lines, skuMap, "retailer", schemes?.context ?? null, schemes?.engine ?? null);
  const totals = pricing.totals;
  const key = useRef(newIdempotencyKey());
  const create = useCreateSecondaryOrder({
    meta: { inlineError: true },
    onSuccess: (o) => {
      notifications.show({ color: "teal", message: t("orders.shop.placed", { number: o.number }) });
      key.current = newIdempotencyKey();
      onPlaced();
    },
  });

  const [q, setQ] = useState("");
  const index = useMemo(() => buildSkuIndex(skus.filter((s) => s.price)), [skus]);
  const found = useMemo(() => searchSkus(index, q, 10).filter((s) => !order.includes(s.id)), [index, q, order]);

  return (
    <Stack gap="sm">
      <ErrorAlert error={book.error ?? recent.error} />
      {book.isPending ? <Text c="dimmed">{t("orders.common.loading")}</Text> : null}
      {detailsReady && order.length === 0 && book.data ? (
        <Text c="dimmed" size="sm">
          {t("orders.shop.noUsual")}
        </Text>
      ) : null}
      {order.map((id) => {
        const sku = skuMap.get(id);
        return sku ? (
          <StepperRow key={id} sku={sku} pick={picks[id] ?? { qty: 0, unit: defaultUnit(sku) }} onStep={step} />
        ) : null;
      })}
      <TextInput
        size="md"
        leftSection={<SearchIcon size={18} />}
        placeholder={t("orders.shop.addOther")}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        data-testid="shop-search"
      />
      {found.map((sku) => (
        <StepperRow key={sku.id} sku={sku} pick={{ qty: 0, unit: defaultUnit(sku) }} onStep={step} />
      ))}
      {schemes ? <OffersPanel schemes={schemes} pricing={pricing} skuMap={skuMap} /> : null}
      <ErrorAlert error={create.error} />
      <Paper withBorder shadow="md" p="sm" pos="fixed" bottom={0} left={0} right={0} style={{ zIndex: 10 }} radius={0}>
        <Group justify="space-between" maw={560} mx="auto" wrap="nowrap">
          <div>
            <Text size="xs" c="dimmed">
              {t("orders.totals.total")}
            </Text>
            <Money fw={700} size="xl" poisha={totals.totalPoisha} data-testid="shop-total" />
            {totals.discountPoisha > 0 ? (
              <Text size="xs" c="grape" fw={600} data-testid="shop-saving">
                {t("orders.shop.youSave", { amount: fmt.money(totals.discountPoisha) })}
              </Text>
            ) : null}
          </div>
          <Button
            size="lg"
            disabled={lines.length === 0}
            loading={create.isPending}
            onClick={() =>
              create.mutate({
                body: {
                  outletId,
                  confirm: true,
                  lines: lines.map((l) => ({ skuId: l.skuId, qty: Number(l.qty), unit: l.unit })),
                },
                idempotencyKey: key.current,
              })
            }
            data-testid="shop-place"
          >
            {t("orders.shop.place")}
          </Button>
        </Group>
      </Paper>
    </Stack>
  );
}

/** What the schemes give this order as it stands: each offer's name and amount, and the free goods. */
function OffersPanel({
  schemes,
  pricing,
  skuMap,
}: {
  schemes: OutletSchemes;
  pricing: EntryPricing;
  skuMap: ReadonlyMap<string, OrderBookSku>;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const byId = useMemo(() => new Map(schemes.schemes.map((s) => [s.id, s])), [schemes.schemes]);
  const given = pricing.applied.filter((a) => a.discountPoisha > 0 || a.free.length > 0);
  if (given.length === 0) return null;
  return (
    <Paper withBorder p="sm" bg="grape.0" data-testid="shop-offers">
      <Text fw={600} size="sm" mb={4}>
        {t("orders.shop.offers")}
      </Text>
      <Stack gap={4}>
        {given.map((a) => {
          const scheme = byId.get(a.schemeId);
          return (
            <Group key={a.schemeId} justify="space-between" wrap="nowrap" gap="xs" data-testid="shop-offer">
              <Text size="sm" style={{ minWidth: 0 }}>
                {scheme ? scheme.name[locale] || scheme.name.en : a.schemeId}
              </Text>
              <Group gap={8} wrap="nowrap" style={{ flexShrink: 0 }}>
                {a.free.map((f) => {
                  const sku = skuMap.get(f.skuId);
                  return (
                    <Text key={f.skuId} size="sm" c="grape">
                      {t("orders.shop.free", {
                        qty: fmt.number(f.qty),
                        sku: sku ? skuLabel(sku, locale) : f.skuId,
                      })}
                    </Text>
                  );
                })}
                {a.discountPoisha > 0 ? (
                  <Money size="sm" fw={600} poisha={-a.discountPoisha} style={{ whiteSpace: "nowrap" }} />
                ) : null}
              </Group>
            </Group>
          );
        })}
      </Stack>
    </Paper>
  );
}

const StepperRow = memo(function StepperRow({
  sku,
  pick,
  onStep,
}: {
  sku: OrderBookSku;
  pick: Pick;
  onStep: (skuId: string, delta: number, unit?: string) => void;
}) {
  const locale = useLocale();
  const fmt = useFormat();
  const unit = sku.units.find((u) => u.unit === pick.unit);
  const unitLabel = unit ? (locale === "bn" ? unit.nameBn || unit.name : unit.name) : pick.unit;
  const price = (sku.price?.retailerPricePoisha ?? 0) * (unit?.factor ?? 1);
  return (
    <Paper withBorder p="sm" data-testid="shop-line" data-sku={sku.code}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Text fw={600} lineClamp={2}>
            {skuLabel(sku, locale)}
          </Text>
          <Text size="sm" c="dimmed">
            {fmt.money(price)} / {unitLabel}
          </Text>
        </div>
        <Group gap={6} wrap="nowrap">
          <ActionIcon
            size={44}
            radius="xl"
            variant="light"
            aria-label="−"
            onClick={() => onStep(sku.id, -1, pick.unit)}
            data-testid="shop-minus"
          >
            <Text fw={700} size="xl">
              −
            </Text>
          </ActionIcon>
          <Text fw={700} size="xl" miw={36} ta="center" data-testid="shop-qty">
            {fmt.number(pick.qty)}
          </Text>
          <ActionIcon
            size={44}
            radius="xl"
            aria-label="+"
            onClick={() => onStep(sku.id, 1, pick.unit)}
            data-testid="shop-plus"
          >
            <Text fw={700} size="xl" c="white">
              +
            </Text>
          </ActionIcon>
        </Group>
      </Group>
    </Paper>
  );
});

function MyOrdersTab({ outletId }: { outletId: string }) {
  const { t } = useTranslation();
  const orders = useSecondaryOrders({ outletId }, { limit: 20 });
  const rows = orders.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="xs" data-testid="shop-orders">
      <Title order={4}>{t("orders.shop.myOrders")}</Title>
      <ErrorAlert error={orders.error} />
      {rows.map((o) => (
        <Paper withBorder p="sm" key={o.id} data-testid="shop-order">
          <Group justify="space-between" wrap="nowrap">
            <div>
              <Text fw={600}>{o.number}</Text>
              <Text size="sm" c="dimmed">
                <DateText value={o.orderDate} /> · {o.lineCount} {t("orders.common.lines")}
              </Text>
            </div>
            <Stack gap={4} align="flex-end">
              <OrderStatusBadge status={o.status} />
              <Money fw={600} poisha={o.totalPoisha} />
            </Stack>
          </Group>
          {o.deliveredAt ? (
            <Badge mt={6} color="teal" variant="light" tt="none">
              {t("orders.shop.deliveredOn")} <DateText value={o.deliveredAt} />
              {o.deliveredTotalPoisha !== o.totalPoisha ? (
                <>
                  {" · "}
                  <Money poisha={o.deliveredTotalPoisha} />
                </>
              ) : null}
            </Badge>
          ) : null}
        </Paper>
      ))}
      {!orders.isPending && rows.length === 0 ? <Text c="dimmed">{t("orders.list.empty")}</Text> : null}
      {orders.hasNextPage ? (
        <Button variant="default" onClick={() => orders.fetchNextPage()}>
          {t("common.loadMore")}
        </Button>
      ) : null}
    </Stack>
  );
}
