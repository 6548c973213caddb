// Settings → Webhooks: the org's endpoints (create with event checkboxes, change, pause, test, new secret,
// delete), the signing secret shown once, and the delivery log below.
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  CreateWebhookEndpointRequest,
  UpdateWebhookEndpointRequest,
  WEBHOOK_EVENT_CATALOGUE,
  WEBHOOK_EVENTS,
  type WebhookEndpointWithSecretResponse,
  type WebhookEvent,
} from "../../../shared/contracts/webhooks.ts";
import { newIdempotencyKey } from "../../api/api-client.ts";
import { ConfirmButton } from "../../ui/confirm-button.tsx";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { DateTimeText, NumberText } from "../../ui/formatted-values.tsx";
import { PlusIcon } from "../../ui/icons.tsx";
import { SecretOnce } from "../../ui/secret-once.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { fieldErrors } from "../../ui/validation-messages.ts";
import {
  useCreateWebhookEndpoint,
  useDeleteWebhookEndpoint,
  useRotateWebhookSecret,
  useSendWebhookTest,
  useUpdateWebhookEndpoint,
  useWebhookEndpoints,
  type WebhookEndpoint,
} from "./use-webhooks.ts";
import { DeliveriesLog } from "./webhook-deliveries-log.tsx";
import { eventLabel } from "./webhook-labels.ts";

/** What the one modal shows: the form (new or edit), or a secret to copy once. */
type Dialog =
  | { kind: "form"; endpoint: WebhookEndpoint | null }
  | { kind: "secret"; endpoint: WebhookEndpointWithSecretResponse; rotated: boolean }
  | null;

export function WebhooksPage() {
  const { t } = useTranslation();
  const endpoints = useWebhookEndpoints();
  const [dialog, setDialog] = useState<Dialog>(null);
  const isPhone = useMediaQuery("(max-width: 36em)") ?? false;
  const close = () => setDialog(null);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t("webhooks.title")}</Title>
        <Button
          leftSection={<PlusIcon size={16} />}
          onClick={() => setDialog({ kind: "form", endpoint: null })}
          data-testid="webhook-new"
        >
          {t("webhooks.new")}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t("webhooks.intro")}
      </Text>
      <ErrorAlert error={endpoints.error} />
      <Table.ScrollContainer minWidth={820}>
        <Table striped verticalSpacing="xs" data-testid="webhook-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("webhooks.url")}</Table.Th>
              <Table.Th>{t("webhooks.events")}</Table.Th>
              <Table.Th>{t("webhooks.status")}</Table.Th>
              <Table.Th>
                <Tooltip label={t("webhooks.recentTitle")}>
                  <span>{t("webhooks.recent")}</span>
                </Tooltip>
              </Table.Th>
              <Table.Th>{t("webhooks.actions")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(endpoints.data ?? []).map((e) => (
              <EndpointRow
                key={e.id}
                endpoint={e}
                onEdit={() => setDialog({ kind: "form", endpoint: e })}
                onRotated={(withSecret) => setDialog({ kind: "secret", endpoint: withSecret, rotated: true })}
              />
            ))}
            {endpoints.data?.length === 0 ? <EmptyTableRow colSpan={5}>{t("webhooks.empty")}</EmptyTableRow> : null}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <DeliveriesLog endpoints={endpoints.data ?? []} />

      <Modal
        opened={dialog !== null}
        onClose={close}
        title={
          dialog?.kind === "secret"
            ? t(dialog.rotated ? "webhooks.rotatedTitle" : "webhooks.createdTitle")
            : dialog?.endpoint
              ? t("webhooks.editTitle")
              : t("webhooks.createTitle")
        }
        size="lg"
        fullScreen={isPhone}
        centered
        closeOnClickOutside={dialog?.kind !== "secret"}
      >
        {dialog?.kind === "secret" ? (
          <Stack gap="sm" data-testid="webhook-secret">
            <Text size="sm" ff="monospace" style={{ wordBreak: "break-all" }}>
              {dialog.endpoint.url}
            </Text>
            <SecretOnce
              label={t("webhooks.secretLabel")}
              value={dialog.endpoint.secret}
              warning={t("webhooks.shownOnce")}
            />
            <Group justify="flex-end">
              <Button onClick={close}>{t("common.done")}</Button>
            </Group>
          </Stack>
        ) : dialog?.kind === "form" ? (
          <EndpointForm
            endpoint={dialog.endpoint}
            onCancel={close}
            onCreated={(created) => setDialog({ kind: "secret", endpoint: created, rotated: false })}
            onSaved={close}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}

function EndpointRow({
  endpoint: e,
  onEdit,
  onRotated,
}: {
  endpoint: WebhookEndpoint;
  onEdit: () => void;
  onRotated: (e: WebhookEndpointWithSecretResponse) => void;
}) {
  const { t } = useTranslation();
  const test = useSendWebhookTest({
    onSuccess: (d) =>
      d.status === "succeeded"
        ? notifications.show({ color: "teal", message: t("webhooks.testSent", { status: d.lastStatusCode }) })
        : notifications.show({ color: "orange", message: t("webhooks.testFailed", { error: d.lastError ?? "" }) }),
  });
  const toggle = useUpdateWebhookEndpoint({
    onSuccess: (saved) =>
      notifications.show({
        color: "teal",
        message: t(saved.active ? "webhooks.resumedNotice" : "webhooks.pausedNotice"),
      }),
  });
  const rotate = useRotateWebhookSecret({ onSuccess: onRotated });
  const remove = useDeleteWebhookEndpoint({
    onSuccess: () => notifications.show({ color: "teal", message: t("webhooks.deleted") }),
  });
  const r = e.recentDeliveries;
  return (
    <Table.Tr data-testid="webhook-row">
      <Table.Td maw={320}>
        <Text size="sm" ff="monospace" style={{ wordBreak: "break-all" }}>
          {e.url}
        </Text>
        {e.description ? (
          <Text size="xs" c="dimmed">
            {e.description}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {e.events.map((ev) => (
            <Badge key={ev} variant="light" size="sm" tt="none">
              {eventLabel(t, ev)}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <Badge color={e.active ? "teal" : "gray"} variant="light">
          {t(e.active ? "webhooks.on" : "webhooks.paused")}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Badge color="teal" variant="light" title={t("webhooks.deliveries.statusLabel.succeeded")}>
            <NumberText value={r.succeeded} />
          </Badge>
          <Badge color="orange" variant="light" title={t("webhooks.deliveries.statusLabel.failed")}>
            <NumberText value={r.failed + r.pending} />
          </Badge>
          <Badge color="red" variant="light" title={t("webhooks.deliveries.statusLabel.dead")}>
            <NumberText value={r.dead} />
          </Badge>
        </Group>
        {e.lastDeliveryAt ? (
          <Text size="xs" c="dimmed">
            <DateTimeText value={e.lastDeliveryAt} />
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Button
            size="compact-sm"
            variant="light"
            disabled={!e.active}
            loading={test.isPending}
            onClick={() => test.mutate(e.id)}
            data-testid="webhook-test"
          >
            {t("webhooks.test")}
          </Button>
          <Button size="compact-sm" variant="default" onClick={onEdit} data-testid="webhook-edit">
            {t("webhooks.edit")}
          </Button>
          <Button
            size="compact-sm"
            variant="default"
            loading={toggle.isPending}
            onClick={() => toggle.mutate({ id: e.id, body: { active: !e.active } })}
            data-testid="webhook-toggle"
          >
            {t(e.active ? "webhooks.pause" : "webhooks.resume")}
          </Button>
          <ConfirmButton
            size="compact-sm"
            variant="light"
            color="orange"
            title={t("webhooks.rotate")}
            message={t("webhooks.rotateConfirm", { url: e.url })}
            confirmLabel={t("webhooks.rotate")}
            loading={rotate.isPending}
            onConfirm={() => rotate.mutate(e.id)}
            data-testid="webhook-rotate"
          >
            {t("webhooks.rotate")}
          </ConfirmButton>
          <ConfirmButton
            size="compact-sm"
            variant="light"
            color="red"
            title={t("webhooks.delete")}
            message={t("webhooks.deleteConfirm", { url: e.url })}
            confirmLabel={t("webhooks.delete")}
            loading={remove.isPending}
            onConfirm={() => remove.mutate(e.id)}
            data-testid="webhook-delete"
          >
            {t("webhooks.delete")}
          </ConfirmButton>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function EndpointForm({
  endpoint,
  onCancel,
  onCreated,
  onSaved,
}: {
  endpoint: WebhookEndpoint | null;
  onCancel: () => void;
  onCreated: (e: WebhookEndpointWithSecretResponse) => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [url, setUrl] = useState(endpoint?.url ?? "");
  const [description, setDescription] = useState(endpoint?.description ?? "");
  const [events, setEvents] = useState<string[]>(endpoint?.events ?? ["order.confirmed"]);
  const [active, setActive] = useState(endpoint?.active ?? true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [idempotencyKey] = useState(newIdempotencyKey);
  const create = useCreateWebhookEndpoint({ meta: { inlineError: true }, onSuccess: onCreated });
  const update = useUpdateWebhookEndpoint({
    meta: { inlineError: true },
    onSuccess: () => {
      notifications.show({ color: "teal", message: t("webhooks.saved") });
      onSaved();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = { url: url.trim(), description: description.trim() || undefined, events, active };
    if (endpoint) {
      const parsed = UpdateWebhookEndpointRequest.safeParse({ ...body, description: description.trim() || null });
      if (!parsed.success) return setErrors(fieldErrors(parsed.error, t, fmt));
      setErrors({});
      update.mutate({ id: endpoint.id, body: parsed.data });
    } else {
      const parsed = CreateWebhookEndpointRequest.safeParse(body);
      if (!parsed.success) return setErrors(fieldErrors(parsed.error, t, fmt));
      setErrors({});
      create.mutate({ body: parsed.data, idempotencyKey });
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={create.error ?? update.error} />
        <TextInput
          label={t("webhooks.url")}
          description={t("webhooks.urlHint")}
          placeholder="https://erp.example.com.bd/bikri/webhook"
          required
          type="url"
          value={url}
          error={errors.url}
          onChange={(ev) => setUrl(ev.currentTarget.value)}
          data-testid="webhook-url"
        />
        <TextInput
          label={t("webhooks.description")}
          description={t("webhooks.descriptionHint")}
          value={description}
          error={errors.description}
          onChange={(ev) => setDescription(ev.currentTarget.value)}
          data-testid="webhook-description"
        />
        <Checkbox.Group
          label={t("webhooks.events")}
          description={t("webhooks.eventsHint")}
          required
          value={events}
          onChange={setEvents}
          error={errors.events}
        >
          <Stack gap={6} mt={6}>
            {WEBHOOK_EVENTS.map((ev: WebhookEvent) => (
              <Checkbox
                key={ev}
                value={ev}
                label={
                  <>
                    {eventLabel(t, ev)}{" "}
                    <Text span size="xs" c="dimmed" ff="monospace">
                      {ev}
                    </Text>
                  </>
                }
                description={WEBHOOK_EVENT_CATALOGUE[ev].emitted ? undefined : t("webhooks.reserved")}
                data-testid={`webhook-event-${ev}`}
              />
            ))}
          </Stack>
        </Checkbox.Group>
        {endpoint ? (
          <Switch
            label={t("webhooks.activeLabel")}
            checked={active}
            onChange={(ev) => setActive(ev.currentTarget.checked)}
            data-testid="webhook-active"
          />
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending} data-testid="webhook-save">
            {endpoint ? t("common.save") : t("webhooks.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
