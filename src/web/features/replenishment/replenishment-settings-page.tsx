// /replenishment/settings (admin): the company's replenishment policy (service level, review and lead time, maximum
// cover, near-expiry window, history used, automatic submission) and the demand events (Eid, Puja...) the forecast
// treats as known peaks. A distributor's own lead time, review and pause are set from its plan.
import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReplenishmentSettings } from "../../../shared/contracts/replenishment.ts";
import { newIdempotencyKey } from "../../api/api-client.ts";
import { useLocale } from "../../i18n/i18n.ts";
import { ConfirmModal } from "../../ui/confirm-button.tsx";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { REPLENISHMENT_ACCESS } from "./replenishment-access.ts";
import { ReplenishmentHeader } from "./replenishment-header.tsx";
import {
  type DemandEventItem,
  useCreateDemandEvent,
  useDeleteDemandEvent,
  useDemandEvents,
  useReplenishmentSettings,
  useUpdateSettings,
} from "./use-replenishment.ts";

export function ReplenishmentSettingsRoute() {
  return (
    <RequirePermission permission={REPLENISHMENT_ACCESS.manage}>
      <SettingsPage />
    </RequirePermission>
  );
}

function SettingsPage() {
  const { t } = useTranslation();
  const settings = useReplenishmentSettings();
  return (
    <Stack gap="md" data-testid="replenishment-settings">
      <ReplenishmentHeader title={t("replenishment.settings.title")} />
      <ErrorAlert error={settings.error} />
      {settings.data ? <PolicyForm key={settings.data.updatedAt ?? "new"} settings={settings.data} /> : null}
      <EventsSection />
    </Stack>
  );
}

type Draft = Omit<ReplenishmentSettings, "updatedAt" | "serviceLevel"> & { serviceLevelPct: number | string };

const FIELDS = [
  { key: "reviewDays", min: 1, max: 60 },
  { key: "leadTimeDays", min: 0, max: 90 },
  { key: "maxCoverDays", min: 7, max: 365 },
  { key: "nearExpiryDays", min: 1, max: 365 },
  { key: "historyDays", min: 56, max: 1095 },
] as const;

function PolicyForm({ settings }: { settings: ReplenishmentSettings }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [draft, setDraft] = useState<Draft>(() => ({
    serviceLevelPct: Math.round(settings.serviceLevel * 1000) / 10,
    reviewDays: settings.reviewDays,
    leadTimeDays: settings.leadTimeDays,
    maxCoverDays: settings.maxCoverDays,
    nearExpiryDays: settings.nearExpiryDays,
    historyDays: settings.historyDays,
    autoSubmit: settings.autoSubmit,
  }));
  const save = useUpdateSettings({
    meta: { inlineError: true },
    onSuccess: () => notifications.show({ color: "teal", message: t("replenishment.settings.saved") }),
  });
  const pct = typeof draft.serviceLevelPct === "number" ? draft.serviceLevelPct : Number.NaN;
  const valid =
    Number.isFinite(pct) &&
    pct >= 50 &&
    pct <= 99.9 &&
    FIELDS.every((f) => Number.isInteger(draft[f.key]) && draft[f.key] >= f.min && draft[f.key] <= f.max);
  return (
    <Paper withBorder p="md" data-testid="settings-policy">
      <Stack gap="sm">
        <div>
          <Title order={4}>{t("replenishment.settings.policy")}</Title>
          <Text size="sm" c="dimmed">
            {t("replenishment.settings.policyHint")}
          </Text>
        </div>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          <NumberInput
            label={t("replenishment.settings.serviceLevel")}
            description={t("replenishment.settings.serviceLevelHint")}
            min={50}
            max={99.9}
            decimalScale={1}
            value={draft.serviceLevelPct}
            onChange={(v) => setDraft((d) => ({ ...d, serviceLevelPct: v }))}
            data-testid="settings-serviceLevel"
          />
          {FIELDS.map((f) => (
            <NumberInput
              key={f.key}
              label={t(`replenishment.settings.${f.key}`)}
              description={t(`replenishment.settings.${f.key}Hint`)}
              min={f.min}
              max={f.max}
              allowDecimal={false}
              value={draft[f.key]}
              onChange={(v) => setDraft((d) => ({ ...d, [f.key]: typeof v === "number" ? v : Number.NaN }))}
              data-testid={`settings-${f.key}`}
            />
          ))}
        </SimpleGrid>
        <Switch
          label={t("replenishment.settings.autoSubmit")}
          description={t("replenishment.settings.autoSubmitHint")}
          checked={draft.autoSubmit}
          onChange={(e) => {
            const checked = e.currentTarget.checked;
            setDraft((d) => ({ ...d, autoSubmit: checked }));
          }}
          data-testid="settings-autoSubmit"
        />
        <ErrorAlert error={save.error} />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {settings.updatedAt
              ? t("replenishment.settings.updatedAt", { time: fmt.dateTime(settings.updatedAt) })
              : ""}
          </Text>
          <Button
            disabled={!valid}
            loading={save.isPending}
            onClick={() => {
              const { serviceLevelPct: _, ...rest } = draft;
              save.mutate({ ...rest, serviceLevel: Math.round(pct * 10) / 1000 });
            }}
            data-testid="settings-save"
          >
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function EventsSection() {
  const { t } = useTranslation();
  const locale = useLocale();
  const fmt = useFormat();
  const events = useDemandEvents();
  const [name, setName] = useState("");
  const [nameBn, setNameBn] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [deleting, setDeleting] = useState<DemandEventItem | null>(null);
  const key = useRef(newIdempotencyKey());
  const create = useCreateDemandEvent({
    meta: { inlineError: true },
    onSuccess: () => {
      notifications.show({ color: "teal", message: t("replenishment.settings.eventAdded") });
      setName("");
      setNameBn("");
      setFrom("");
      setTo("");
      key.current = newIdempotencyKey();
    },
  });
  const remove = useDeleteDemandEvent({
    onSuccess: () => {
      notifications.show({ color: "teal", message: t("replenishment.settings.eventDeleted") });
      setDeleting(null);
    },
  });
  const ready = name.trim() !== "" && nameBn.trim() !== "" && from !== "" && to !== "" && to >= from;
  const items = [...(events.data ?? [])].sort((a, b) => b.startsOn.localeCompare(a.startsOn));
  return (
    <Paper withBorder p="md" data-testid="settings-events">
      <Stack gap="sm">
        <div>
          <Title order={4}>{t("replenishment.settings.events")}</Title>
          <Text size="sm" c="dimmed">
            {t("replenishment.settings.eventsHint")}
          </Text>
        </div>
        <ErrorAlert error={events.error} />
        <Table.ScrollContainer minWidth={560}>
          <Table striped verticalSpacing="xs" data-testid="events-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("replenishment.settings.eventName")}</Table.Th>
                <Table.Th>{t("replenishment.settings.startsOn")}</Table.Th>
                <Table.Th>{t("replenishment.settings.endsOn")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <Table.Tr key={e.id} data-testid="event-row">
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {locale === "bn" ? e.nameBn : e.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {locale === "bn" ? e.name : e.nameBn}
                    </Text>
                  </Table.Td>
                  <Table.Td>{fmt.date(e.startsOn)}</Table.Td>
                  <Table.Td>{fmt.date(e.endsOn)}</Table.Td>
                  <Table.Td ta="right">
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t("replenishment.settings.deleteEvent")}
                      onClick={() => setDeleting(e)}
                      data-testid="event-delete"
                    >
                      ×
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
              {events.isSuccess && items.length === 0 ? (
                <EmptyTableRow colSpan={4}>{t("replenishment.settings.noEvents")}</EmptyTableRow>
              ) : null}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group gap="sm" align="flex-end">
          <TextInput
            label={t("replenishment.settings.eventName")}
            value={name}
            maxLength={120}
            onChange={(e) => setName(e.currentTarget.value)}
            data-testid="event-name"
          />
          <TextInput
            label={t("replenishment.settings.eventNameBn")}
            value={nameBn}
            maxLength={120}
            onChange={(e) => setNameBn(e.currentTarget.value)}
            data-testid="event-name-bn"
          />
          <TextInput
            type="date"
            label={t("replenishment.settings.startsOn")}
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
            data-testid="event-from"
          />
          <TextInput
            type="date"
            label={t("replenishment.settings.endsOn")}
            value={to}
            min={from || undefined}
            onChange={(e) => setTo(e.currentTarget.value)}
            data-testid="event-to"
          />
          <Button
            disabled={!ready}
            loading={create.isPending}
            onClick={() =>
              create.mutate({
                body: { name: name.trim(), nameBn: nameBn.trim(), startsOn: from, endsOn: to },
                idempotencyKey: key.current,
              })
            }
            data-testid="event-add"
          >
            {t("replenishment.settings.addEvent")}
          </Button>
        </Group>
        <ErrorAlert error={create.error} />
      </Stack>
      <ConfirmModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t("replenishment.settings.deleteEventTitle")}
        message={t("replenishment.settings.deleteEventBody", {
          name: deleting ? (locale === "bn" ? deleting.nameBn : deleting.name) : "",
        })}
        confirmLabel={t("replenishment.settings.deleteEvent")}
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      />
    </Paper>
  );
}
