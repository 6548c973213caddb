// The activity panel of a CRM record (lead, contact, account, deal, ticket): log a call, meeting, note, task or email
// about it (and about the other records named in `links`), and read what was logged, newest first. Tasks are ticked
// done in the list. The first link is the record whose activities are listed.
import {
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  ACTIVITY_KINDS,
  type ActivityKind,
  type ActivityResponse,
  CALL_OUTCOMES,
  type CallOutcome,
  type RecordRefInput,
} from "../../../shared/contracts/activities.ts";
import { newIdempotencyKey } from "../../api/api-client.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { activityTime, dhakaInputToIso, durationLabel, isOverdue, KIND_COLORS } from "./activity-display.ts";
import { useActivities, useLogActivity, useUpdateActivity } from "./use-activities.ts";

export interface ActivityPanelProps {
  /** The records a new activity is about; the first one's activities are listed. */
  links: RecordRefInput[];
  title?: string;
}

export function ActivityPanel({ links, title }: ActivityPanelProps) {
  const { t } = useTranslation();
  const me = useMe();
  const root = links[0] ?? null;
  const list = useActivities(root);
  const canWrite = hasPermission(me, "crm.write");
  return (
    <Paper withBorder p="md" data-testid="activity-panel">
      <Stack gap="sm">
        <Title order={4}>{title ?? t("activities.panel.title")}</Title>
        {canWrite && root ? <ActivityForm links={links} /> : null}
        <ErrorAlert error={list.error} />
        {list.data && list.data.items.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t("activities.panel.empty")}
          </Text>
        ) : null}
        <Stack gap="xs" data-testid="activity-list">
          {list.data?.items.map((a) => (
            <ActivityItem key={a.id} activity={a} rootId={root?.id ?? ""} canWrite={canWrite} />
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}

interface Draft {
  subject: string;
  body: string;
  outcome: CallOutcome;
  minutes: number | "";
  occurredAt: string;
  endsAt: string;
  location: string;
  attendees: string;
  dueAt: string;
  remindAt: string;
  emailDirection: "sent" | "received";
  emailAddress: string;
}

const EMPTY: Draft = {
  subject: "",
  body: "",
  outcome: "connected",
  minutes: "",
  occurredAt: "",
  endsAt: "",
  location: "",
  attendees: "",
  dueAt: "",
  remindAt: "",
  emailDirection: "sent",
  emailAddress: "",
};

function ActivityForm({ links }: { links: RecordRefInput[] }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ActivityKind>("call");
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [key, setKey] = useState(newIdempotencyKey);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const log = useLogActivity({
    onSuccess: () => {
      setDraft(EMPTY);
      setKey(newIdempotencyKey());
      notifications.show({ message: t("activities.panel.saved"), color: "green" });
    },
  });
  const submit = () => {
    const occurredAt = dhakaInputToIso(draft.occurredAt);
    log.mutate({
      idempotencyKey: key,
      body: {
        kind,
        subject: draft.subject.trim(),
        ...(draft.body.trim() && { body: draft.body.trim() }),
        ...(kind !== "task" && occurredAt && { occurredAt }),
        ...(kind === "call" && {
          callOutcome: draft.outcome,
          ...(draft.minutes !== "" && { durationSeconds: Math.round(Number(draft.minutes) * 60) }),
        }),
        ...(kind === "meeting" && {
          ...(dhakaInputToIso(draft.endsAt) && { endsAt: dhakaInputToIso(draft.endsAt) }),
          ...(draft.location.trim() && { location: draft.location.trim() }),
          ...(draft.attendees.trim() && { attendees: draft.attendees.trim() }),
        }),
        ...(kind === "task" && {
          dueAt: dhakaInputToIso(draft.dueAt),
          ...(dhakaInputToIso(draft.remindAt) && { remindAt: dhakaInputToIso(draft.remindAt) }),
        }),
        ...(kind === "email" && {
          emailDirection: draft.emailDirection,
          ...(draft.emailAddress.trim() && { emailAddress: draft.emailAddress.trim() }),
        }),
        links,
      },
    });
  };
  return (
    <Stack gap="xs" data-testid="activity-form">
      <SegmentedControl
        value={kind}
        onChange={(v) => setKind(ACTIVITY_KINDS.find((k) => k === v) ?? "call")}
        data={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`activities.kind.${k}`) }))}
        data-testid="activity-kind"
      />
      <TextInput
        label={t("activities.panel.subject")}
        value={draft.subject}
        onChange={(e) => set({ subject: e.currentTarget.value })}
        maxLength={300}
        required
        data-testid="activity-subject"
      />
      {kind === "call" ? (
        <Group grow>
          <Select
            label={t("activities.panel.outcome")}
            value={draft.outcome}
            onChange={(v) => set({ outcome: CALL_OUTCOMES.find((o) => o === v) ?? "connected" })}
            data={CALL_OUTCOMES.map((o) => ({ value: o, label: t(`activities.outcome.${o}`) }))}
            allowDeselect={false}
            data-testid="activity-outcome"
          />
          <NumberInput
            label={t("activities.panel.durationMinutes")}
            value={draft.minutes}
            onChange={(v) => set({ minutes: typeof v === "number" ? v : "" })}
            min={0}
            max={1440}
          />
        </Group>
      ) : null}
      {kind === "task" ? (
        <Group grow>
          <TextInput
            type="datetime-local"
            label={t("activities.panel.dueAt")}
            value={draft.dueAt}
            onChange={(e) => set({ dueAt: e.currentTarget.value })}
            required
            data-testid="activity-due"
          />
          <TextInput
            type="datetime-local"
            label={t("activities.panel.remindAt")}
            value={draft.remindAt}
            onChange={(e) => set({ remindAt: e.currentTarget.value })}
            data-testid="activity-remind"
          />
        </Group>
      ) : (
        <Group grow>
          <TextInput
            type="datetime-local"
            label={kind === "meeting" ? t("activities.panel.startsAt") : t("activities.panel.occurredAt")}
            value={draft.occurredAt}
            onChange={(e) => set({ occurredAt: e.currentTarget.value })}
          />
          {kind === "meeting" ? (
            <TextInput
              type="datetime-local"
              label={t("activities.panel.endsAt")}
              value={draft.endsAt}
              onChange={(e) => set({ endsAt: e.currentTarget.value })}
            />
          ) : null}
        </Group>
      )}
      {kind === "meeting" ? (
        <Group grow>
          <TextInput
            label={t("activities.panel.location")}
            value={draft.location}
            onChange={(e) => set({ location: e.currentTarget.value })}
            maxLength={300}
          />
          <TextInput
            label={t("activities.panel.attendees")}
            value={draft.attendees}
            onChange={(e) => set({ attendees: e.currentTarget.value })}
            maxLength={2000}
          />
        </Group>
      ) : null}
      {kind === "email" ? (
        <Group grow>
          <Select
            label={t("activities.panel.emailDirection")}
            value={draft.emailDirection}
            onChange={(v) => set({ emailDirection: v === "received" ? "received" : "sent" })}
            data={(["sent", "received"] as const).map((d) => ({
              value: d,
              label: t(`activities.emailDirection.${d}`),
            }))}
            allowDeselect={false}
          />
          <TextInput
            label={t("activities.panel.emailAddress")}
            value={draft.emailAddress}
            onChange={(e) => set({ emailAddress: e.currentTarget.value })}
            maxLength={320}
          />
        </Group>
      ) : null}
      <Textarea
        label={t("activities.panel.body")}
        value={draft.body}
        onChange={(e) => set({ body: e.currentTarget.value })}
        autosize
        minRows={2}
        maxLength={10_000}
      />
      <ErrorAlert error={log.error} />
      <Group justify="flex-end">
        <Button
          onClick={submit}
          loading={log.isPending}
          disabled={!draft.subject.trim() || (kind === "task" && !dhakaInputToIso(draft.dueAt))}
          data-testid="activity-submit"
        >
          {t("activities.panel.log")}
        </Button>
      </Group>
    </Stack>
  );
}

export function ActivityItem({
  activity: a,
  rootId,
  canWrite,
}: {
  activity: ActivityResponse;
  /** The record the list belongs to: its own link is not repeated under "also on". */
  rootId: string;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const update = useUpdateActivity();
  const others = a.links.filter((l) => l.id !== rootId);
  const overdue = isOverdue(a, new Date());
  return (
    <Paper withBorder p="xs" data-testid="activity-item" data-activity-id={a.id} data-kind={a.kind}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group gap="xs" align="flex-start" wrap="nowrap">
          {a.kind === "task" ? (
            <Checkbox
              checked={a.doneAt !== null}
              disabled={!canWrite || update.isPending}
              onChange={(e) => update.mutate({ id: a.id, body: { done: e.currentTarget.checked } })}
              aria-label={a.doneAt ? t("activities.panel.reopen") : t("activities.panel.markDone")}
              data-testid="task-done"
              mt={2}
            />
          ) : null}
          <Stack gap={2}>
            <Group gap="xs">
              <Badge color={KIND_COLORS[a.kind]} variant="light">
                {t(`activities.kind.${a.kind}`)}
              </Badge>
              <Text fw={500} td={a.doneAt ? "line-through" : undefined}>
                {a.subject}
              </Text>
              {a.callOutcome ? (
                <Badge variant="outline" color={a.callOutcome === "connected" ? "green" : "gray"}>
                  {t(`activities.outcome.${a.callOutcome}`)}
                </Badge>
              ) : null}
              {overdue ? <Badge color="red">{t("activities.panel.overdue")}</Badge> : null}
            </Group>
            {a.body ? (
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                {a.body}
              </Text>
            ) : null}
            <Text size="xs" c="dimmed">
              {[
                fmt.dateTime(activityTime(a)),
                a.durationSeconds !== null ? durationLabel(a.durationSeconds) : null,
                a.location ? t("activities.panel.at", { place: a.location }) : null,
                a.attendees,
                a.emailAddress
                  ? `${t(`activities.emailDirection.${a.emailDirection ?? "sent"}`)}: ${a.emailAddress}`
                  : null,
                a.ownerName ? t("activities.panel.by", { name: a.ownerName }) : null,
              ]
                .filter(Boolean)
                .join(" · ")}
            </Text>
            {others.length > 0 ? (
              <Text size="xs" c="dimmed">
                {t("activities.panel.linkedTo")}:{" "}
                {others.map((l) => `${t(`activities.recordType.${l.type}`)} ${l.name ?? ""}`.trim()).join(", ")}
              </Text>
            ) : null}
          </Stack>
        </Group>
      </Group>
      <ErrorAlert error={update.error} />
    </Paper>
  );
}
