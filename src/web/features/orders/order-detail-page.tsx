// /orders/$orderId: one memo with its lines, totals and history, and exactly the actions the server says
// the caller may take next (the order's `actions`).
import { Anchor, Button, Group, Menu, Paper, SimpleGrid, Stack, Table, Text, Timeline, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { SecondaryAction, SecondaryStatus } from "../../../shared/contracts/orders.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateText, DateTimeText, Money } from "../../ui/formatted-values.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { LineSchemeBadges } from "../promotions/line-schemes.tsx";
import { OrderSchemesPanel } from "../promotions/order-schemes-panel.tsx";
import { PROMOTIONS_ACCESS } from "../promotions/promotions-access.ts";
import { CancelOrderModal, DeliverOrderModal, ReturnOrderModal } from "./order-action-modals.tsx";
import { skuLabel } from "./order-labels.ts";
import { OrderStatusBadge } from "./order-list-page.tsx";
import { localName } from "./use-network-lookups.ts";
import { useOrderTransition, useSecondaryOrder } from "./use-secondary-orders.ts";

const route = getRouteApi("/_app/orders/$orderId");

const ACTION_COLORS: Record<SecondaryAction, string> = {
  confirm: "blue",
  invoice: "indigo",
  dispatch: "violet",
  deliver: "teal",
  return: "orange",
  cancel: "red",
};

export function OrderDetailPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const { orderId } = route.useParams();
  const order = useSecondaryOrder(orderId);
  const me = useMe();
  const [dialog, setDialog] = useState<"deliver" | "return" | "cancel" | null>(null);
  const transition = useOrderTransition({
    onSuccess: (o) => notifications.show({ color: "teal", message: t(`orders.status.${o.status}`) }),
  });

  if (order.error) return <ErrorAlert error={order.error} />;
  const o = order.data;
  if (!o) return <Text c="dimmed">{t("orders.common.loading")}</Text>;

  const run = (a: SecondaryAction) => {
    if (a === "deliver" || a === "return" || a === "cancel") setDialog(a);
    else transition.mutate({ id: o.id, action: a });
  };
  // A plain link: the print view is its own page without the app's chrome.
  const printLink = (doc: "memo" | "challan" | "invoice") => ({
    href: `/print/orders/${o.id}?doc=${doc}&size=A4&lang=${locale}`,
  });

  return (
    <Stack gap="md" data-testid="order-detail">
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="xs">
            <Title order={2} data-testid="order-number">
              {o.number}
            </Title>
            <OrderStatusBadge status={o.status} />
          </Group>
          <Text size="sm" c="dimmed">
            <DateText value={o.orderDate} />
            {o.invoiceNumber ? ` · ${t("orders.detail.invoiceNo")} ${o.invoiceNumber}` : ""}
          </Text>
        </div>
        <Group gap="xs">
          {o.actions.map((a) => (
            <Button
              key={a}
              color={ACTION_COLORS[a]}
              variant={a === "cancel" || a === "return" ? "light" : "filled"}
              loading={transition.isPending && transition.variables?.action === a}
              onClick={() => run(a)}
              data-testid={`order-action-${a}`}
            >
              {t(`orders.actions.${a}`)}
            </Button>
          ))}
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button variant="default" data-testid="order-print">
                {t("orders.print.print")}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item component="a" {...printLink("memo")} data-testid="print-memo">
                {t("orders.print.memo")}
              </Menu.Item>
              <Menu.Item component="a" {...printLink("challan")} data-testid="print-challan">
                {t("orders.print.challan")}
              </Menu.Item>
              <Menu.Item component="a" {...printLink("invoice")} data-testid="print-invoice">
                {t("orders.print.invoice")}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>

      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
        <Fact label={t("orders.common.outlet")}>
          {localName({ name: o.outletName, nameBn: o.outletNameBn }, locale)}
          <Text span size="xs" c="dimmed">
            {" "}
            {o.outletCode}
          </Text>
        </Fact>
        <Fact label={t("orders.common.distributor")}>
          {localName({ name: o.distributorName, nameBn: o.distributorNameBn }, locale)}
        </Fact>
        <Fact label={t("orders.common.rep")}>{o.repName ?? "—"}</Fact>
        <Fact label={t("orders.detail.deliveryDate")}>
          {o.requestedDeliveryDate ? <DateText value={o.requestedDeliveryDate} /> : "—"}
        </Fact>
      </SimpleGrid>
      {o.note ? (
        <Text size="sm">
          {t("orders.entry.note")}: {o.note}
        </Text>
      ) : null}
      {o.cancelReason ? (
        <Text size="sm" c="red">
          {t("orders.detail.cancelReason")}: {o.cancelReason}
        </Text>
      ) : null}

      <ErrorAlert error={transition.error} />

      <Table.ScrollContainer minWidth={860}>
        <Table striped verticalSpacing={6} data-testid="order-detail-lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={32}>#</Table.Th>
              <Table.Th>{t("orders.entry.sku")}</Table.Th>
              <Table.Th ta="right">{t("orders.entry.qty")}</Table.Th>
              <Table.Th ta="right">{t("orders.detail.baseQty")}</Table.Th>
              <Table.Th ta="right">{t("orders.detail.delivered")}</Table.Th>
              <Table.Th ta="right">{t("orders.detail.returned")}</Table.Th>
              <Table.Th ta="right">{t("orders.entry.unitPrice")}</Table.Th>
              <Table.Th ta="right">{t("orders.totals.discount")}</Table.Th>
              <Table.Th ta="right">{t("orders.totals.vat")}</Table.Th>
              <Table.Th ta="right">{t("orders.entry.lineTotal")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {o.lines.map((l) => (
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
                <Table.Td ta="right">{fmt.number(l.deliveredQty)}</Table.Td>
                <Table.Td ta="right">{fmt.number(l.returnedQty)}</Table.Td>
                <Table.Td ta="right">
                  <Money poisha={l.unitPricePoisha} size="sm" />
                </Table.Td>
                <Table.Td ta="right">
                  {l.discountPoisha ? <Money poisha={-l.discountPoisha} size="sm" c="grape" /> : "—"}
                </Table.Td>
                <Table.Td ta="right">
                  <Money poisha={l.vatPoisha} size="sm" />
                </Table.Td>
                <Table.Td ta="right">
                  <Money poisha={l.totalPoisha} size="sm" fw={500} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="sm">
          <Title order={4} mb="xs">
            {t("orders.detail.history")}
          </Title>
          <Timeline bulletSize={14} lineWidth={2} active={o.events.length - 1} data-testid="order-events">
            {o.events.map((e, i) => (
              <Timeline.Item
                // biome-ignore lint/suspicious/noArrayIndexKey: events are append-only and never reorder
                key={i}
                title={t(`orders.status.${e.toStatus as SecondaryStatus}`, { defaultValue: e.toStatus })}
              >
                <Text size="xs" c="dimmed">
                  <DateTimeText value={e.at} />
                  {e.actorName ? ` · ${e.actorName}` : ""}
                </Text>
                {e.note ? <Text size="sm">{e.note}</Text> : null}
              </Timeline.Item>
            ))}
          </Timeline>
        </Paper>
        <Paper withBorder p="sm" data-testid="order-totals">
          <Stack gap={4}>
            <TotalRow label={t("orders.totals.subtotal")} poisha={o.subtotalPoisha} />
            {o.discountPoisha ? <TotalRow label={t("orders.totals.discount")} poisha={-o.discountPoisha} /> : null}
            <TotalRow label={t("orders.totals.vat")} poisha={o.vatPoisha} />
            <TotalRow label={t("orders.totals.total")} poisha={o.totalPoisha} strong />
            {o.deliveredTotalPoisha ? (
              <TotalRow label={t("orders.totals.delivered")} poisha={o.deliveredTotalPoisha} />
            ) : null}
            {o.returnedTotalPoisha ? (
              <TotalRow label={t("orders.totals.returned")} poisha={-o.returnedTotalPoisha} />
            ) : null}
          </Stack>
        </Paper>
      </SimpleGrid>

      {hasPermission(me, PROMOTIONS_ACCESS.read) ? <OrderSchemesPanel orderId={o.id} /> : null}

      <DeliverOrderModal order={o} opened={dialog === "deliver"} onClose={() => setDialog(null)} />
      <ReturnOrderModal order={o} opened={dialog === "return"} onClose={() => setDialog(null)} />
      <CancelOrderModal order={o} opened={dialog === "cancel"} onClose={() => setDialog(null)} />
      <Anchor component={Link} to="/orders" size="sm">
        ← {t("orders.list.title")}
      </Anchor>
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="xs">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500}>
        {children}
      </Text>
    </Paper>
  );
}

function TotalRow({ label, poisha, strong }: { label: string; poisha: number; strong?: boolean }) {
  return (
    <Group justify="space-between">
      <Text size={strong ? "md" : "sm"} fw={strong ? 700 : 400}>
        {label}
      </Text>
      <Money poisha={poisha} size={strong ? "md" : "sm"} fw={strong ? 700 : 400} />
    </Group>
  );
}
