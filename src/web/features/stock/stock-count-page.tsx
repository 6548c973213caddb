// /stock/count: walk the shelves with the list of SKUs, type what is there, see the differences against
// the system's figures, and submit once: every difference becomes an adjustment with the count's reason.
import { Alert, Button, Checkbox, Group, Stack, Table, Text, Textarea, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { memo, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { newIdempotencyKey } from "../../api/api-client.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { useMe } from "../auth/use-session.ts";
import { skuLabel } from "../orders/order-labels.ts";
import { DistributorSelect, ownDistributorId } from "./stock-page.tsx";
import { type StockRow, useAllStock, useStockCount } from "./use-stock.ts";

const route = getRouteApi("/_app/stock/count");

const digits = (v: string) => v.replace(/[০-৯]/g, (d) => String(d.charCodeAt(0) - 0x09e6)).replace(/[^0-9]/g, "");

export function StockCountPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const search = route.useSearch();
  const distributorId = ownDistributorId(me) ?? search.distributorId;
  const stock = useAllStock(distributorId);
  const [counted, setCounted] = useState<Record<string, string>>({});
  const [onlyDifferences, setOnlyDifferences] = useState(false);
  const [reason, setReason] = useState("");
  const key = useRef(newIdempotencyKey());
  const count = useStockCount({
    meta: { inlineError: true },
    onSuccess: (r) => {
      const changed = r.lines.filter((l) => l.differenceQty !== 0).length;
      notifications.show({ color: "teal", message: t("orders.stock.countDone", { count: changed }) });
      void navigate({ to: "/stock", search: { distributorId } });
    },
  });
  const rows = stock.data ?? [];
  const entered = rows.filter((r) => counted[r.skuId] !== undefined && counted[r.skuId] !== "");
  const differences = entered.filter((r) => Number(counted[r.skuId]) !== r.onHand);
  const visible = useMemo(
    () =>
      onlyDifferences
        ? rows.filter(
            (r) => counted[r.skuId] !== undefined && counted[r.skuId] !== "" && Number(counted[r.skuId]) !== r.onHand,
          )
        : rows,
    [rows, counted, onlyDifferences],
  );
  const setOne = useMemo(() => (skuId: string, v: string) => setCounted((c) => ({ ...c, [skuId]: digits(v) })), []);

  return (
    <Stack gap="md">
      <Title order={2}>{t("orders.stock.countTitle")}</Title>
      {!ownDistributorId(me) ? (
        <DistributorSelect
          value={search.distributorId ?? null}
          onChange={(id) => void navigate({ to: "/stock/count", search: { distributorId: id ?? undefined } })}
        />
      ) : null}
      <Text size="sm" c="dimmed">
        {t("orders.stock.countHint")}
      </Text>
      <ErrorAlert error={stock.error} />
      <Checkbox
        label={t("orders.stock.onlyDifferences")}
        checked={onlyDifferences}
        onChange={(e) => setOnlyDifferences(e.currentTarget.checked)}
      />
      <Table.ScrollContainer minWidth={560}>
        <Table striped verticalSpacing={4} data-testid="count-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("orders.entry.sku")}</Table.Th>
              <Table.Th ta="right">{t("orders.stock.system")}</Table.Th>
              <Table.Th w={120}>{t("orders.stock.counted")}</Table.Th>
              <Table.Th ta="right">{t("orders.stock.difference")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {visible.map((r) => (
              <CountRow key={r.skuId} row={r} value={counted[r.skuId] ?? ""} onChange={setOne} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {differences.length > 0 ? (
        <Alert color="yellow" variant="light" data-testid="count-summary">
          {t("orders.stock.countSummary", { entered: entered.length, differences: differences.length })}
        </Alert>
      ) : null}
      <Textarea
        label={t("orders.stock.reason")}
        required
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        data-testid="count-reason"
      />
      <ErrorAlert error={count.error} />
      <Group justify="flex-end">
        <Button
          disabled={!distributorId || entered.length === 0 || reason.trim() === ""}
          loading={count.isPending}
          onClick={() =>
            distributorId &&
            count.mutate({
              body: {
                distributorId,
                reason: reason.trim(),
                lines: entered.map((r) => ({ skuId: r.skuId, countedQty: Number(counted[r.skuId]) })),
              },
              idempotencyKey: key.current,
            })
          }
          data-testid="count-submit"
        >
          {t("orders.stock.countSubmit")}
        </Button>
      </Group>
    </Stack>
  );
}

const CountRow = memo(function CountRow({
  row,
  value,
  onChange,
}: {
  row: StockRow;
  value: string;
  onChange: (skuId: string, v: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const diff = value === "" ? null : Number(value) - row.onHand;
  return (
    <Table.Tr data-testid="count-row">
      <Table.Td>
        <Text size="sm">{skuLabel({ name: row.skuName, nameBn: row.skuNameBn }, locale)}</Text>
        <Text size="xs" c="dimmed">
          {row.skuCode}
        </Text>
      </Table.Td>
      <Table.Td ta="right">{fmt.number(row.onHand)}</Table.Td>
      <Table.Td>
        <TextInput
          size="xs"
          inputMode="numeric"
          aria-label={t("orders.stock.counted")}
          value={value}
          onChange={(e) => onChange(row.skuId, e.currentTarget.value)}
          data-testid="count-qty"
        />
      </Table.Td>
      <Table.Td ta="right">
        {diff === null ? (
          "—"
        ) : (
          <Text size="sm" fw={600} c={diff === 0 ? "teal" : "red"}>
            {diff > 0 ? `+${fmt.number(diff)}` : diff < 0 ? `-${fmt.number(-diff)}` : fmt.number(0)}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
});
