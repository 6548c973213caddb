// A trip's drops in visiting order. While the trip is planned: move a drop up or down, or take it off the trip.
// Afterwards: each drop's outcome as the driver recorded it — who received it, the signature or photo, what was
// delivered of what was ordered, the cash taken, or why it could not be delivered.
import { ActionIcon, Anchor, Badge, Group, Image, Paper, Stack, Table, Text, Title, Tooltip } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { TripDrop } from "../../../shared/contracts/delivery.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateTimeText, Money } from "../../ui/formatted-values.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { BADGE_NO_SHRINK } from "../network/network-labels.ts";
import { DROP_STATUS_COLORS, kgOf, moveItem, nameIn } from "./delivery-labels.ts";
import { type TripDetail, useTripChange } from "./use-delivery.ts";

export function DropStatusBadge({ status }: { status: TripDrop["status"] }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={DROP_STATUS_COLORS[status]}
      variant="light"
      tt="none"
      styles={BADGE_NO_SHRINK}
      data-testid="drop-status"
      data-status={status}
    >
      {t(`delivery.dropStatus.${status}`)}
    </Badge>
  );
}

export function TripDrops({ trip, editable }: { trip: TripDetail; editable: boolean }) {
  const { t } = useTranslation();
  const change = useTripChange({ meta: { inlineError: true } });
  const ids = trip.drops.map((d) => d.id);
  const move = (index: number, delta: number) =>
    change.mutate({ tripId: trip.id, kind: "reorder", dropIds: moveItem(ids, index, delta) });

  return (
    <Paper withBorder p="sm">
      <Stack gap="sm">
        <Title order={4}>{t("delivery.trip.drops")}</Title>
        <ErrorAlert error={change.error} />
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing={6} striped data-testid="drops-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={editable ? 96 : 40}>#</Table.Th>
                <Table.Th>{t("delivery.common.order")}</Table.Th>
                <Table.Th>{t("delivery.common.outlet")}</Table.Th>
                <Table.Th ta="right">{t("delivery.common.value")}</Table.Th>
                <Table.Th ta="right">{t("delivery.common.weightKg")}</Table.Th>
                <Table.Th>{t("delivery.drops.status")}</Table.Th>
                <Table.Th>{editable ? "" : t("delivery.drops.outcome")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {trip.drops.map((d, i) => (
                <DropRow
                  key={d.id}
                  drop={d}
                  index={i}
                  count={trip.drops.length}
                  editable={editable}
                  busy={change.isPending}
                  onMove={move}
                  onRemove={() => change.mutate({ tripId: trip.id, kind: "unassign", dropId: d.id })}
                />
              ))}
              {trip.drops.length === 0 ? <EmptyTableRow colSpan={7}>{t("delivery.drops.empty")}</EmptyTableRow> : null}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}

function DropRow({
  drop: d,
  index,
  count,
  editable,
  busy,
  onMove,
  onRemove,
}: {
  drop: TripDrop;
  index: number;
  count: number;
  editable: boolean;
  busy: boolean;
  onMove: (index: number, delta: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  return (
    <Table.Tr data-testid="drop-row" data-drop-id={d.id} data-order-number={d.orderNumber} data-status={d.status}>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Text size="sm" fw={600} data-testid="drop-seq">
            {fmt.number(d.seq)}
          </Text>
          {editable ? (
            <>
              <ActionIcon
                variant="subtle"
                size="sm"
                disabled={busy || index === 0}
                onClick={() => onMove(index, -1)}
                aria-label={t("delivery.drops.moveUp")}
                data-testid="drop-up"
              >
                ↑
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                size="sm"
                disabled={busy || index === count - 1}
                onClick={() => onMove(index, 1)}
                aria-label={t("delivery.drops.moveDown")}
                data-testid="drop-down"
              >
                ↓
              </ActionIcon>
            </>
          ) : null}
        </Group>
      </Table.Td>
      <Table.Td>
        <Anchor component={Link} to={`/orders/${d.orderId}`} size="sm" fw={500}>
          {d.orderNumber}
        </Anchor>
        <Text size="xs" c="dimmed">
          {d.invoiceNumber ?? ""}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{nameIn({ name: d.outletName, nameBn: d.outletNameBn }, locale)}</Text>
        <Text size="xs" c="dimmed">
          {d.outletCode} · {d.outletAddress}
        </Text>
        <Group gap={8}>
          {d.outletPhone ? (
            <Anchor href={`tel:${d.outletPhone}`} size="xs">
              {d.outletPhone}
            </Anchor>
          ) : null}
          {d.navigationUrl ? (
            <Anchor href={d.navigationUrl} target="_blank" rel="noreferrer" size="xs">
              {t("delivery.drops.navigate")}
            </Anchor>
          ) : null}
        </Group>
      </Table.Td>
      <Table.Td ta="right">
        <Money size="sm" poisha={d.orderTotalPoisha} />
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm">{fmt.number(kgOf(d.weightG))}</Text>
      </Table.Td>
      <Table.Td>
        <DropStatusBadge status={d.status} />
      </Table.Td>
      <Table.Td>
        {editable ? (
          <Tooltip label={t("delivery.drops.remove")} withinPortal>
            <ActionIcon
              variant="subtle"
              color="red"
              disabled={busy}
              onClick={onRemove}
              aria-label={t("delivery.drops.remove")}
              data-testid="drop-remove"
            >
              ✕
            </ActionIcon>
          </Tooltip>
        ) : (
          <DropOutcome drop={d} />
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function DropOutcome({ drop: d }: { drop: TripDrop }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (d.status === "pending")
    return (
      <Text size="xs" c="dimmed">
        —
      </Text>
    );
  return (
    <Group gap="sm" align="flex-start" wrap="nowrap" data-testid="drop-outcome">
      {d.podUrl ? (
        <Anchor href={d.podUrl} target="_blank" rel="noreferrer" data-testid="drop-pod-link">
          <Image
            src={d.podUrl}
            alt={t(`delivery.podKind.${d.podKind ?? "signature"}`)}
            w={96}
            h={56}
            fit="contain"
            radius="sm"
            bg="white"
            style={{ border: "1px solid var(--mantine-color-gray-4)" }}
            data-testid="drop-pod"
          />
        </Anchor>
      ) : null}
      <Stack gap={2}>
        {d.status === "failed" ? (
          <>
            <Text size="sm" c="red" fw={500} data-testid="drop-failure">
              {t(`delivery.failure.${d.failureReason ?? "other"}`)}
            </Text>
            {d.failureNote ? <Text size="xs">{d.failureNote}</Text> : null}
          </>
        ) : (
          <>
            <Text size="sm" data-testid="drop-receiver">
              {t("delivery.drops.receivedBy", { name: d.receiverName ?? "—" })}
            </Text>
            {d.orderedQty !== null && d.deliveredQty !== null ? (
              <Text size="xs" c="dimmed" data-testid="drop-qty">
                {t("delivery.drops.qtyOf", {
                  delivered: fmt.number(d.deliveredQty),
                  ordered: fmt.number(d.orderedQty),
                })}
                {d.deliveredPoisha !== null ? ` · ${fmt.money(d.deliveredPoisha)}` : ""}
              </Text>
            ) : null}
            {d.cashCollectedPoisha > 0 ? (
              <Text size="xs" data-testid="drop-cash">
                {t("delivery.drops.cash", { amount: fmt.money(d.cashCollectedPoisha) })}
                {d.paymentNumber ? ` · ${d.paymentNumber}` : ""}
              </Text>
            ) : null}
          </>
        )}
        {d.completedAt ? (
          <Text size="xs" c="dimmed">
            <DateTimeText value={d.completedAt} />
            {d.completedByName ? ` · ${d.completedByName}` : ""}
          </Text>
        ) : null}
      </Stack>
    </Group>
  );
}
