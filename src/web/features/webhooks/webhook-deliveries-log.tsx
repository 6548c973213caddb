// The delivery log: newest first, filtered by endpoint, status and event; each delivery's attempts and last
// answer, its body on demand, and "send again" (a replay with the same event id).
import { Badge, Button, Code, Group, Modal, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  DeliveryEventName,
  WEBHOOK_DELIVERY_STATUSES,
  type WebhookDeliveryStatus,
} from "../../../shared/contracts/webhooks.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateTimeText, NumberText } from "../../ui/formatted-values.tsx";
import {
  type DeliveryFilters,
  useReplayWebhookDelivery,
  useWebhookDeliveries,
  useWebhookDelivery,
  type WebhookDelivery,
  type WebhookEndpoint,
} from "./use-webhooks.ts";
import { DELIVERY_STATUS_COLORS, eventLabel } from "./webhook-labels.ts";

export function DeliveriesLog({ endpoints }: { endpoints: WebhookEndpoint[] }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<DeliveryFilters>({});
  const [shown, setShown] = useState<string | null>(null);
  const deliveries = useWebhookDeliveries(filters);
  const rows = deliveries.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="sm" mt="lg">
      <Title order={3}>{t("webhooks.deliveries.title")}</Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Select
          aria-label={t("webhooks.deliveries.endpoint")}
          placeholder={t("webhooks.deliveries.allEndpoints")}
          clearable
          value={filters.endpointId ?? null}
          onChange={(v) => setFilters({ ...filters, endpointId: v ?? undefined })}
          data={endpoints.map((e) => ({ value: e.id, label: e.description ? `${e.description} — ${e.url}` : e.url }))}
          data-testid="delivery-filter-endpoint"
        />
        <Select
          aria-label={t("webhooks.deliveries.status")}
          placeholder={t("webhooks.deliveries.allStatuses")}
          clearable
          value={filters.status ?? null}
          onChange={(v) => setFilters({ ...filters, status: (v as WebhookDeliveryStatus | null) ?? undefined })}
          data={WEBHOOK_DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`webhooks.deliveries.statusLabel.${s}`) }))}
          data-testid="delivery-filter-status"
        />
        <Select
          aria-label={t("webhooks.deliveries.event")}
          placeholder={t("webhooks.deliveries.allEvents")}
          clearable
          value={filters.event ?? null}
          onChange={(v) => setFilters({ ...filters, event: DeliveryEventName.safeParse(v).data })}
          data={DeliveryEventName.options.map((e) => ({ value: e, label: eventLabel(t, e) }))}
          data-testid="delivery-filter-event"
        />
      </SimpleGrid>
      <ErrorAlert error={deliveries.error} />
      <Table.ScrollContainer minWidth={900}>
        <Table striped verticalSpacing="xs" data-testid="delivery-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("webhooks.deliveries.created")}</Table.Th>
              <Table.Th>{t("webhooks.deliveries.event")}</Table.Th>
              <Table.Th>{t("webhooks.deliveries.endpoint")}</Table.Th>
              <Table.Th>{t("webhooks.deliveries.status")}</Table.Th>
              <Table.Th ta="right">{t("webhooks.deliveries.attempts")}</Table.Th>
              <Table.Th>{t("webhooks.deliveries.response")}</Table.Th>
              <Table.Th>{t("webhooks.deliveries.nextAttempt")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((d) => (
              <DeliveryRow key={d.id} delivery={d} onShow={() => setShown(d.id)} />
            ))}
            {!deliveries.isPending && rows.length === 0 ? (
              <EmptyTableRow colSpan={8}>{t("webhooks.deliveries.empty")}</EmptyTableRow>
            ) : null}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {deliveries.hasNextPage ? (
        <Button
          variant="default"
          w="fit-content"
          loading={deliveries.isFetchingNextPage}
          onClick={() => void deliveries.fetchNextPage()}
          data-testid="delivery-more"
        >
          {t("common.loadMore")}
        </Button>
      ) : null}
      <DeliveryDetails id={shown} onClose={() => setShown(null)} />
    </Stack>
  );
}

function StatusBadge({ status }: { status: WebhookDeliveryStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={DELIVERY_STATUS_COLORS[status]} variant="light" tt="none">
      {t(`webhooks.deliveries.statusLabel.${status}`)}
    </Badge>
  );
}

function DeliveryRow({ delivery: d, onShow }: { delivery: WebhookDelivery; onShow: () => void }) {
  const { t } = useTranslation();
  const replay = useReplayWebhookDelivery({
    onSuccess: (r) =>
      notifications.show({
        color: r.status === "succeeded" ? "teal" : "orange",
        message: t("webhooks.deliveries.replayed", { status: t(`webhooks.deliveries.statusLabel.${r.status}`) }),
      }),
  });
  return (
    <Table.Tr data-testid="delivery-row">
      <Table.Td>
        <Text size="sm">
          <DateTimeText value={d.createdAt} />
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{eventLabel(t, d.event)}</Text>
      </Table.Td>
      <Table.Td maw={240}>
        <Text size="xs" ff="monospace" truncate title={d.endpointUrl}>
          {d.endpointUrl}
        </Text>
      </Table.Td>
      <Table.Td>
        <StatusBadge status={d.status} />
      </Table.Td>
      <Table.Td ta="right">
        <NumberText value={d.attempts} />
      </Table.Td>
      <Table.Td maw={260}>
        <Text size="xs" ff="monospace" truncate title={d.lastError ?? undefined}>
          {d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : (d.lastError ?? "—")}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {d.nextAttemptAt && (d.status === "pending" || d.status === "failed") ? (
            <DateTimeText value={d.nextAttemptAt} />
          ) : (
            "—"
          )}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Button size="compact-sm" variant="default" onClick={onShow} data-testid="delivery-details">
            {t("webhooks.deliveries.details")}
          </Button>
          <Button
            size="compact-sm"
            variant="light"
            loading={replay.isPending}
            onClick={() => replay.mutate(d.id)}
            data-testid="delivery-replay"
          >
            {t("webhooks.deliveries.replay")}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function DeliveryDetails({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useWebhookDelivery(id);
  const d = detail.data;
  return (
    <Modal opened={id !== null} onClose={onClose} title={t("webhooks.deliveries.detailsTitle")} size="xl" centered>
      <ErrorAlert error={detail.error} />
      {d ? (
        <Stack gap="xs" data-testid="delivery-detail">
          <Group gap="xs">
            <StatusBadge status={d.status} />
            <Text size="sm">{eventLabel(t, d.event)}</Text>
          </Group>
          <Text size="sm">
            {t("webhooks.deliveries.deliveryId")}: <Code>{d.id}</Code>
          </Text>
          <Text size="sm">
            {t("webhooks.deliveries.eventId")}: <Code>{d.eventId}</Code>
          </Text>
          {d.replayOf ? (
            <Text size="sm">
              {t("webhooks.deliveries.replayOf")}: <Code>{d.replayOf}</Code>
            </Text>
          ) : null}
          {d.lastError ? (
            <Text size="sm" c="orange.8" ff="monospace" style={{ wordBreak: "break-word" }}>
              {d.lastError}
            </Text>
          ) : null}
          <Text size="sm" fw={500}>
            {t("webhooks.deliveries.body")}
          </Text>
          <Code block style={{ maxHeight: 400, overflow: "auto" }}>
            {JSON.stringify(d.payload, null, 2)}
          </Code>
        </Stack>
      ) : null}
    </Modal>
  );
}
