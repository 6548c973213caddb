// /collections: who owes what and for how long (ageing), totals, CSV, and recording a payment.
// OutletDuesPanel and OutletOrdersTable are exported for the outlet page.
import {
  Anchor,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Ageing, PAYMENT_METHODS } from "../../../shared/contracts/orders.ts";
import { businessDate } from "../../../shared/format.ts";
import { newIdempotencyKey } from "../../api/api-client.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateText, Money } from "../../ui/formatted-values.tsx";
import { PlusIcon, SearchIcon } from "../../ui/icons.tsx";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { OrderStatusBadge } from "./order-list-page.tsx";
import { OutletPicker } from "./outlet-picker.tsx";
import { localName, useDistributors } from "./use-network-lookups.ts";
import { duesCsvUrl, useCreatePayment, useDues, useOutletDues } from "./use-payments.ts";
import { useSecondaryOrders } from "./use-secondary-orders.ts";

export interface CollectionsSearch {
  distributorId?: string;
  overdueOnly?: boolean;
  q?: string;
}

const route = getRouteApi("/_app/collections");

const AGEING_KEYS: (keyof Ageing)[] = [
  "notDuePoisha",
  "days1to15Poisha",
  "days16to30Poisha",
  "days31to60Poisha",
  "over60Poisha",
];

/** "1,234.50" or "১২৩৪.৫" taka to integer poisha, without floating point; null when not an amount. */
export function parseTaka(input: string): number | null {
  const s = input
    .replace(/[০-৯]/g, (d) => String(d.charCodeAt(0) - 0x09e6))
    .replace(/[,\s৳]/g, "")
    .trim();
  const m = /^(\d{1,12})(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  const poisha = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0") || "0");
  return Number.isSafeInteger(poisha) ? poisha : null;
}

export function CollectionsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useMe();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [q, setQ] = useState(search.q ?? "");
  const [debouncedQ] = useDebouncedValue(q, 300);
  useEffect(() => {
    const next = debouncedQ.trim() || undefined;
    if (next !== search.q) void navigate({ search: (s: CollectionsSearch) => ({ ...s, q: next }), replace: true });
  }, [debouncedQ, search.q, navigate]);
  const filters = { distributorId: search.distributorId, overdueOnly: search.overdueOnly || undefined, q: search.q };
  const dues = useDues(filters);
  const first = dues.data?.pages[0];
  const rows = dues.data?.pages.flatMap((p) => p.items) ?? [];
  const showDistributor = me.scope.kind === "org" || me.scope.kind === "territory";
  const distributors = useDistributors(showDistributor);
  const [paying, setPaying] = useState<{ outletId: string | null } | null>(null);
  const [panelOutlet, setPanelOutlet] = useState<string | null>(null);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t("orders.collections.title")}</Title>
        <Group gap="xs">
          <Button component="a" href={duesCsvUrl(filters)} variant="default" download data-testid="dues-csv">
            {t("orders.common.csv")}
          </Button>
          {hasPermission(me, "payments.write") ? (
            <Button
              leftSection={<PlusIcon size={16} />}
              onClick={() => setPaying({ outletId: null })}
              data-testid="payment-new"
            >
              {t("orders.collections.record")}
            </Button>
          ) : null}
        </Group>
      </Group>
      <Group gap="sm" align="flex-end">
        <TextInput
          leftSection={<SearchIcon size={16} />}
          placeholder={t("orders.collections.searchPlaceholder")}
          aria-label={t("common.search")}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          style={{ flex: "1 1 200px" }}
          data-testid="dues-search"
        />
        {showDistributor ? (
          <Select
            placeholder={t("orders.list.allDistributors")}
            aria-label={t("orders.common.distributor")}
            clearable
            searchable
            value={search.distributorId ?? null}
            onChange={(v) =>
              void navigate({ search: (s: CollectionsSearch) => ({ ...s, distributorId: v ?? undefined }) })
            }
            data={(distributors.data?.items ?? []).map((d) => ({ value: d.id, label: localName(d, locale) }))}
            w={{ base: "100%", xs: 220 }}
          />
        ) : null}
        <Checkbox
          label={t("orders.collections.overdueOnly")}
          checked={search.overdueOnly ?? false}
          onChange={(e) => {
            const v = e.currentTarget.checked || undefined;
            void navigate({ search: (s: CollectionsSearch) => ({ ...s, overdueOnly: v }), replace: true });
          }}
          data-testid="dues-overdue"
        />
      </Group>
      {first ? (
        <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="xs" data-testid="dues-totals">
          <Stat label={t("orders.collections.totalDue")} poisha={first.totalPoisha} strong />
          {AGEING_KEYS.map((k) => (
            <Stat key={k} label={t(`orders.ageing.${k}`)} poisha={first.ageing[k]} />
          ))}
        </SimpleGrid>
      ) : null}
      <ErrorAlert error={dues.error} />
      <Table.ScrollContainer minWidth={900}>
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="dues-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("orders.common.outlet")}</Table.Th>
              <Table.Th>{t("orders.common.distributor")}</Table.Th>
              <Table.Th ta="right">{t("orders.collections.balance")}</Table.Th>
              {AGEING_KEYS.map((k) => (
                <Table.Th key={k} ta="right">
                  {t(`orders.ageing.${k}`)}
                </Table.Th>
              ))}
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.outletId} data-testid="dues-row">
                <Table.Td>
                  <Anchor size="sm" component="button" onClick={() => setPanelOutlet(r.outletId)}>
                    {localName({ name: r.outletName, nameBn: r.outletNameBn }, locale)}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {r.outletCode}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.distributorName}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Money size="sm" fw={600} poisha={r.balancePoisha} />
                </Table.Td>
                {AGEING_KEYS.map((k) => (
                  <Table.Td key={k} ta="right">
                    {r.ageing[k] ? (
                      <Money size="sm" poisha={r.ageing[k]} c={k === "notDuePoisha" ? undefined : "red"} />
                    ) : (
                      "—"
                    )}
                  </Table.Td>
                ))}
                <Table.Td>
                  {hasPermission(me, "payments.write") ? (
                    <Button
                      size="compact-xs"
                      variant="light"
                      onClick={() => setPaying({ outletId: r.outletId })}
                      data-testid="dues-collect"
                    >
                      {t("orders.collections.collect")}
                    </Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
            {!dues.isPending && rows.length === 0 ? (
              <EmptyTableRow colSpan={9}>{t("orders.collections.empty")}</EmptyTableRow>
            ) : null}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {dues.hasNextPage ? (
        <Button variant="default" w="fit-content" onClick={() => dues.fetchNextPage()}>
          {t("common.loadMore")}
        </Button>
      ) : null}
      <PaymentModal opened={paying !== null} outletId={paying?.outletId ?? null} onClose={() => setPaying(null)} />
      <Modal
        opened={panelOutlet !== null}
        onClose={() => setPanelOutlet(null)}
        size="xl"
        title={t("orders.dues.title")}
      >
        {panelOutlet ? (
          <Stack>
            <OutletDuesPanel outletId={panelOutlet} />
            <OutletOrdersTable outletId={panelOutlet} />
          </Stack>
        ) : null}
      </Modal>
    </Stack>
  );
}

function Stat({ label, poisha, strong }: { label: string; poisha: number; strong?: boolean }) {
  return (
    <Paper withBorder p="xs">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Money poisha={poisha} fw={strong ? 700 : 500} size={strong ? "lg" : "sm"} />
    </Paper>
  );
}

/** Record money received from an outlet: cash, cheque, bKash / Nagad / Rocket or bank, with its reference. */
export function PaymentModal({
  opened,
  outletId: initialOutlet,
  orderId,
  onClose,
}: {
  opened: boolean;
  outletId: string | null;
  orderId?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [outletId, setOutletId] = useState<string | null>(initialOutlet);
  const [method, setMethod] = useState<(typeof PAYMENT_METHODS)[number]>("cash");
  const [reference, setReference] = useState("");
  const [amount, setAmount] = useState("");
  const [receivedOn, setReceivedOn] = useState(businessDate());
  const [note, setNote] = useState("");
  const key = useRef(newIdempotencyKey());
  const create = useCreatePayment({
    meta: { inlineError: true },
    onSuccess: (p) => {
      notifications.show({ color: "teal", message: t("orders.collections.recorded", { number: p.number }) });
      onClose();
    },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form resets when the dialog opens
  useEffect(() => {
    if (!opened) return;
    setOutletId(initialOutlet);
    setMethod("cash");
    setReference("");
    setAmount("");
    setNote("");
    setReceivedOn(businessDate());
    key.current = newIdempotencyKey();
    create.reset();
  }, [opened]);
  const poisha = parseTaka(amount);
  const needsReference = method !== "cash";
  return (
    <Modal opened={opened} onClose={onClose} title={t("orders.collections.record")} centered>
      <Stack gap="sm" data-testid="payment-form">
        {initialOutlet ? null : (
          <OutletPicker
            label={t("orders.entry.outlet")}
            value={outletId}
            onChange={(o) => setOutletId(o?.id ?? null)}
            testId="payment-outlet"
          />
        )}
        {outletId ? <DuesBalanceLine outletId={outletId} /> : null}
        <Select
          label={t("orders.collections.method")}
          allowDeselect={false}
          value={method}
          onChange={(v) => v && setMethod(v as typeof method)}
          data={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`orders.paymentMethod.${m}`) }))}
          data-testid="payment-method"
        />
        {needsReference ? (
          <TextInput
            label={t("orders.collections.reference")}
            required
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
            data-testid="payment-reference"
          />
        ) : null}
        <TextInput
          label={t("orders.collections.amount")}
          leftSection="৳"
          inputMode="decimal"
          required
          value={amount}
          error={amount !== "" && poisha === null ? t("orders.collections.badAmount") : undefined}
          onChange={(e) => setAmount(e.currentTarget.value)}
          data-testid="payment-amount"
        />
        <TextInput
          type="date"
          label={t("orders.collections.receivedOn")}
          value={receivedOn}
          onChange={(e) => setReceivedOn(e.currentTarget.value)}
        />
        <Textarea label={t("orders.entry.note")} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <ErrorAlert error={create.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            disabled={!outletId || !poisha || (needsReference && reference.trim() === "")}
            loading={create.isPending}
            onClick={() =>
              outletId &&
              poisha &&
              create.mutate({
                body: {
                  outletId,
                  orderId,
                  method,
                  amountPoisha: poisha,
                  reference: reference.trim() || undefined,
                  receivedOn: receivedOn || undefined,
                  note: note.trim() || undefined,
                },
                idempotencyKey: key.current,
              })
            }
            data-testid="payment-submit"
          >
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function DuesBalanceLine({ outletId }: { outletId: string }) {
  const { t } = useTranslation();
  const dues = useOutletDues(outletId);
  if (!dues.data) return null;
  return (
    <Text size="sm">
      {t("orders.collections.balance")}: <Money fw={600} poisha={dues.data.balancePoisha} />
    </Text>
  );
}

/** An outlet's dues: balance, credit limit and what is left of it, open orders, ageing and the ledger. */
export function OutletDuesPanel({ outletId }: { outletId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const dues = useOutletDues(outletId);
  const [paying, setPaying] = useState(false);
  const d = dues.data;
  return (
    <Stack gap="sm" data-testid="outlet-dues">
      <Group justify="space-between">
        <Title order={4}>{t("orders.dues.title")}</Title>
        {hasPermission(me, "payments.write") ? (
          <Button size="xs" onClick={() => setPaying(true)} data-testid="outlet-collect">
            {t("orders.collections.record")}
          </Button>
        ) : null}
      </Group>
      <ErrorAlert error={dues.error} />
      {d ? (
        <>
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
            <Stat label={t("orders.collections.balance")} poisha={d.balancePoisha} strong />
            <Stat label={t("orders.dues.openOrders")} poisha={d.openOrdersPoisha} />
            {d.creditLimitPoisha !== null ? (
              <Stat label={t("orders.dues.creditLimit")} poisha={d.creditLimitPoisha} />
            ) : null}
            {d.availableCreditPoisha !== null ? (
              <Stat label={t("orders.dues.availableCredit")} poisha={d.availableCreditPoisha} />
            ) : null}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs">
            {AGEING_KEYS.map((k) => (
              <Stat key={k} label={t(`orders.ageing.${k}`)} poisha={d.ageing[k]} />
            ))}
          </SimpleGrid>
          <Table.ScrollContainer minWidth={520}>
            <Table striped verticalSpacing={4} data-testid="dues-ledger">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("orders.common.date")}</Table.Th>
                  <Table.Th>{t("orders.dues.entry")}</Table.Th>
                  <Table.Th>{t("orders.dues.dueDate")}</Table.Th>
                  <Table.Th ta="right">{t("orders.collections.amount")}</Table.Th>
                  <Table.Th ta="right">{t("orders.collections.balance")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.entries.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>
                      <DateText value={e.entryDate} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{t(`orders.ledgerKind.${e.kind}`, { defaultValue: e.kind })}</Text>
                      {e.reference ? (
                        <Text size="xs" c="dimmed">
                          {e.reference}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{e.dueDate ? <DateText value={e.dueDate} /> : "—"}</Table.Td>
                    <Table.Td ta="right">
                      <Money size="sm" poisha={e.amountPoisha} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Money size="sm" poisha={e.balancePoisha} />
                    </Table.Td>
                  </Table.Tr>
                ))}
                {d.entries.length === 0 ? (
                  <EmptyTableRow colSpan={5}>{t("orders.dues.noEntries")}</EmptyTableRow>
                ) : null}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      ) : null}
      <PaymentModal opened={paying} outletId={outletId} onClose={() => setPaying(false)} />
    </Stack>
  );
}

/** The outlet's latest orders, newest first, each linking to its detail. */
export function OutletOrdersTable({ outletId, limit = 20 }: { outletId: string; limit?: number }) {
  const { t } = useTranslation();
  const orders = useSecondaryOrders({ outletId }, { limit });
  const rows = useMemo(() => orders.data?.pages.flatMap((p) => p.items) ?? [], [orders.data]);
  return (
    <Stack gap="xs" data-testid="outlet-orders">
      <Title order={4}>{t("orders.list.title")}</Title>
      <ErrorAlert error={orders.error} />
      <Table.ScrollContainer minWidth={480}>
        <Table striped verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("orders.common.number")}</Table.Th>
              <Table.Th>{t("orders.common.date")}</Table.Th>
              <Table.Th ta="right">{t("orders.totals.total")}</Table.Th>
              <Table.Th>{t("orders.common.status")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/orders/${o.id}`} size="sm">
                    {o.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <DateText value={o.orderDate} />
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
              <EmptyTableRow colSpan={4}>{t("orders.list.empty")}</EmptyTableRow>
            ) : null}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
