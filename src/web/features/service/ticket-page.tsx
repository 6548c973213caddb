// /service/tickets/<id>: one ticket. The conversation (the customer's words, public replies, internal notes), a reply
// box, assignment and priority, the status moves (wait on the customer, resolve with a resolution, close, reopen),
// the SLA badges, the history, and the button that turns a resolved ticket into a draft FAQ article.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { getRouteApi, Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  TICKET_PRIORITIES,
  TICKET_TYPES,
  type TicketPriority,
  type TicketType,
} from "../../../shared/contracts/service.ts";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { RequirePermission } from "../../ui/status-pages.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { SlaBadge } from "./sla-badge.tsx";
import { PRIORITY_COLORS, STATUS_COLORS } from "./sla-display.ts";
import {
  type Ticket,
  useAgents,
  useTicket,
  useTicketMessage,
  useTicketStatus,
  useTicketToArticle,
  useUpdateTicket,
} from "./use-service.ts";

const route = getRouteApi("/_app/service/tickets/$id");

export function TicketRoute() {
  return (
    <RequirePermission permission="service.read">
      <TicketPage />
    </RequirePermission>
  );
}

const EVENT_KINDS = [
  "created",
  "assigned",
  "priority_changed",
  "type_changed",
  "subject_changed",
  "status_changed",
  "reopened",
  "first_response",
  "sla_breached",
  "escalated",
  "article_created",
] as const;

function TicketPage() {
  const { id } = route.useParams();
  const ticket = useTicket(id);
  if (ticket.error) return <ErrorAlert error={ticket.error} />;
  if (!ticket.data) return null;
  // Keyed by id: another ticket starts with its own reply box and resolution text.
  return <TicketView key={ticket.data.id} ticket={ticket.data} />;
}

function TicketView({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const navigate = useNavigate();
  const canWrite = hasPermission(me, "service.write");
  const canArticle = hasPermission(me, "kb.write");
  const agents = useAgents();
  const [kind, setKind] = useState<"public" | "internal">("public");
  const [body, setBody] = useState("");
  const [resolution, setResolution] = useState(ticket.resolutionText ?? "");
  const saved = () => notifications.show({ color: "teal", message: t("service.ticket.saved") });
  const update = useUpdateTicket(ticket.id, { onSuccess: saved });
  const message = useTicketMessage(ticket.id, { onSuccess: () => setBody("") });
  const status = useTicketStatus(ticket.id, { onSuccess: saved });
  const toArticle = useTicketToArticle(ticket.id, {
    onSuccess: (article) => {
      notifications.show({ color: "teal", message: t("service.ticket.articleMade") });
      void navigate({ to: "/service/kb/$id", params: { id: article.id } });
    },
  });
  const closed = ticket.status === "closed";
  const done = ticket.status === "resolved" || closed;
  const error = update.error ?? message.error ?? status.error ?? toArticle.error;
  const eventLabel = (k: string) =>
    (EVENT_KINDS as readonly string[]).includes(k)
      ? t(`service.ticket.events.${k as (typeof EVENT_KINDS)[number]}`)
      : k;

  return (
    <Stack>
      <Anchor renderRoot={(props) => <Link {...props} to="/service" />} size="sm">
        {t("service.ticket.back")}
      </Anchor>
      <Group justify="space-between" align="start">
        <Stack gap={4}>
          <Title order={2}>
            {ticket.number} · {ticket.subject}
          </Title>
          <Group gap={6}>
            <Badge color={STATUS_COLORS[ticket.status]} tt="none" data-testid="ticket-status">
              {t(`service.status.${ticket.status}`)}
            </Badge>
            <Badge color={PRIORITY_COLORS[ticket.priority]} tt="none">
              {t(`service.priority.${ticket.priority}`)}
            </Badge>
            <Badge variant="outline" tt="none">
              {t(`service.channel.${ticket.channel}`)}
            </Badge>
            {ticket.escalationLevel > 0 && (
              <Badge color="red" variant="outline" tt="none">
                {t("service.ticket.escalated", { level: fmt.number(ticket.escalationLevel) })}
              </Badge>
            )}
          </Group>
        </Stack>
        <Group gap="xs">
          <Text size="sm">{t("service.queue.firstResponse")}</Text>
          <SlaBadge target={ticket.firstResponse} paused={ticket.slaPaused} testId="sla-first-response" />
          <Text size="sm">{t("service.queue.resolution")}</Text>
          <SlaBadge target={ticket.resolution} paused={ticket.slaPaused} testId="sla-resolution" />
        </Group>
      </Group>
      {error && <ErrorAlert error={error} />}
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            <Paper withBorder p="md">
              <Text fw={600} size="sm">
                {t("service.ticket.description")}
              </Text>
              <Text style={{ whiteSpace: "pre-wrap" }}>{ticket.description || "—"}</Text>
            </Paper>
            <Title order={4}>{t("service.ticket.conversation")}</Title>
            {ticket.messages.length === 0 && <Text c="dimmed">{t("service.ticket.noMessages")}</Text>}
            {ticket.messages.map((m) => (
              <Paper
                key={m.id}
                withBorder
                p="sm"
                bg={m.kind === "internal" ? "yellow.0" : m.authorKind === "requester" ? "gray.0" : undefined}
                data-testid="ticket-message"
                data-kind={m.kind}
              >
                <Group justify="space-between">
                  <Text size="sm" fw={600}>
                    {m.authorName ?? (m.authorKind === "requester" ? t("service.ticket.fromCustomer") : "—")}
                    {m.kind === "internal" && ` · ${t("service.ticket.internal")}`}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {fmt.dateTime(m.createdAt)} · {t(`service.channel.${m.channel}`)}
                  </Text>
                </Group>
                <Text style={{ whiteSpace: "pre-wrap" }}>{m.body}</Text>
              </Paper>
            ))}
            {canWrite && !closed && (
              <Paper withBorder p="sm">
                <Stack gap="xs">
                  <SegmentedControl
                    value={kind}
                    onChange={(v) => setKind(v as "public" | "internal")}
                    data={[
                      { value: "public", label: t("service.ticket.reply") },
                      { value: "internal", label: t("service.ticket.note") },
                    ]}
                  />
                  <Textarea
                    autosize
                    minRows={3}
                    value={body}
                    onChange={(e) => setBody(e.currentTarget.value)}
                    data-testid="ticket-reply"
                  />
                  <Group justify="flex-end">
                    <Button
                      onClick={() => message.mutate({ kind, body })}
                      disabled={body.trim() === ""}
                      loading={message.isPending}
                      data-testid="ticket-send"
                    >
                      {kind === "public" ? t("service.ticket.send") : t("service.ticket.addNote")}
                    </Button>
                  </Group>
                </Stack>
              </Paper>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <Paper withBorder p="md">
              <Stack gap="xs">
                <Text fw={600}>{t("service.ticket.requester")}</Text>
                <Text>{ticket.requesterName ?? "—"}</Text>
                {ticket.requesterPhone && <Text size="sm">{ticket.requesterPhone}</Text>}
                {ticket.requesterEmail && <Text size="sm">{ticket.requesterEmail}</Text>}
              </Stack>
            </Paper>
            <Paper withBorder p="md">
              <Stack gap="xs">
                <Text fw={600}>{t("service.ticket.details")}</Text>
                <Select
                  label={t("service.ticket.assignee")}
                  clearable
                  disabled={!canWrite}
                  value={ticket.assigneeId}
                  onChange={(v) => update.mutate({ assigneeId: v })}
                  data={(agents.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
                  data-testid="ticket-assignee"
                />
                <Select
                  label={t("service.ticket.priority")}
                  disabled={!canWrite}
                  value={ticket.priority}
                  onChange={(v) => v && update.mutate({ priority: v as TicketPriority })}
                  data={TICKET_PRIORITIES.map((v) => ({ value: v, label: t(`service.priority.${v}`) }))}
                  data-testid="ticket-priority"
                />
                <Select
                  label={t("service.ticket.type")}
                  disabled={!canWrite}
                  value={ticket.type}
                  onChange={(v) => v && update.mutate({ type: v as TicketType })}
                  data={TICKET_TYPES.map((v) => ({ value: v, label: t(`service.type.${v}`) }))}
                />
              </Stack>
            </Paper>
            {canWrite && (
              <Paper withBorder p="md">
                <Stack gap="xs">
                  <Text fw={600}>{t("service.ticket.resolutionText")}</Text>
                  <Textarea
                    autosize
                    minRows={3}
                    placeholder={t("service.ticket.resolutionPlaceholder")}
                    value={resolution}
                    onChange={(e) => setResolution(e.currentTarget.value)}
                    disabled={closed}
                    data-testid="ticket-resolution"
                  />
                  <Group gap="xs">
                    {!done && (
                      <Button
                        color="teal"
                        disabled={resolution.trim() === ""}
                        onClick={() => status.mutate({ status: "resolved", resolution })}
                        data-testid="ticket-resolve"
                      >
                        {t("service.ticket.resolve")}
                      </Button>
                    )}
                    {(ticket.status === "new" || ticket.status === "open") && (
                      <Button variant="default" onClick={() => status.mutate({ status: "pending" })}>
                        {t("service.ticket.pending")}
                      </Button>
                    )}
                    {ticket.status === "pending" && (
                      <Button variant="default" onClick={() => status.mutate({ status: "open" })}>
                        {t("service.ticket.resume")}
                      </Button>
                    )}
                    {done && (
                      <Button variant="default" onClick={() => status.mutate({ status: "open" })}>
                        {t("service.ticket.open")}
                      </Button>
                    )}
                    {!closed && (
                      <Button variant="default" color="gray" onClick={() => status.mutate({ status: "closed" })}>
                        {t("service.ticket.close")}
                      </Button>
                    )}
                  </Group>
                </Stack>
              </Paper>
            )}
            {canArticle && done && ticket.resolutionText && (
              <Button
                variant="light"
                onClick={() => toArticle.mutate()}
                loading={toArticle.isPending}
                data-testid="ticket-to-article"
              >
                {t("service.ticket.toArticle")}
              </Button>
            )}
            {ticket.articleIds.length > 0 && (
              <Alert variant="light">
                <Text size="sm">{t("service.ticket.articles")}</Text>
                {ticket.articleIds.map((articleId, i) => (
                  <Anchor
                    key={articleId}
                    renderRoot={(props) => <Link {...props} to="/service/kb/$id" params={{ id: articleId }} />}
                    size="sm"
                    mr="xs"
                  >
                    #{fmt.number(i + 1)}
                  </Anchor>
                ))}
              </Alert>
            )}
            <Paper withBorder p="md">
              <Text fw={600} mb="xs">
                {t("service.ticket.history")}
              </Text>
              <Timeline bulletSize={10} lineWidth={2}>
                {ticket.events.map((e) => (
                  <Timeline.Item key={e.id} title={eventLabel(e.kind)}>
                    <Text size="xs" c="dimmed">
                      {fmt.dateTime(e.createdAt)}
                      {e.actorName ? ` · ${e.actorName}` : ""}
                    </Text>
                  </Timeline.Item>
                ))}
              </Timeline>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
