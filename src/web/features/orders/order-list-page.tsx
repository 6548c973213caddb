// /orders: every memo the caller may see, filtered through the URL. For the distributor this is the
// incoming queue (open orders by default), with confirm / invoice / dispatch / deliver in bulk.
import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue, useMediaQuery } from "@mantine/hooks";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  SECONDARY_STATUSES,
  type SecondaryOrderSummary,
  type SecondaryStatus,
} from "../../../shared/contracts/orders.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyListText, EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateText, Money, NumberText } from "../../ui/formatted-values.tsx";
import { PlusIcon, SearchIcon } from "../../ui/icons.tsx";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { ORDER_STATUS_COLORS } from "./order-labels.ts";
import { localName, useDistributors } from "./use-network-lookups.ts";
import {
  type BulkAction,
  type BulkResult,
  type OrderFilters,
  secondaryOrdersCsvUrl,
  useBulkOrderAction,
  useSecondaryOrders,
} from "./use-secondary-orders.ts";

export interface OrdersSearch {
  status?: SecondaryStatus;
  /** "all" overrides the distributor's default of the open queue. */
  queue?: "open" | "all";
  distributorId?: string;
  from?: string;
  to?: string;
  q?: string;
}

const route = getRouteApi("/_app/orders");
const BULK_ACTIONS: BulkAction[] = ["confirm", "invoice", "dispatch", "deliver"];

export function OrderListPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const canFulfil = hasPermission(me, "orders.fulfil");
  const canWrite = hasPermission(me, "orders.write");
  const isPhone = useMediaQuery("(max-width: 48em)") ?? false;
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const setSearch = (patch: Partial<OrdersSearch>) =>
    void navigate({ search: (s: OrdersSearch) => ({ ...s, ...patch }), replace: true });
  const [q, setQ] = useState(search.q ?? "");
  const [debouncedQ] = useDebouncedValue(q, 300);
  useEffect(() => {
    const next = debouncedQ.trim() || undefined;
    if (next !== search.q) void navigate({ search: (s: OrdersSearch) => ({ ...s, q: next }), replace: true });
  }, [debouncedQ, search.q, navigate]);

  const queue = search.queue ?? (me.role === "distributor" ? "open" : "all");
  const filters: OrderFilters = {
    status: search.status,
    queue: queue === "open" && !search.status ? "open" : undefined,
    distributorId: search.distributorId,
    from: search.from,
    to: search.to,
    q: search.q,
  };
  const orders = useSecondaryOrders(filters);
  const rows = useMemo(() => orders.data?.pages.flatMap((p) => p.items) ?? [], [orders.data]);
  const showDistributorFilter = me.scope.kind === "org" || me.scope.kind === "territory";
  const distributors = useDistributors(showDistributorFilter);

  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const selectable = rows.filter((o) => o.actions.some((a) => (BULK_ACTIONS as string[]).includes(a)));
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const [results, setResults] = useState<{ action: BulkAction; result: BulkResult } | null>(null);
  const bulk = useBulkOrderAction({
    onSuccess: (result, vars) => {
      setResults({ action: vars.action, result });
      setSelected(new Set());
    },
  });
  const numberOf = useMemo(() => new Map(rows.map((r) => [r.id, r.number])), [rows]);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{queue === "open" ? t("orders.list.queueTitle") : t("orders.list.title")}</Title>
        <Group gap="xs">
          <Button
            component="a"
            href={secondaryOrdersCsvUrl(filters)}
            variant="default"
            download
            data-testid="orders-csv"
          >
            {t("orders.common.csv")}
          </Button>
          {canWrite ? (
            <Button component={Link} to="/orders/new" leftSection={<PlusIcon size={16} />} data-testid="order-new">
              {t("orders.list.new")}
            </Button>
          ) : null}
        </Group>
      </Group>

      <Group gap="sm" align="flex-end" wrap="wrap">
        <SegmentedControl
          value={queue}
          onChange={(v) => setSearch({ queue: v === "open" ? "open" : "all" })}
          data={[
            { value: "open", label: t("orders.list.queueOpen") },
            { value: "all", label: t("orders.list.queueAll") },
          ]}
          data-testid="orders-queue"
        />
        <TextInput
          leftSection={<SearchIcon size={16} />}
          placeholder={t("orders.list.searchPlaceholder")}
          aria-label={t("common.search")}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          style={{ flex: "1 1 200px" }}
          data-testid="orders-search"
        />
        <Select
          placeholder={t("orders.list.allStatuses")}
          aria-label={t("orders.common.status")}
          clearable
          value={search.status ?? null}
          onChange={(v) => setSearch({ status: (v as SecondaryStatus | null) ?? undefined })}
          data={SECONDARY_STATUSES.map((s) => ({ value: s, label: t(`orders.status.${s}`) }))}
          w={{ base: "100%", xs: 170 }}
          data-testid="orders-status"
        />
        {showDistributorFilter ? (
          <Select
            placeholder={t("orders.list.allDistributors")}
            aria-label={t("orders.common.distributor")}
            clearable
            searchable
            value={search.distributorId ?? null}
            onChange={(v) => setSearch({ distributorId: v ?? undefined })}
            data={(distributors.data?.items ?? []).map((d) => ({ value: d.id, label: localName(d, locale) }))}
            w={{ base: "100%", xs: 220 }}
            data-testid="orders-distributor"
          />
        ) : null}
        <TextInput
          type="date"
          aria-label={t("orders.list.from")}
          title={t("orders.list.from")}
          value={search.from ?? ""}
          onChange={(e) => setSearch({ from: e.currentTarget.value || undefined })}
          w={{ base: "48%", xs: 150 }}
          data-testid="orders-from"
        />
        <TextInput
          type="date"
          aria-label={t("orders.list.to")}
          title={t("orders.list.to")}
          value={search.to ?? ""}
          onChange={(e) => setSearch({ to: e.currentTarget.value || undefined })}
          w={{ base: "48%", xs: 150 }}
          data-testid="orders-to"
        />
      </Group>

      {canFulfil && selected.size > 0 ? (
        <Paper withBorder p="xs" bg="var(--mantine-primary-color-light)" data-testid="bulk-bar">
          <Group gap="xs" justify="space-between">
            <Text size="sm" fw={500}>
              {t("orders.bulk.selected", { count: selected.size })}
            </Text>
            <Group gap={6}>
              {BULK_ACTIONS.map((a) => (
                <Button
                  key={a}
                  size="xs"
                  variant={a === "confirm" ? "filled" : "light"}
                  loading={bulk.isPending && bulk.variables?.action === a}
                  disabled={bulk.isPending}
                  onClick={() => bulk.mutate({ action: a, ids: [...selected] })}
                  data-testid={`bulk-${a}`}
                >
                  {t(`orders.bulk.${a}`)}
                </Button>
              ))}
              <Button size="xs" variant="subtle" color="gray" onClick={() => setSelected(new Set())}>
                {t("common.clear")}
              </Button>
            </Group>
          </Group>
        </Paper>
      ) : null}

      <ErrorAlert error={orders.error} />

      {isPhone ? (
        <Stack gap="xs" data-testid="orders-table">
          {rows.map((o) => (
            <OrderCard key={o.id} order={o} selectable={canFulfil} selected={selected.has(o.id)} onToggle={toggle} />
          ))}
          {!orders.isPending && rows.length === 0 ? <EmptyListText>{t("orders.list.empty")}</EmptyListText> : null}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="orders-table">
            <Table.Thead>
              <Table.Tr>
                {canFulfil ? (
                  <Table.Th w={36}>
                    <Checkbox
                      aria-label={t("orders.bulk.selectAll")}
                      checked={selectable.length > 0 && selectable.every((o) => selected.has(o.id))}
                      indeterminate={selected.size > 0 && !selectable.every((o) => selected.has(o.id))}
                      onChange={(e) =>
                        setSelected(e.currentTarget.checked ? new Set(selectable.map((o) => o.id)) : new Set())
                      }
                      data-testid="orders-select-all"
                    />
                  </Table.Th>
                ) : null}
                <Table.Th>{t("orders.common.number")}</Table.Th>
                <Table.Th>{t("orders.common.date")}</Table.Th>
                <Table.Th>{t("orders.common.outlet")}</Table.Th>
                <Table.Th>{t("orders.common.distributor")}</Table.Th>
                <Table.Th>{t("orders.common.rep")}</Table.Th>
                <Table.Th ta="right">{t("orders.common.lines")}</Table.Th>
                <Table.Th ta="right">{t("orders.totals.total")}</Table.Th>
                <Table.Th>{t("orders.common.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((o) => (
                <Table.Tr key={o.id} data-testid="order-row" data-number={o.number}>
                  {canFulfil ? (
                    <Table.Td>
                      <Checkbox
                        aria-label={o.number}
                        checked={selected.has(o.id)}
                        onChange={() => toggle(o.id)}
                        data-testid="order-select"
                      />
                    </Table.Td>
                  ) : null}
                  <Table.Td>
                    <Anchor component={Link} to={`/orders/${o.id}`} size="sm" fw={500}>
                      {o.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                      <DateText value={o.orderDate} />
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{localName({ name: o.outletName, nameBn: o.outletNameBn }, locale)}</Text>
                    <Text size="xs" c="dimmed">
                      {o.outletCode}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{localName({ name: o.distributorName, nameBn: o.distributorNameBn }, locale)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{o.repName ?? "—"}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <NumberText value={o.lineCount} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Money size="sm" poisha={o.totalPoisha} />
                  </Table.Td>
                  <Table.Td>
                    <OrderStatusBadge status={o.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
              {!orders.isPending && rows.length === 0 ? (
                <EmptyTableRow colSpan={canFulfil ? 9 : 8}>{t("orders.list.empty")}</EmptyTableRow>
              ) : null}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t("common.shown")} <NumberText value={rows.length} />
        </Text>
        {orders.hasNextPage ? (
          <Button
            variant="default"
            loading={orders.isFetchingNextPage}
            onClick={() => orders.fetchNextPage()}
            data-testid="load-more"
          >
            {t("common.loadMore")}
          </Button>
        ) : null}
      </Group>

      <Modal
        opened={results !== null}
        onClose={() => setResults(null)}
        title={results ? t(`orders.bulk.${results.action}`) : ""}
        centered
      >
        {results ? (
          <Stack gap={6} data-testid="bulk-results">
            <Text size="sm">
              {t("orders.bulk.summary", {
                ok: results.result.results.filter((r) => r.ok).length,
                failed: results.result.results.filter((r) => !r.ok).length,
              })}
            </Text>
            {results.result.results.map((r) => (
              <Group key={r.id} gap="xs" wrap="nowrap" align="flex-start" data-testid="bulk-result">
                <Badge color={r.ok ? "teal" : "red"} variant="light" miw={64}>
                  {r.ok ? t("orders.bulk.ok") : t("orders.bulk.failed")}
                </Badge>
                <Text size="sm" fw={500}>
                  {numberOf.get(r.id) ?? r.id.slice(0, 8)}
                </Text>
                <Text size="sm" c={r.ok ? "dimmed" : "red"}>
                  {r.ok && r.status ? t(`orders.status.${r.status}`) : (r.error?.message ?? "")}
                </Text>
              </Group>
            ))}
            <Group justify="flex-end" mt="sm">
              <Button onClick={() => setResults(null)} data-testid="bulk-results-close">
                {t("common.done")}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </Stack>
  );
}

export function OrderStatusBadge({ status }: { status: SecondaryStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={ORDER_STATUS_COLORS[status]} variant="light" tt="none" data-testid="order-status">
      {t(`orders.status.${status}`)}
    </Badge>
  );
}

function OrderCard({
  order: o,
  selectable,
  selected,
  onToggle,
}: {
  order: SecondaryOrderSummary;
  selectable: boolean;
  selected: boolean;
  onToggle: (id: string) => void;
}) {
  const locale = useLocale();
  return (
    <Paper withBorder p="sm" data-testid="order-row" data-number={o.number}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Group gap="xs" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
          {selectable ? (
            <Checkbox
              aria-label={o.number}
              checked={selected}
              onChange={() => onToggle(o.id)}
              data-testid="order-select"
              mt={2}
            />
          ) : null}
          <div style={{ minWidth: 0 }}>
            <Anchor component={Link} to={`/orders/${o.id}`} size="sm" fw={600}>
              {o.number}
            </Anchor>
            <Text size="sm" truncate>
              {localName({ name: o.outletName, nameBn: o.outletNameBn }, locale)}
            </Text>
            <Text size="xs" c="dimmed">
              <DateText value={o.orderDate} /> ·{" "}
              {localName({ name: o.distributorName, nameBn: o.distributorNameBn }, locale)}
            </Text>
          </div>
        </Group>
        <Stack gap={4} align="flex-end">
          <OrderStatusBadge status={o.status} />
          <Money size="sm" fw={600} poisha={o.totalPoisha} />
        </Stack>
      </Group>
    </Paper>
  );
}
