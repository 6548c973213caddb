// The lead inbox (/crm/leads): open leads newest first, filtered by status, source, owner, campaign and search
// words, each flagged when it may be a duplicate; a new lead by hand, and an import of CSV or vCard files.
import {
  Alert,
  Badge,
  Button,
  Group,
  List,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { Link, useNavigate } from "@tanstack/react-router";
import { type ReactElement, useState } from "react";
import { useTranslation } from "react-i18next";
import { LEAD_SOURCES, LEAD_STATUSES, type LeadResponse } from "../../../shared/contracts/leads.ts";
import { isApiError } from "../../api/api-client.ts";
import { EmptyTableRow } from "../../ui/empty-state.tsx";
import { ErrorAlert } from "../../ui/error-alert.tsx";
import { PlusIcon, SearchIcon } from "../../ui/icons.tsx";
import { useFormat } from "../../ui/use-format.ts";
import { hasPermission, useMe } from "../auth/use-session.ts";
import { STATUS_COLOR } from "./lead-display.ts";
import { useCreateLead, useImportLeads, useLeads } from "./use-leads.ts";

export function LeadInboxPage(): ReactElement {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const canWrite = hasPermission(me, "crm.write");
  const [view, setView] = useState<"open" | "all">("open");
  const [status, setStatus] = useState<string | null>(null);
  const [source, setSource] = useState<string | null>(null);
  const [owner, setOwner] = useState<string | null>(null);
  const [campaign, setCampaign] = useState("");
  const [q, setQ] = useState("");
  const [debouncedQ] = useDebouncedValue(q, 250);
  const [debouncedCampaign] = useDebouncedValue(campaign, 250);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const list = useLeads({
    view,
    status: status ?? undefined,
    source: source ?? undefined,
    ownerId: owner === "me" ? me?.id : (owner ?? undefined),
    campaign: debouncedCampaign.trim() || undefined,
    q: debouncedQ.trim() || undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t("leads.inbox.title")}</Title>
        {canWrite ? (
          <Group gap="xs">
            <Button variant="default" onClick={() => setImporting(true)} data-testid="lead-import">
              {t("leads.import.open")}
            </Button>
            <Button leftSection={<PlusIcon size={16} />} onClick={() => setCreating(true)} data-testid="lead-new">
              {t("leads.inbox.new")}
            </Button>
          </Group>
        ) : null}
      </Group>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <SegmentedControl
          value={view}
          onChange={(v) => setView(v === "all" ? "all" : "open")}
          data={[
            { value: "open", label: t("leads.inbox.viewOpen") },
            { value: "all", label: t("leads.inbox.viewAll") },
          ]}
        />
        <Select
          label={t("leads.fields.status")}
          clearable
          value={status}
          onChange={setStatus}
          data={LEAD_STATUSES.map((s) => ({ value: s, label: t(`leads.status.${s}`) }))}
          w={160}
        />
        <Select
          label={t("leads.fields.source")}
          clearable
          value={source}
          onChange={setSource}
          data={LEAD_SOURCES.map((s) => ({ value: s, label: t(`leads.source.${s}`) }))}
          w={170}
        />
        <Select
          label={t("leads.fields.owner")}
          clearable
          value={owner}
          onChange={setOwner}
          data={[
            { value: "me", label: t("leads.inbox.mine") },
            { value: "none", label: t("leads.inbox.unassigned") },
          ]}
          w={160}
          data-testid="lead-owner-filter"
        />
        <TextInput
          label={t("leads.fields.campaign")}
          value={campaign}
          onChange={(e) => setCampaign(e.currentTarget.value)}
          w={170}
        />
        <TextInput
          leftSection={<SearchIcon size={16} />}
          label={t("leads.inbox.search")}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          data-testid="lead-search"
          style={{ flex: 1, minWidth: 180 }}
        />
      </Group>
      <ErrorAlert error={list.error} />
      <Table.ScrollContainer minWidth={760}>
        <Table striped highlightOnHover data-testid="lead-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("leads.fields.name")}</Table.Th>
              <Table.Th>{t("leads.fields.phone")}</Table.Th>
              <Table.Th>{t("leads.fields.source")}</Table.Th>
              <Table.Th>{t("leads.fields.campaign")}</Table.Th>
              <Table.Th>{t("leads.fields.owner")}</Table.Th>
              <Table.Th>{t("leads.fields.status")}</Table.Th>
              <Table.Th>{t("leads.fields.created")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((l) => (
              <LeadRow key={l.id} lead={l} created={fmt.dateTime(l.createdAt)} />
            ))}
            {!list.isPending && rows.length === 0 ? (
              <EmptyTableRow colSpan={7}>{t("leads.inbox.empty")}</EmptyTableRow>
            ) : null}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.hasNextPage ? (
        <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t("leads.inbox.loadMore")}
        </Button>
      ) : null}
      <NewLeadModal opened={creating} onClose={() => setCreating(false)} />
      <ImportLeadsModal opened={importing} onClose={() => setImporting(false)} />
    </Stack>
  );
}

function LeadRow({ lead: l, created }: { lead: LeadResponse; created: string }): ReactElement {
  const { t } = useTranslation();
  return (
    <Table.Tr data-testid="lead-row" data-lead-id={l.id}>
      <Table.Td>
        <Link to="/crm/leads/$leadId" params={{ leadId: l.id }}>
          {l.name}
        </Link>
        {l.company ? (
          <Text span size="xs" c="dimmed">
            {" "}
            · {l.company}
          </Text>
        ) : null}
        {l.duplicateCount > 0 ? (
          <Badge ml="xs" color="orange" variant="light" size="sm" data-testid="lead-duplicate-badge">
            {t("leads.duplicates.badge", { count: l.duplicateCount })}
          </Badge>
        ) : null}
      </Table.Td>
      <Table.Td>{l.phone ?? l.email ?? "—"}</Table.Td>
      <Table.Td>{l.formName ?? t(`leads.source.${l.source}`)}</Table.Td>
      <Table.Td>{l.utm.campaign ?? "—"}</Table.Td>
      <Table.Td>{l.ownerName ?? t("leads.inbox.unassigned")}</Table.Td>
      <Table.Td>
        <Badge color={STATUS_COLOR[l.status]} variant="light">
          {t(`leads.status.${l.status}`)}
        </Badge>
      </Table.Td>
      <Table.Td>{created}</Table.Td>
    </Table.Tr>
  );
}

function NewLeadModal({ opened, onClose }: { opened: boolean; onClose: () => void }): ReactElement {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [v, setV] = useState({ name: "", phone: "", email: "", company: "", message: "" });
  const create = useCreateLead({
    onSuccess: (lead) => {
      notifications.show({ color: "teal", message: t("leads.saved") });
      setV({ name: "", phone: "", email: "", company: "", message: "" });
      onClose();
      void navigate({ to: "/crm/leads/$leadId", params: { leadId: lead.id } });
    },
  });
  const set = (k: keyof typeof v) => (e: { currentTarget: { value: string } }) =>
    setV({ ...v, [k]: e.currentTarget.value });
  return (
    <Modal opened={opened} onClose={onClose} title={t("leads.inbox.new")}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({
            name: v.name,
            phone: v.phone || null,
            email: v.email || null,
            company: v.company || null,
            message: v.message || null,
          });
        }}
      >
        <Stack gap="sm">
          <TextInput label={t("leads.fields.name")} required value={v.name} onChange={set("name")} />
          <TextInput label={t("leads.fields.phone")} value={v.phone} onChange={set("phone")} inputMode="tel" />
          <TextInput label={t("leads.fields.email")} type="email" value={v.email} onChange={set("email")} />
          <TextInput label={t("leads.fields.company")} value={v.company} onChange={set("company")} />
          <Textarea label={t("leads.fields.message")} value={v.message} onChange={set("message")} />
          <ErrorAlert error={create.error} />
          <Button type="submit" loading={create.isPending}>
            {t("leads.save")}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}

function ImportLeadsModal({ opened, onClose }: { opened: boolean; onClose: () => void }): ReactElement {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [format, setFormat] = useState<"csv" | "vcard">("csv");
  const [text, setText] = useState("");
  const run = useImportLeads({
    onSuccess: (r) => {
      notifications.show({
        color: "teal",
        message: t("leads.import.done", { count: r.imported, n: fmt.number(r.imported) }),
      });
      setText("");
      onClose();
    },
  });
  const rowErrors =
    isApiError(run.error) && Array.isArray(run.error.details?.errors)
      ? (run.error.details.errors as { row: number; message: string }[])
      : [];
  return (
    <Modal opened={opened} onClose={onClose} title={t("leads.import.title")} size="lg">
      <Stack gap="sm">
        <SegmentedControl
          value={format}
          onChange={(f) => setFormat(f === "vcard" ? "vcard" : "csv")}
          data={[
            { value: "csv", label: "CSV" },
            { value: "vcard", label: "vCard" },
          ]}
        />
        <Text size="sm" c="dimmed">
          {format === "csv" ? t("leads.import.csvHelp") : t("leads.import.vcardHelp")}
        </Text>
        <input
          type="file"
          accept={format === "csv" ? ".csv,text/csv" : ".vcf,text/vcard"}
          aria-label={t("leads.import.file")}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void file.text().then(setText);
          }}
        />
        <Textarea
          label={t("leads.import.text")}
          autosize
          minRows={5}
          maxRows={14}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          styles={{ input: { fontFamily: "monospace" } }}
        />
        {rowErrors.length > 0 ? (
          <Alert color="red" title={run.error?.message}>
            <List size="sm">
              {rowErrors.slice(0, 50).map((e) => (
                <List.Item key={`${e.row}-${e.message}`}>
                  {t("leads.import.row", { row: fmt.number(e.row) })}: {e.message}
                </List.Item>
              ))}
            </List>
          </Alert>
        ) : (
          <ErrorAlert error={run.error} />
        )}
        <Button disabled={!text.trim()} loading={run.isPending} onClick={() => run.mutate({ format, text })}>
          {t("leads.import.run")}
        </Button>
      </Stack>
    </Modal>
  );
}
