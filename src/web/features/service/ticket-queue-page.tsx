// /service: the ticket queue in the caller's scope (mine, unassigned, breached, all; by type, priority and status)
// with a live SLA badge for each target, and a form to open a ticket by hand (a phone call, a walk-in).
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
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  TICKET_VIEWS,
  type TicketChannel,
  type TicketPriority,
  type TicketType,
} from "../../../shared/contracts/service.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import type { QueueSearch } from "./service-routes.tsx";
import { SlaBadge } from "./sla-badge.tsx";
import { PRIORITY_COLORS, STATUS_COLORS } from "./sla-display.ts";
import { useAgents, useCreateTicket, useTickets } from "./use-service.ts";

const route = getRouteApi("/_app/service");
const ANY = "any";

export function TicketQueueRoute() {
  return (
    <RequirePermission permission="service.read">
      <TicketQueuePage />
    </RequirePermission>
  );
}

function TicketQueuePage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const setSearch = (patch: Partial<QueueSearch>) =>
    void navigate({ search: (s: QueueSearch) => ({ ...s, ...patch }), replace: true });
  const [creating, setCreating] = useState(false);
  const [query, setQuery] = useState(search.q ?? "");
  const list = useTickets({
    view: search.view ?? "all",
    type: search.type,
    priority: search.priority,
    status: search.status,
    active: search.all || search.status ? undefined : "true",
    q: search.q,
  });
  const canWrite = hasPermission(me, "service.write");

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("service.queue.title")}</Title>
        {canWrite && (
          <Button onClick={() => setCreating(true)} data-testid="ticket-new">
            {t("service.queue.newTicket")}
          </Button>
        )}
      </Group>
      <Paper withBorder p="sm">
        <Group wrap="wrap" align="end">
          <SegmentedControl
            value={search.view ?? "all"}
            onChange={(v) => setSearch({ view: v as QueueSearch["view"] })}
            data={TICKET_VIEWS.map((v) => ({ value: v, label: t(`service.queue.views.${v}`) }))}
            data-testid="queue-view"
          />
          <Select
            aria-label={t("service.create.type")}
            value={search.type ?? ANY}
            onChange={(v) => setSearch({ type: v === ANY || !v ? undefined : (v as TicketType) })}
            data={[
              { value: ANY, label: t("service.queue.anyType") },
              ...TICKET_TYPES.map((v) => ({ value: v, label: t(`service.type.${v}`) })),
            ]}
            w={150}
          />
          <Select
            aria-label={t("service.create.priority")}
            value={search.priority ?? ANY}
            onChange={(v) => setSearch({ priority: v === ANY || !v ? undefined : (v as TicketPriority) })}
            data={[
              { value: ANY, label: t("service.queue.anyPriority") },
              ...TICKET_PRIORITIES.map((v) => ({ value: v, label: t(`service.priority.${v}`) })),
            ]}
            w={150}
          />
          <Select
            aria-label={t("service.queue.anyStatus")}
            value={search.status ?? ANY}
            onChange={(v) => setSearch({ status: v === ANY || !v ? undefined : (v as QueueSearch["status"]) })}
            data={[
              { value: ANY, label: t("service.queue.anyStatus") },
              ...TICKET_STATUSES.map((v) => ({ value: v, label: t(`service.status.${v}`) })),
            ]}
            w={190}
          />
          <Checkbox
            label={t("service.queue.activeOnly")}
            checked={!search.all && !search.status}
            disabled={search.status !== undefined}
            onChange={(e) => setSearch({ all: e.currentTarget.checked ? undefined : true })}
          />
          <TextInput
            placeholder={t("service.queue.search")}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            onKeyDown={(e) => e.key === "Enter" && setSearch({ q: query || undefined })}
            onBlur={() => setSearch({ q: query || undefined })}
            data-testid="queue-search"
            w={260}
          />
        </Group>
      </Paper>
      {list.error && <ErrorAlert error={list.error} />}
      <Table.ScrollContainer minWidth={900}>
        <Table striped highlightOnHover data-testid="ticket-queue">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("service.queue.number")}</Table.Th>
              <Table.Th>{t("service.queue.subject")}</Table.Th>
              <Table.Th>{t("service.queue.requester")}</Table.Th>
              <Table.Th>{t("service.queue.assignee")}</Table.Th>
              <Table.Th>{t("service.queue.firstResponse")}</Table.Th>
              <Table.Th>{t("service.queue.resolution")}</Table.Th>
              <Table.Th>{t("service.queue.created")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.items.length === 0 && <EmptyTableRow colSpan={7}>{t("service.queue.empty")}</EmptyTableRow>}
            {list.data?.items.map((ticket) => (
              <Table.Tr key={ticket.id} data-testid="ticket-row">
                <Table.Td>
                  <Anchor
                    renderRoot={(props) => <Link {...props} to="/service/tickets/$id" params={{ id: ticket.id }} />}
                  >
                    {ticket.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <span>{ticket.subject}</span>
                    <Group gap={4}>
                      <Badge size="xs" variant="outline" tt="none">
                        {t(`service.type.${ticket.type}`)}
                      </Badge>
                      <Badge size="xs" color={PRIORITY_COLORS[ticket.priority]} tt="none">
                        {t(`service.priority.${ticket.priority}`)}
                      </Badge>
                      <Badge size="xs" color={STATUS_COLORS[ticket.status]} variant="light" tt="none">
                        {t(`service.status.${ticket.status}`)}
                      </Badge>
                    </Group>
                  </Stack>
                </Table.Td>
                <Table.Td>{ticket.requesterName ?? "—"}</Table.Td>
                <Table.Td>{ticket.assigneeName ?? t("service.queue.unassigned")}</Table.Td>
                <Table.Td>
                  <SlaBadge target={ticket.firstResponse} paused={ticket.slaPaused} testId="sla-first-response" />
                </Table.Td>
                <Table.Td>
                  <SlaBadge target={ticket.resolution} paused={ticket.slaPaused} testId="sla-resolution" />
                </Table.Td>
                <Table.Td>{fmt.dateTime(ticket.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {creating && <NewTicketModal onClose={() => setCreating(false)} />}
    </Stack>
  );
}

function NewTicketModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const agents = useAgents();
  const [type, setType] = useState<TicketType>("question");
  const [channel, setChannel] = useState<TicketChannel>("phone");
  const [priority, setPriority] = useState<TicketPriority>("normal");
  const [subject, setSubject] = useState("");
  const [description, setDescription] = useState("");
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [email, setEmail] = useState("");
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const create = useCreateTicket({
    onSuccess: (ticket) => {
      notifications.show({ color: "teal", message: t("service.create.created", { number: ticket.number }) });
      onClose();
      void navigate({ to: "/service/tickets/$id", params: { id: ticket.id } });
    },
  });
  return (
    <Modal opened onClose={onClose} title={t("service.create.title")} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({
            type,
            channel,
            priority,
            subject,
            description,
            requesterName: name || undefined,
            requesterPhone: phone || undefined,
            requesterEmail: email || undefined,
            assigneeId: assigneeId ?? undefined,
          });
        }}
      >
        <Stack>
          <Group grow>
            <Select
              label={t("service.create.type")}
              value={type}
              onChange={(v) => v && setType(v as TicketType)}
              data={TICKET_TYPES.map((v) => ({ value: v, label: t(`service.type.${v}`) }))}
            />
            <Select
              label={t("service.create.channel")}
              value={channel}
              onChange={(v) => v && setChannel(v as TicketChannel)}
              data={TICKET_CHANNELS.map((v) => ({ value: v, label: t(`service.channel.${v}`) }))}
            />
            <Select
              label={t("service.create.priority")}
              value={priority}
              onChange={(v) => v && setPriority(v as TicketPriority)}
              data={TICKET_PRIORITIES.map((v) => ({ value: v, label: t(`service.priority.${v}`) }))}
            />
          </Group>
          <TextInput
            label={t("service.create.subject")}
            required
            value={subject}
            onChange={(e) => setSubject(e.currentTarget.value)}
            data-testid="ticket-subject"
          />
          <Textarea
            label={t("service.create.description")}
            autosize
            minRows={3}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <Group grow>
            <TextInput
              label={t("service.create.requesterName")}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              data-testid="ticket-requester"
            />
            <TextInput
              label={t("service.create.requesterPhone")}
              value={phone}
              onChange={(e) => setPhone(e.currentTarget.value)}
            />
            <TextInput
              label={t("service.create.requesterEmail")}
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
          </Group>
          <Select
            label={t("service.create.assignee")}
            clearable
            value={assigneeId}
            onChange={setAssigneeId}
            data={(agents.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
          />
          {create.error && <ErrorAlert error={create.error} />}
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending} data-testid="ticket-create">
              {t("service.create.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
