// Primary orders: the distributor orders from the company (in cases, at the distributor price), head office
// approves or rejects and dispatches, and the distributor receives the goods with batch numbers and expiry.
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { useEffect, useMemo, useReducer, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { PRIMARY_STATUSES } from "../../../shared/contracts/inventory.ts";
import { newIdempotencyKey } from "../../api/api-client.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateText, DateTimeText, Money, NumberText } from "../../ui/formatted-values.tsx";
import { PlusIcon } from "../../ui/icons.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { LineSchemeBadges } from "../promotions/line-schemes.tsx";
import { DistributorSelect, ownDistributorId } from "../stock/stock-page.tsx";
import { TotalsLine } from "./order-entry-page.tsx";
import { PRIMARY_STATUS_COLORS, skuLabel } from "./order-labels.ts";
import { OrderLinesGrid } from "./order-lines-grid.tsx";
import { entryTotals, linesReducer, toOrderLines } from "./order-lines-state.ts";
import { localName } from "./use-network-lookups.ts";
import { useOrderBook } from "./use-order-book.ts";
import {
  type PrimaryOrder,
  type PrimaryStatus,
  type PrimaryTransition,
  useCreatePrimaryOrder,
  usePrimaryOrder,
  usePrimaryOrders,
  usePrimaryTransition,
} from "./use-primary-orders.ts";

export interface PrimaryOrdersSearch {
  distributorId?: string;
  status?: PrimaryStatus;
}

const listRoute = getRouteApi("/_app/primary-orders");
const detailRoute = getRouteApi("/_app/primary-orders/$primaryOrderId");

export function PrimaryStatusBadge({ status }: { status: PrimaryStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={PRIMARY_STATUS_COLORS[status]} variant="light" tt="none" data-testid="primary-status">
      {t(`orders.primaryStatus.${status}`)}
    </Badge>
  );
}

export function PrimaryOrderListPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const search = listRoute.useSearch();
  const navigate = listRoute.useNavigate();
  const own = ownDistributorId(me);
  const orders = usePrimaryOrders({ distributorId: own ?? search.distributorId, status: search.status });
  const rows = orders.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t("orders.primary.title")}</Title>
        {hasPermission(me, "primary.write") ? (
          <Button
            component={Link}
            to="/primary-orders/new"
            leftSection={<PlusIcon size={16} />}
            data-testid="primary-new"
          >
            {t("orders.primary.new")}
          </Button>
        ) : null}
      </Group>
      <Group gap="sm">
        {!own ? (
          <DistributorSelect
            value={search.distributorId ?? null}
            onChange={(id) =>
              void navigate({ search: (s: PrimaryOrdersSearch) => ({ ...s, distributorId: id ?? undefined }) })
            }
          />
        ) : null}
        <Select
          placeholder={t("orders.list.allStatuses")}
          aria-label={t("orders.common.status")}
          clearable
          value={search.status ?? null}
          onChange={(v) =>
            void navigate({ search: (s: PrimaryOrdersSearch) => ({ ...s, status: (v as PrimaryStatus) ?? undefined }) })
          }
          data={PRIMARY_STATUSES.map((s) => ({ value: s, label: t(`orders.primaryStatus.${s}`) }))}
          w={{ base: "100%", xs: 180 }}
        />
      </Group>
      <ErrorAlert error={orders.error} />
      <Table.ScrollContainer minWidth={680}>
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="primary-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("orders.common.number")}</Table.Th>
              <Table.Th>{t("orders.common.date")}</Table.Th>
              <Table.Th>{t("orders.common.distributor")}</Table.Th>
              <Table.Th ta="right">{t("orders.common.lines")}</Table.Th>
              <Table.Th ta="right">{t("orders.totals.total")}</Table.Th>
              <Table.Th>{t("orders.common.status")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((o) => (
              <Table.Tr key={o.id} data-testid="primary-row">
                <Table.Td>
                  <Anchor component={Link} to={`/primary-orders/${o.id}`} size="sm">
                    {o.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <DateText value={o.orderDate} />
                </Table.Td>
                <Table.Td>{localName({ name: o.distributorName, nameBn: o.distributorNameBn }, locale)}</Table.Td>
                <Table.Td ta="right">
                  <NumberText value={o.lineCount} />
                </Table.Td>
                <Table.Td ta="right">
                  <Money size="sm" poisha={o.totalPoisha} />
                </Table.Td>
                <Table.Td>
                  <PrimaryStatusBadge status={o.status} />
                </Table.Td>
              </Table.Tr>
            ))}
            {!orders.isPending && rows.length === 0 ? (
              <EmptyTableRow colSpan={6}>{t("orders.primary.empty")}</EmptyTableRow>
            ) : null}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {orders.hasNextPage ? (
        <Button variant="default" w="fit-content" onClick={() => orders.fetchNextPage()}>
          {t("common.loadMore")}
        </Button>
      ) : null}
    </Stack>
  );
}

export function PrimaryOrderNewPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const own = ownDistributorId(me);
  const [picked, setPicked] = useState<string | null>(null);
  const distributorId = own ?? picked ?? undefined;
  const book = useOrderBook({ distributorId });
  const skus = book.data?.skus ?? [];
  const skuMap = useMemo(() => new Map(skus.map((s) => [s.id, s])), [skus]);
  const [lines, dispatch] = useReducer(linesReducer, []);
  const totals = useMemo(() => entryTotals(lines, skuMap, "distributor"), [lines, skuMap]);
  const [note, setNote] = useState("");
  const key = useRef(newIdempotencyKey());
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new key whenever the order changes
  useEffect(() => {
    key.current = newIdempotencyKey();
  }, [lines, distributorId, note]);
  const create = useCreatePrimaryOrder({
    meta: { inlineError: true },
    onSuccess: (o) => {
      notifications.show({ color: "teal", message: t("orders.primary.created", { number: o.number }) });
      void navigate({ to: "/primary-orders/$primaryOrderId", params: { primaryOrderId: o.id } });
    },
  });
  const orderLines = toOrderLines(lines);
  const submit = (submitNow: boolean) =>
    distributorId &&
    create.mutate({
      body: { distributorId, lines: orderLines, submit: submitNow, note: note.trim() || undefined },
      idempotencyKey: key.current,
    });

  return (
    <Stack gap="md" pb={96}>
      <Title order={2}>{t("orders.primary.new")}</Title>
      {!own ? <DistributorSelect value={picked} onChange={setPicked} /> : null}
      <ErrorAlert error={book.error} />
      {book.data ? (
        <OrderLinesGrid skus={skus} lines={lines} dispatch={dispatch} basis="distributor" preferredUnit="case" />
      ) : null}
      <Textarea label={t("orders.entry.note")} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
      <ErrorAlert error={create.error} />
      <Paper withBorder shadow="sm" p="sm" pos="sticky" bottom={0} style={{ zIndex: 5 }}>
        <Group justify="space-between">
          <TotalsLine totals={totals} lineCount={orderLines.length} />
          <Group gap="xs">
            <Button
              variant="default"
              disabled={!distributorId || orderLines.length === 0}
              onClick={() => submit(false)}
              loading={create.isPending && create.variables?.body.submit === false}
            >
              {t("orders.entry.saveDraft")}
            </Button>
            <Button
              disabled={!distributorId || orderLines.length === 0}
              onClick={() => submit(true)}
              loading={create.isPending && create.variables?.body.submit === true}
              data-testid="primary-submit"
            >
              {t("orders.primary.submit")}
            </Button>
          </Group>
        </Group>
      </Paper>
    </Stack>
  );
}

export function PrimaryOrderDetailPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const { primaryOrderId } = detailRoute.useParams();
  const order = usePrimaryOrder(primaryOrderId);
  const [receiving, setReceiving] = useState(false);
  const [deciding, setDeciding] = useState<"approve" | "reject" | null>(null);
  const transition = usePrimaryTransition({
    onSuccess: (o) => notifications.show({ color: "teal", message: t(`orders.primaryStatus.${o.status}`) }),
  });
  if (order.error) return <ErrorAlert error={order.error} />;
  const o = order.data;
  if (!o) return <Text c="dimmed">{t("orders.common.loading")}</Text>;
  return (
    <Stack gap="md" data-testid="primary-detail">
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="xs">
            <Title order={2}>{o.number}</Title>
            <PrimaryStatusBadge status={o.status} />
          </Group>
          <Text size="sm" c="dimmed">
            {localName({ name: o.distributorName, nameBn: o.distributorNameBn }, locale)} ·{" "}
            <DateText value={o.orderDate} />
          </Text>
        </div>
        <Group gap="xs">
          {o.actions.map((a) => (
            <Button
              key={a}
              variant={a === "cancel" || a === "reject" ? "light" : "filled"}
              color={a === "cancel" || a === "reject" ? "red" : undefined}
              loading={transition.isPending && transition.variables?.action === a}
              onClick={() => {
                if (a === "receive") setReceiving(true);
                else if (a === "approve" || a === "reject") setDeciding(a);
                else transition.mutate({ id: o.id, action: a });
              }}
              data-testid={`primary-action-${a}`}
            >
              {t(`orders.primaryActions.${a}`)}
            </Button>
          ))}
        </Group>
      </Group>
      {o.note ? (
        <Text size="sm">
          {t("orders.entry.note")}: {o.note}
        </Text>
      ) : null}
      {o.decisionNote ? (
        <Text size="sm">
          {t("orders.primary.decisionNote")}: {o.decisionNote}
        </Text>
      ) : null}
      <ErrorAlert error={transition.error} />
      <Table.ScrollContainer minWidth={640}>
        <Table striped verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>{t("orders.entry.sku")}</Table.Th>
              <Table.Th ta="right">{t("orders.entry.qty")}</Table.Th>
              <Table.Th ta="right">{t("orders.detail.baseQty")}</Table.Th>
              <Table.Th ta="right">{t("orders.primary.received")}</Table.Th>
              <Table.Th ta="right">{t("orders.totals.discount")}</Table.Th>
              <Table.Th ta="right">{t("orders.entry.lineTotal")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(o.lines ?? []).map((l) => (
              <Table.Tr key={l.lineNo}>
                <Table.Td>{fmt.number(l.lineNo)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{skuLabel({ name: l.skuName, nameBn: l.skuNameBn }, locale)}</Text>
                  <Text size="xs" c="dimmed">
                    {l.skuCode}
                  </Text>
                  <LineSchemeBadges line={l} />
                </Table.Td>
                <Table.Td ta="right">
                  {fmt.number(l.enteredQty)} {t(`orders.units.${l.enteredUnit}`, { defaultValue: l.enteredUnit })}
                </Table.Td>
                <Table.Td ta="right">{fmt.number(l.qty)}</Table.Td>
                <Table.Td ta="right">{fmt.number(l.receivedQty)}</Table.Td>
                <Table.Td ta="right">
                  {l.discountPoisha ? <Money poisha={-l.discountPoisha} size="sm" c="grape" /> : "—"}
                </Table.Td>
                <Table.Td ta="right">
                  <Money size="sm" poisha={l.totalPoisha} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="flex-end" gap="lg">
        <Text size="sm">
          {t("orders.totals.subtotal")}: <Money poisha={o.subtotalPoisha} />
        </Text>
        {o.discountPoisha ? (
          <Text size="sm">
            {t("orders.totals.discount")}: <Money poisha={-o.discountPoisha} />
          </Text>
        ) : null}
        <Text size="sm">
          {t("orders.totals.vat")}: <Money poisha={o.vatPoisha} />
        </Text>
        <Text fw={700}>
          {t("orders.totals.total")}: <Money poisha={o.totalPoisha} />
        </Text>
      </Group>
      <Stack gap={2}>
        {o.submittedAt ? (
          <Text size="xs" c="dimmed">
            {t("orders.primaryStatus.submitted")}: <DateTimeText value={o.submittedAt} />
          </Text>
        ) : null}
        {o.approvedAt ? (
          <Text size="xs" c="dimmed">
            {t("orders.primaryStatus.approved")}: <DateTimeText value={o.approvedAt} />
          </Text>
        ) : null}
        {o.dispatchedAt ? (
          <Text size="xs" c="dimmed">
            {t("orders.primaryStatus.dispatched")}: <DateTimeText value={o.dispatchedAt} />
          </Text>
        ) : null}
        {o.receivedAt ? (
          <Text size="xs" c="dimmed">
            {t("orders.primaryStatus.received")}: <DateTimeText value={o.receivedAt} />
          </Text>
        ) : null}
      </Stack>
      <DecisionModal
        order={o}
        decision={deciding}
        onClose={() => setDeciding(null)}
        onDecide={(tr) => transition.mutate(tr, { onSuccess: () => setDeciding(null) })}
        loading={transition.isPending}
      />
      <ReceiveModal order={o} opened={receiving} onClose={() => setReceiving(false)} />
      <Anchor component={Link} to="/primary-orders" size="sm">
        ← {t("orders.primary.title")}
      </Anchor>
    </Stack>
  );
}

function DecisionModal({
  order,
  decision,
  onClose,
  onDecide,
  loading,
}: {
  order: PrimaryOrder;
  decision: "approve" | "reject" | null;
  onClose: () => void;
  onDecide: (t: PrimaryTransition) => void;
  loading: boolean;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState("");
  return (
    <Modal
      opened={decision !== null}
      onClose={onClose}
      title={decision ? t(`orders.primaryActions.${decision}`) : ""}
      centered
    >
      <Stack gap="sm">
        <Textarea
          label={t("orders.primary.decisionNote")}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            color={decision === "reject" ? "red" : undefined}
            loading={loading}
            onClick={() => decision && onDecide({ id: order.id, action: decision, note: note.trim() || undefined })}
            data-testid="primary-decide"
          >
            {decision ? t(`orders.primaryActions.${decision}`) : ""}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

interface ReceiptDraft {
  batchNo: string;
  expiryDate: string;
  qty: string;
}

/** Each line may arrive in several batches; by default one batch with everything still to receive. */
function ReceiveModal({ order, opened, onClose }: { order: PrimaryOrder; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [drafts, setDrafts] = useState<Record<number, ReceiptDraft[]>>({});
  const receive = usePrimaryTransition({ meta: { inlineError: true }, onSuccess: onClose });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form resets when the dialog opens
  useEffect(() => {
    if (!opened) return;
    receive.reset();
    setDrafts(
      Object.fromEntries(
        (order.lines ?? []).map((l) => [
          l.lineNo,
          [{ batchNo: "", expiryDate: "", qty: String(l.qty - l.receivedQty) }],
        ]),
      ),
    );
  }, [opened]);
  const update = (lineNo: number, i: number, patch: Partial<ReceiptDraft>) =>
    setDrafts((d) => ({ ...d, [lineNo]: (d[lineNo] ?? []).map((r, j) => (j === i ? { ...r, ...patch } : r)) }));
  const body = {
    lines: Object.entries(drafts)
      .map(([lineNo, receipts]) => ({
        lineNo: Number(lineNo),
        receipts: receipts
          .filter((r) => Number(r.qty) > 0)
          .map((r) => ({ batchNo: r.batchNo.trim(), qty: Number(r.qty), expiryDate: r.expiryDate || undefined })),
      }))
      .filter((l) => l.receipts.length > 0),
  };
  const complete = body.lines.length > 0 && body.lines.every((l) => l.receipts.every((r) => r.batchNo !== ""));
  return (
    <Modal opened={opened} onClose={onClose} title={t("orders.primaryActions.receive")} size="xl" centered>
      <Stack gap="sm" data-testid="receive-dialog">
        {(order.lines ?? []).map((l) => (
          <Paper withBorder p="xs" key={l.lineNo}>
            <Group justify="space-between">
              <Text size="sm" fw={500}>
                {skuLabel({ name: l.skuName, nameBn: l.skuNameBn }, locale)} · {l.skuCode}
              </Text>
              <ActionIcon
                variant="light"
                aria-label={t("orders.primary.addBatch")}
                onClick={() =>
                  setDrafts((d) => ({
                    ...d,
                    [l.lineNo]: [...(d[l.lineNo] ?? []), { batchNo: "", expiryDate: "", qty: "" }],
                  }))
                }
              >
                <PlusIcon size={14} />
              </ActionIcon>
            </Group>
            {(drafts[l.lineNo] ?? []).map((r, i) => (
              <Group key={String(i)} gap="xs" mt={4} grow>
                <TextInput
                  size="xs"
                  label={t("orders.stock.batch")}
                  value={r.batchNo}
                  onChange={(e) => update(l.lineNo, i, { batchNo: e.currentTarget.value })}
                  data-testid="receive-batch"
                />
                <TextInput
                  size="xs"
                  type="date"
                  label={t("orders.primary.expiry")}
                  value={r.expiryDate}
                  onChange={(e) => update(l.lineNo, i, { expiryDate: e.currentTarget.value })}
                />
                <TextInput
                  size="xs"
                  inputMode="numeric"
                  label={t("orders.entry.qty")}
                  value={r.qty}
                  onChange={(e) => update(l.lineNo, i, { qty: e.currentTarget.value.replace(/[^0-9]/g, "") })}
                />
              </Group>
            ))}
          </Paper>
        ))}
        <ErrorAlert error={receive.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            disabled={!complete}
            loading={receive.isPending}
            onClick={() => receive.mutate({ id: order.id, action: "receive", body })}
            data-testid="receive-submit"
          >
            {t("orders.primaryActions.receive")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
