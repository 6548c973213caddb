// /stock: one distributor's stock per SKU (on hand, reserved, available, damaged, next expiry), with its
// movement history, adjustments with a reason, and the way into a stock count.
import {
  Badge,
  Button,
  Checkbox,
  Drawer,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { getRouteApi } from "@tanstack/react-router";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { MeResponse } from "../../../shared/contracts/auth.ts";
import { newIdempotencyKey } from "../../api/api-client.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateText, DateTimeText, NumberText } from "../../ui/formatted-values.tsx";
import { SearchIcon } from "../../ui/icons.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { skuLabel } from "../orders/order-labels.ts";
import { localName, useDistributors } from "../orders/use-network-lookups.ts";
import { type StockRow, useStock, useStockAdjustment, useStockMovements } from "./use-stock.ts";

export interface StockSearch {
  distributorId?: string;
  q?: string;
  outOfStock?: boolean;
}

const route = getRouteApi("/_app/stock");

/** A distributor user works on its own stock; head office picks a distributor. */
export function ownDistributorId(me: MeResponse): string | undefined {
  return me.scope.kind === "distributor" ? me.scope.distributorId : undefined;
}

export function DistributorSelect({
  value,
  onChange,
  testId = "distributor-select",
}: {
  value: string | null;
  onChange: (id: string | null) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const distributors = useDistributors();
  return (
    <Select
      placeholder={t("orders.stock.pickDistributor")}
      aria-label={t("orders.common.distributor")}
      searchable
      value={value}
      onChange={onChange}
      data={(distributors.data?.items ?? []).map((d) => ({
        value: d.id,
        label: `${localName(d, locale)} · ${d.code}`,
      }))}
      w={{ base: "100%", xs: 280 }}
      data-testid={testId}
    />
  );
}

export function StockPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const canWrite = hasPermission(me, "stock.write");
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const own = ownDistributorId(me);
  const distributorId = own ?? search.distributorId;
  const [q, setQ] = useState(search.q ?? "");
  const [debouncedQ] = useDebouncedValue(q, 300);
  useEffect(() => {
    const next = debouncedQ.trim() || undefined;
    if (next !== search.q) void navigate({ search: (s: StockSearch) => ({ ...s, q: next }), replace: true });
  }, [debouncedQ, search.q, navigate]);

  const stock = useStock(
    distributorId ? { distributorId, q: search.q, outOfStock: search.outOfStock || undefined } : null,
  );
  const rows = useMemo(() => stock.data?.pages.flatMap((p) => p.items) ?? [], [stock.data]);
  const [history, setHistory] = useState<StockRow | null>(null);
  const [adjusting, setAdjusting] = useState<StockRow | null>(null);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t("orders.stock.title")}</Title>
        {canWrite && distributorId ? (
          <Button
            onClick={() => void navigate({ to: "/stock/count", search: { distributorId } })}
            variant="default"
            data-testid="stock-count-start"
          >
            {t("orders.stock.count")}
          </Button>
        ) : null}
      </Group>
      <Group gap="sm" align="flex-end">
        {!own ? (
          <DistributorSelect
            value={search.distributorId ?? null}
            onChange={(id) => void navigate({ search: (s: StockSearch) => ({ ...s, distributorId: id ?? undefined }) })}
          />
        ) : null}
        <TextInput
          leftSection={<SearchIcon size={16} />}
          placeholder={t("orders.stock.searchPlaceholder")}
          aria-label={t("common.search")}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          style={{ flex: "1 1 200px" }}
          data-testid="stock-search"
        />
        <Checkbox
          label={t("orders.stock.outOfStockOnly")}
          checked={search.outOfStock ?? false}
          onChange={(e) => {
            const v = e.currentTarget.checked || undefined;
            void navigate({ search: (s: StockSearch) => ({ ...s, outOfStock: v }), replace: true });
          }}
          data-testid="stock-out-filter"
        />
      </Group>
      {!distributorId ? <Text c="dimmed">{t("orders.stock.pickDistributorFirst")}</Text> : null}
      <ErrorAlert error={stock.error} />
      {distributorId ? (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="stock-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("orders.entry.sku")}</Table.Th>
                <Table.Th ta="right">{t("orders.stock.onHand")}</Table.Th>
                <Table.Th ta="right">{t("orders.stock.reserved")}</Table.Th>
                <Table.Th ta="right">{t("orders.stock.available")}</Table.Th>
                <Table.Th ta="right">{t("orders.stock.damaged")}</Table.Th>
                <Table.Th>{t("orders.stock.nextExpiry")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.skuId} data-testid="stock-row" data-sku={r.skuCode}>
                  <Table.Td>
                    <Text size="sm">{skuLabel({ name: r.skuName, nameBn: r.skuNameBn }, locale)}</Text>
                    <Text size="xs" c="dimmed">
                      {r.skuCode}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <NumberText value={r.onHand} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <NumberText value={r.reserved} />
                  </Table.Td>
                  <Table.Td ta="right" data-testid="stock-available">
                    {r.available <= 0 ? (
                      <Badge color="red" variant="light">
                        <NumberText value={r.available} />
                      </Badge>
                    ) : (
                      <Text size="sm" fw={600}>
                        <NumberText value={r.available} />
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    <NumberText value={r.damaged} />
                  </Table.Td>
                  <Table.Td>{r.nextExpiry ? <DateText value={r.nextExpiry} /> : "—"}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => setHistory(r)}
                        data-testid="stock-history"
                      >
                        {t("orders.stock.history")}
                      </Button>
                      {canWrite ? (
                        <Button
                          size="compact-xs"
                          variant="light"
                          onClick={() => setAdjusting(r)}
                          data-testid="stock-adjust"
                        >
                          {t("orders.stock.adjust")}
                        </Button>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
              {!stock.isPending && rows.length === 0 ? (
                <EmptyTableRow colSpan={7}>{t("orders.stock.empty")}</EmptyTableRow>
              ) : null}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {stock.hasNextPage ? (
        <Button
          variant="default"
          onClick={() => stock.fetchNextPage()}
          loading={stock.isFetchingNextPage}
          w="fit-content"
        >
          {t("common.loadMore")}
        </Button>
      ) : null}
      {distributorId ? (
        <>
          <MovementsDrawer distributorId={distributorId} row={history} onClose={() => setHistory(null)} />
          <AdjustModal distributorId={distributorId} row={adjusting} onClose={() => setAdjusting(null)} />
        </>
      ) : null}
    </Stack>
  );
}

function MovementsDrawer({
  distributorId,
  row,
  onClose,
}: {
  distributorId: string;
  row: StockRow | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const movements = useStockMovements(row ? { distributorId, skuId: row.skuId } : null);
  const items = movements.data?.pages.flatMap((p) => p.items) ?? [];
  const signed = (n: number) => (n > 0 ? `+${fmt.number(n)}` : n < 0 ? `-${fmt.number(-n)}` : "");
  return (
    <Drawer
      opened={row !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={row ? `${skuLabel({ name: row.skuName, nameBn: row.skuNameBn }, locale)} · ${row.skuCode}` : ""}
    >
      <ErrorAlert error={movements.error} />
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing={4} striped data-testid="stock-movements">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("orders.stock.when")}</Table.Th>
              <Table.Th>{t("orders.stock.kind")}</Table.Th>
              <Table.Th ta="right">{t("orders.stock.onHand")}</Table.Th>
              <Table.Th ta="right">{t("orders.stock.reserved")}</Table.Th>
              <Table.Th>{t("orders.stock.reference")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>
                  <Text size="xs">
                    <DateTimeText value={m.createdAt} />
                  </Text>
                  {m.createdByName ? (
                    <Text size="xs" c="dimmed">
                      {m.createdByName}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`orders.movement.${m.kind}`)}</Text>
                  {m.batchNo ? (
                    <Text size="xs" c="dimmed">
                      {m.batchNo}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td ta="right">{signed(m.onHandDelta + m.damagedDelta)}</Table.Td>
                <Table.Td ta="right">{signed(m.reservedDelta)}</Table.Td>
                <Table.Td>
                  <Text size="xs">{m.refNumber ?? m.reason ?? "—"}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
            {!movements.isPending && items.length === 0 ? (
              <EmptyTableRow colSpan={5}>{t("orders.stock.noMovements")}</EmptyTableRow>
            ) : null}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {movements.hasNextPage ? (
        <Button variant="default" onClick={() => movements.fetchNextPage()} mt="sm">
          {t("common.loadMore")}
        </Button>
      ) : null}
    </Drawer>
  );
}

function AdjustModal({
  distributorId,
  row,
  onClose,
}: {
  distributorId: string;
  row: StockRow | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [delta, setDelta] = useState<number | string>("");
  const [reason, setReason] = useState("");
  const [batchNo, setBatchNo] = useState("");
  const key = useRef(newIdempotencyKey());
  const adjust = useStockAdjustment({
    meta: { inlineError: true },
    onSuccess: () => {
      notifications.show({ color: "teal", message: t("orders.stock.adjusted") });
      onClose();
    },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form resets when another SKU is opened
  useEffect(() => {
    if (row) {
      setDelta("");
      setReason("");
      setBatchNo("");
      key.current = newIdempotencyKey();
      adjust.reset();
    }
  }, [row]);
  const n = typeof delta === "number" ? delta : Number.NaN;
  return (
    <Modal opened={row !== null} onClose={onClose} title={t("orders.stock.adjustTitle")} centered>
      {row ? (
        <Stack gap="sm" data-testid="adjust-dialog">
          <Text size="sm" fw={500}>
            {skuLabel({ name: row.skuName, nameBn: row.skuNameBn }, locale)} · {row.skuCode}
          </Text>
          <NumberInput
            label={t("orders.stock.qtyDelta")}
            description={t("orders.stock.qtyDeltaHint")}
            allowDecimal={false}
            value={delta}
            onChange={setDelta}
            data-testid="adjust-qty"
          />
          <TextInput
            label={t("orders.stock.batch")}
            value={batchNo}
            onChange={(e) => setBatchNo(e.currentTarget.value)}
          />
          <Textarea
            label={t("orders.stock.reason")}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-testid="adjust-reason"
          />
          <ErrorAlert error={adjust.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button
              disabled={!Number.isInteger(n) || n === 0 || reason.trim() === ""}
              loading={adjust.isPending}
              onClick={() =>
                adjust.mutate({
                  body: {
                    distributorId,
                    skuId: row.skuId,
                    qtyDelta: n,
                    reason: reason.trim(),
                    batchNo: batchNo.trim() || undefined,
                  },
                  idempotencyKey: key.current,
                })
              }
              data-testid="adjust-submit"
            >
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
